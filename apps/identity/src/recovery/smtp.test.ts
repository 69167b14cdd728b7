import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { startSmtpServer } from '../test/smtp.js';

const NEW_PASSWORD = 'lantern harbour quietly eleven';

describe('recovery over SMTP (a real SMTP server in this process)', () => {
  let hub: TestHub;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    hub = await startTestHub({ ORBIT_SMTP_URL: smtp.url, ORBIT_EMAIL_FROM: 'Orbit <mail@orbit.test>' });
  });
  afterAll(async () => {
    hub.services.email.close();
    await hub.close();
    await smtp.close();
  });

  /** Delivers what is queued, then answers the link in the newest message the address received. */
  async function linkReceivedBy(address: string, path: string): Promise<string> {
    await hub.services.email.deliverDue();
    const mail = smtp.received.filter((m) => m.to.includes(address)).at(-1);
    const link = new RegExp(`https?://[^\\s<>"]+${path}\\?token=[\\w-]+`).exec(mail?.text ?? '')?.[0];
    if (!link) throw new Error(`no ${path} link in the mail to ${address}`);
    // The HTML part carries the same link.
    expect(mail?.html).toContain(link);
    return link;
  }
  const tokenOf = (link: string) => new URL(link).searchParams.get('token');

  it('verifies an address and resets a forgotten password with links received over SMTP', async () => {
    const email = `${uniqueHandle('smtp')}@example.org`;
    const browser = new TestBrowser(hub);
    const { account } = (await browser.signUp({ email })).body;
    const verifyLink = await linkReceivedBy(email, '/verify-email');
    expect(verifyLink.startsWith(hub.config.issuer)).toBe(true);
    expect((await browser.request('POST', '/api/email/verify', { token: tokenOf(verifyLink) })).status).toBe(
      200,
    );

    const asked = await new TestBrowser(hub, '198.51.100.90').request('POST', '/api/password-reset', {
      identifier: email,
    });
    expect(asked.status).toBe(202);
    const resetLink = await linkReceivedBy(email, '/reset-password');
    const mail = smtp.received.at(-1);
    expect(mail?.headers.to).toBe(email);
    expect(mail?.text).toContain('30');

    const reader = new TestBrowser(hub, '198.51.100.91');
    const done = await reader.request('POST', '/api/password-reset/confirm', {
      token: tokenOf(resetLink),
      password: NEW_PASSWORD,
    });
    expect(done.status).toBe(200);
    expect((await browser.request('GET', '/api/me')).status).toBe(401);
    const signedIn = await new TestBrowser(hub).signIn(email, NEW_PASSWORD);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.account.id).toBe(account.id);

    // The owner is told of the reset (the security notice), over SMTP too.
    await hub.services.email.deliverDue();
    const notice = smtp.received.filter((m) => m.to.includes(email)).at(-1);
    expect(notice?.headers.subject).toBe('Your Orbit password was reset');
  });
});
