import { createServer } from 'node:net';
import { PermanentJobError } from '@orbit/jobs';
import { describe, expect, it } from 'vitest';
import { classifySmtpError, createSmtpTransport } from './transport.js';

const smtpError = (responseCode: number | undefined, code = 'EENVELOPE') =>
  Object.assign(new Error(`${responseCode ?? ''} refused`), { responseCode, code });

describe('SMTP failures', () => {
  it('fails for good on a 5xx answer (RFC 5321 permanent negative completion)', () => {
    expect(classifySmtpError(smtpError(550))).toBeInstanceOf(PermanentJobError);
    expect(classifySmtpError(smtpError(554, 'EMESSAGE'))).toBeInstanceOf(PermanentJobError);
  });

  it('retries 4xx answers, and authentication failures an operator can fix', () => {
    for (const error of [smtpError(451), smtpError(421, 'ECONNECTION'), smtpError(535, 'EAUTH')]) {
      const classified = classifySmtpError(error);
      expect(classified).not.toBeInstanceOf(PermanentJobError);
      expect(classified.message).toMatch(/^SMTP: /);
    }
  });

  it('retries when the server can’t be reached', async () => {
    // A port that was just free: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const transport = createSmtpTransport(`smtp://127.0.0.1:${port}`);
    const failure = await transport
      .send({
        from: 'a@orbit.test',
        to: 'b@orbit.test',
        subject: 's',
        text: 't',
        html: '<p>t</p>',
        messageId: '<1@orbit.test>',
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    await expect(transport.verify()).rejects.toThrow(/ECONNREFUSED|connect/i);
    transport.close();
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(PermanentJobError);
    expect((failure as Error).message).toMatch(/ECONNREFUSED|connect/i);
  });
});
