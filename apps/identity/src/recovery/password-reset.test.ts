import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, TestBrowser, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { linkIn, templatesTo, tokenOf } from '../test/mail-links.js';
import { authenticatorFor, enroll, secondFactor } from '../test/passkeys.js';
import { HOUR_MS, RESET_LINK_MS } from './mail.js';
import { RESET_MAILS_PER_HOUR, RESET_REQUESTS_PER_IP } from './password-reset.js';

const NEW_PASSWORD = 'a brand new passphrase for orbit';

describe('forgot password', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  let ips = 0;
  /** Each test asks from its own address, so the per-IP limit is only met where a test means to. */
  const freshIp = () => `198.51.100.${++ips}`;
  async function verifiedAccount() {
    const email = `${uniqueHandle('reset')}@example.org`;
    const browser = new TestBrowser(hub, freshIp());
    const { account } = (await browser.signUp({ email })).body;
    await browser.request('POST', '/api/email/verify', {
      token: tokenOf(await linkIn(hub, email, 'email_verify')),
    });
    return { browser, account, email };
  }
  const ask = (identifier: unknown, ip = freshIp()) =>
    new TestBrowser(hub, ip).request('POST', '/api/password-reset', { identifier });
  const resetsTo = async (email: string) =>
    (await templatesTo(hub, email)).filter((t) => t === 'password_reset').length;

  it('answers the same whether or not the account exists or has a verified address, and mails only that one', async () => {
    const { account, email } = await verifiedAccount();
    const unverified = new TestBrowser(hub, freshIp());
    const unverifiedEmail = `${uniqueHandle('unverified')}@example.org`;
    const { account: other } = (await unverified.signUp({ email: unverifiedEmail })).body;
    const replies = [
      await ask(account.accountNumber),
      await ask(account.handle.toUpperCase()),
      await ask(email),
      await ask('nobody-at-all'),
      await ask('999999999'),
      await ask('nobody@example.org'),
      await ask(other.handle),
      await ask(unverifiedEmail),
    ];
    for (const reply of replies) {
      expect(reply.status).toBe(202);
      expect(reply.body).toEqual({ status: 'requested' });
    }
    expect(await resetsTo(email)).toBe(3);
    expect(await resetsTo(unverifiedEmail)).toBe(0);
    const link = await linkIn(hub, email, 'password_reset');
    expect(link.startsWith(`${hub.config.issuer}/reset-password?token=`)).toBe(true);
  });

  it('records the request in the security log, with how the account was named', async () => {
    const { browser, account } = await verifiedAccount();
    await ask(account.handle);
    const events = (await browser.request('GET', '/api/me/security-log')).body.events;
    expect(events[0]).toMatchObject({ type: 'password_reset.requested', details: { via: 'handle' } });
  });

  it('mails an account at most a few links an hour, answering the same beyond', async () => {
    const { account, email } = await verifiedAccount();
    for (let i = 0; i < RESET_MAILS_PER_HOUR + 2; i++) expect((await ask(account.handle)).status).toBe(202);
    expect(await resetsTo(email)).toBe(RESET_MAILS_PER_HOUR);
    hub.clock.advance(HOUR_MS);
    await ask(account.handle);
    expect(await resetsTo(email)).toBe(RESET_MAILS_PER_HOUR + 1);
  });

  it('refuses an address that asks too often with 429 and Retry-After, naming no account', async () => {
    const ip = freshIp();
    for (let i = 0; i < RESET_REQUESTS_PER_IP; i++) expect((await ask(`someone${i}`, ip)).status).toBe(202);
    const refused = await ask('someone-else', ip);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('password_reset.too_many_requests');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await ask('someone-else')).status).toBe(202);
  });

  it('checks a link without spending it, then resets once: policy, sessions, sign-in lock and the log', async () => {
    const { browser, account, email } = await verifiedAccount();
    const other = new TestBrowser(hub, freshIp());
    await other.signIn(account.handle);
    // An attacker's failures had locked the account.
    const attacker = new TestBrowser(hub, freshIp());
    for (let i = 0; i < hub.config.throttle.accountLimit; i++)
      await attacker.signIn(account.handle, 'wrong guess');
    expect((await attacker.signIn(account.handle, 'wrong guess')).status).toBe(429);
    await ask(email);
    const older = tokenOf(await linkIn(hub, email, 'password_reset'));
    await ask(account.handle);
    const token = tokenOf(await linkIn(hub, email, 'password_reset'));
    expect(token).not.toBe(older);
    const reader = new TestBrowser(hub, freshIp());
    const check = await reader.request('POST', '/api/password-reset/check', { token });
    expect(check.status).toBe(200);
    expect(check.body).toEqual({ valid: true, expiresAt: expect.any(String) });

    const weak = await reader.request('POST', '/api/password-reset/confirm', { token, password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error).toMatchObject({ code: 'password.too_short', details: [{ path: 'password' }] });
    const named = await reader.request('POST', '/api/password-reset/confirm', {
      token,
      password: `${account.handle}`,
    });
    expect(named.status).toBe(400);
    expect(named.body.error.code).toMatch(/^password\./);

    const done = await reader.request('POST', '/api/password-reset/confirm', {
      token,
      password: NEW_PASSWORD,
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toEqual({ status: 'reset' });
    // It signs nobody in, and every session the account had is over.
    expect((await reader.request('GET', '/api/me')).status).toBe(401);
    expect((await browser.request('GET', '/api/me')).status).toBe(401);
    expect((await other.request('GET', '/api/me')).status).toBe(401);
    // Spent, with every other reset link of the account.
    const again = await reader.request('POST', '/api/password-reset/confirm', {
      token,
      password: NEW_PASSWORD,
    });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('password_reset.invalid_token');
    expect((await reader.request('POST', '/api/password-reset/check', { token: older })).status).toBe(404);

    // The lock is gone; the old password is not.
    expect((await new TestBrowser(hub, freshIp()).signIn(account.handle, GOOD_PASSWORD)).status).toBe(401);
    const back = new TestBrowser(hub, freshIp());
    expect((await back.signIn(account.handle, NEW_PASSWORD)).status).toBe(200);
    const events = (await back.request('GET', '/api/me/security-log')).body.events.map(
      (e: { type: string }) => e.type,
    );
    expect(events).toContain('password.reset');
  });

  it('lets a reset link expire after 30 minutes', async () => {
    const { email } = await verifiedAccount();
    await ask(email);
    const token = tokenOf(await linkIn(hub, email, 'password_reset'));
    hub.clock.advance(RESET_LINK_MS + 1_000);
    const late = await new TestBrowser(hub).request('POST', '/api/password-reset/confirm', {
      token,
      password: NEW_PASSWORD,
    });
    expect(late.status).toBe(404);
    expect(late.body.error.code).toBe('password_reset.invalid_token');
  });

  it('still asks an account with a passkey for the passkey after a reset', async () => {
    const { browser, account, email } = await verifiedAccount();
    const authenticator = authenticatorFor(hub);
    await enroll(browser, authenticator);
    await ask(email);
    const token = tokenOf(await linkIn(hub, email, 'password_reset'));
    const done = await new TestBrowser(hub).request('POST', '/api/password-reset/confirm', {
      token,
      password: NEW_PASSWORD,
    });
    expect(done.status).toBe(200);
    const next = new TestBrowser(hub, freshIp());
    const signIn = await next.signIn(account.handle, NEW_PASSWORD);
    expect(signIn.body.status).toBe('second_factor_required');
    expect((await next.request('GET', '/api/me')).status).toBe(401);
    expect((await secondFactor(next, authenticator)).body.status).toBe('signed_in');
  });

  it('refuses bad input with 4xx in the error shape', async () => {
    const browser = new TestBrowser(hub, freshIp());
    for (const [path, body] of [
      ['/api/password-reset', {}],
      ['/api/password-reset', { identifier: '' }],
      ['/api/password-reset', { identifier: 'x'.repeat(321) }],
      ['/api/password-reset', { identifier: 12 }],
      ['/api/password-reset', { identifier: 'ali\u0000ce' }],
      ['/api/password-reset', { identifier: 'ali\ud800ce@example.org' }],
      ['/api/password-reset/check', { token: 'nope' }],
      ['/api/password-reset/confirm', { token: 'A'.repeat(43) }],
      ['/api/password-reset/confirm', { token: 'A'.repeat(43), password: 5 }],
      ['/api/password-reset/confirm', { password: NEW_PASSWORD }],
    ] as const) {
      const res = await browser.request('POST', path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.error.code).toEqual(expect.any(String));
    }
    const unknown = await browser.request('POST', '/api/password-reset/confirm', {
      token: 'A'.repeat(43),
      password: NEW_PASSWORD,
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('password_reset.invalid_token');
  });
});
