import { randomBytes, randomUUID } from 'node:crypto';
import type { ArchiveManifest, DataExportsAnswer } from '@orbit/contracts';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MailPlatform, startMailPlatform } from '../test/platform.js';
import { safeFileName } from './export.js';

let p: MailPlatform;
beforeAll(async () => {
  p = await startMailPlatform();
});
afterAll(async () => {
  await p?.close();
});

/** Polls until `check` holds: the hub builds the export on its job queue, within a second or two. */
async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Mail in the account’s data export', () => {
  it('puts every message and each attachment’s exact bytes in the hub’s archive', async () => {
    const alice = await p.person('Alice');
    const bob = await p.person('Bob');
    const file = randomBytes(3000);
    const sent = await alice.browser.json(
      'POST',
      `${p.mail.url}/api/send`,
      {
        to: [bob.account.handle],
        subject: 'Q3 plan',
        bodyText: 'The plan is attached.',
        attachments: [
          { filename: 'Q3 plan.pdf', contentType: 'application/pdf', dataBase64: file.toString('base64') },
        ],
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(sent.status).toBe(201);

    const hub = (path: string) => `${p.launched.url}${path}`;
    const requested = await bob.browser.json('POST', hub('/api/me/exports'));
    expect(requested.status).toBe(202);
    const ready = await eventually(async () => {
      const { body } = await bob.browser.json<DataExportsAnswer>('GET', hub('/api/me/exports'));
      const latest = body.exports[0];
      return latest?.status === 'ready' ? latest : undefined;
    });
    expect(ready).toMatchObject({ partial: false, missingServices: [] });
    const link = await bob.browser.json('POST', hub(`/api/me/exports/${ready.id}/link`));
    expect(link.status).toBe(200);
    const archive = await bob.browser.fetch(hub(link.body.url));
    expect(archive.status).toBe(200);
    const files = unzipSync(new Uint8Array(await archive.arrayBuffer()));

    const messages = JSON.parse(strFromU8(files['services/mail/messages.json']!));
    expect(messages).toEqual([
      expect.objectContaining({
        folder: 'inbox',
        subject: 'Q3 plan',
        bodyText: 'The plan is attached.',
        read: false,
        from: expect.objectContaining({ sub: alice.account.id }),
        to: [expect.objectContaining({ sub: bob.account.id })],
        attachments: [expect.objectContaining({ filename: 'Q3 plan.pdf', size: file.byteLength })],
      }),
    ]);
    const path = `services/mail/attachments/${messages[0].id}/Q3 plan.pdf`;
    expect(messages[0].attachments[0].file).toBe(path.replace('services/mail/', ''));
    expect(Buffer.from(files[path]!).equals(file)).toBe(true);
    expect(strFromU8(files['services/mail/messages.csv']!)).toMatch(/^id,folder,date,from,to,cc,subject,/);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as ArchiveManifest;
    expect(manifest.services).toEqual([{ id: 'mail', name: 'Mail', status: 'included' }]);
    expect(manifest.files.find((f) => f.path === path)).toMatchObject({
      source: 'mail',
      contentType: 'application/pdf',
      bytes: file.byteLength,
    });
    // Alice's mailbox is hers alone: nothing of it is in Bob's archive but the copy he received.
    expect(Object.keys(files).filter((name) => name.startsWith('services/mail/attachments/'))).toEqual([
      path,
    ]);
  });

  it('names attachment files safely', () => {
    expect(safeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFileName('.hidden')).toBe('hidden');
    expect(safeFileName('a\u0000b:c.txt')).toBe('a_b_c.txt');
    expect(safeFileName('   ')).toBe('attachment');
    const long = safeFileName(`${'x'.repeat(300)}.pdf`);
    expect(long).toHaveLength(120);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});
