import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailMessages } from '../email/index.js';
import { GOOD_PASSWORD, TestBrowser, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { linkIn, templatesTo, tokenOf } from '../test/mail-links.js';
import { HOUR_MS } from './mail.js';

describe('verified email', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  const address = (name = 'mail') => `${uniqueHandle(name)}@example.org`;
  /** A new account whose address is verified through its link. */
  async function verifiedAccount(email = address()) {
    const browser = new TestBrowser(hub);
    const { account } = (await browser.signUp({ email })).body;
    const verified = await browser.request('POST', '/api/email/verify', {
      token: tokenOf(await linkIn(hub, email, 'email_verify')),
    });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    return { browser, account, email };
  }
  const eventsOf = async (browser: TestBrowser) =>
    (await browser.request('GET', '/api/me/security-log')).body.events as {
      type: string;
      details: Record<string, unknown>;
    }[];

  it('answers a sign-up the same whether its email is free or taken, and tells the owner instead', async () => {
    const { email: taken } = await verifiedAccount();
    const free = address();
    const a = await new TestBrowser(hub).signUp({ email: free });
    const b = await new TestBrowser(hub).signUp({ email: taken.toUpperCase() });
    expect(a.status).toBe(201);
    expect(b.status).toBe(a.status);
    const shape = (body: typeof a.body) => ({
      keys: Object.keys(body).sort(),
      account: Object.keys(body.account).sort(),
      email: body.account.email,
      emailVerified: body.account.emailVerified,
    });
    expect(shape(b.body)).toEqual(shape(a.body));
    expect(a.body.account).toMatchObject({ email: null, emailVerified: false, pendingEmail: free });
    expect(b.body.account).toMatchObject({
      email: null,
      emailVerified: false,
      pendingEmail: taken.toUpperCase(),
    });

    // The free address gets its link; the taken one's owner gets a notice, and never a link for the newcomer.
    expect(await templatesTo(hub, free)).toEqual(['email_verify']);
    expect(await templatesTo(hub, taken)).toEqual(['email_verify', 'signup_email_in_use']);
    // The newcomer's own security log reads the same in both cases.
    const logged = async (reply: typeof a) => {
      const browser = new TestBrowser(hub);
      await browser.signIn(reply.body.account.handle);
      return (await eventsOf(browser)).map((e) => e.type);
    };
    expect(await logged(b)).toEqual(await logged(a));
  });

  it('verifies an address through its link once, and only a POST spends it', async () => {
    const email = address();
    const browser = new TestBrowser(hub);
    const { account } = (await browser.signUp({ email })).body;
    const link = await linkIn(hub, email, 'email_verify');
    expect(link.startsWith(`${hub.config.issuer}/verify-email?token=`)).toBe(true);
    // What a mail scanner's prefetch does: the page loads, nothing is spent.
    expect((await hub.app.request(new URL(link).pathname + new URL(link).search)).status).toBe(200);
    const check = await browser.request('POST', '/api/email/verify/check', { token: tokenOf(link) });
    expect(check.status).toBe(200);
    expect(check.body.email).toBe(email);

    // Before verification, the address finds no account.
    expect((await new TestBrowser(hub).signIn(email)).status).toBe(401);
    const verified = await new TestBrowser(hub).request('POST', '/api/email/verify', {
      token: tokenOf(link),
    });
    expect(verified.body).toEqual({ email, emailVerified: true });
    expect((await browser.request('GET', '/api/me')).body.account).toMatchObject({
      email,
      emailVerified: true,
      pendingEmail: null,
    });
    expect((await new TestBrowser(hub).signIn(email.toUpperCase())).body.account.id).toBe(account.id);

    const again = await browser.request('POST', '/api/email/verify', { token: tokenOf(link) });
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('email.invalid_token');
    expect((await eventsOf(browser)).map((e) => e.type)).toContain('email.verified');
  });

  it('lets a verification link expire after 24 hours', async () => {
    const email = address();
    const browser = new TestBrowser(hub);
    await browser.signUp({ email });
    const token = tokenOf(await linkIn(hub, email, 'email_verify'));
    hub.clock.advance(24 * HOUR_MS + 1_000);
    const late = await browser.request('POST', '/api/email/verify', { token });
    expect(late.status).toBe(404);
    expect(late.body.error.code).toBe('email.invalid_token');
    // A fresh link works.
    expect((await browser.request('POST', '/api/me/email/verification')).status).toBe(202);
    const fresh = tokenOf(await linkIn(hub, email, 'email_verify'));
    expect(fresh).not.toBe(token);
    expect((await browser.request('POST', '/api/email/verify', { token: fresh })).status).toBe(200);
  });

  it('never verifies a taken address for the account that signed up with it, even on resend', async () => {
    const { email: taken } = await verifiedAccount();
    const newcomer = new TestBrowser(hub);
    await newcomer.signUp({ email: taken });
    const resent = await newcomer.request('POST', '/api/me/email/verification');
    expect(resent.status).toBe(202);
    expect(resent.body).toEqual({ email: taken, expiresInHours: 24 });
    expect((await templatesTo(hub, taken)).filter((t) => t === 'email_verify')).toHaveLength(1);
    // The owner's own link was spent long ago; nothing the newcomer holds can take the address.
    expect((await newcomer.request('GET', '/api/me')).body.account.email).toBeNull();
  });

  it('throttles verification mail: 5 an hour per account, then 429 with Retry-After', async () => {
    const browser = new TestBrowser(hub);
    await browser.signUp({ email: address('busy') });
    for (let i = 0; i < 4; i++)
      expect((await browser.request('POST', '/api/me/email/verification')).status).toBe(202);
    const refused = await browser.request('POST', '/api/me/email/verification');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('email.too_many_requests');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    hub.clock.advance(HOUR_MS);
    expect((await browser.request('POST', '/api/me/email/verification')).status).toBe(202);
  });

  it('says when there is nothing to verify', async () => {
    const { browser } = await verifiedAccount();
    const res = await browser.request('POST', '/api/me/email/verification');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('email.nothing_to_verify');
    expect((await new TestBrowser(hub).request('POST', '/api/me/email/verification')).status).toBe(401);
  });

  it('changes the address only once the new one is verified, and tells the old one with an undo link', async () => {
    const { browser, email: old } = await verifiedAccount();
    const next = address('next');
    const changed = await browser.request('PATCH', '/api/me', { email: next });
    expect(changed.status).toBe(200);
    expect(changed.body.account).toMatchObject({ email: old, emailVerified: true, pendingEmail: next });
    // Until then the old address still signs in, and the new one doesn't.
    expect((await new TestBrowser(hub).signIn(next)).status).toBe(401);
    expect((await new TestBrowser(hub).signIn(old)).status).toBe(200);

    const verified = await new TestBrowser(hub).request('POST', '/api/email/verify', {
      token: tokenOf(await linkIn(hub, next, 'email_verify')),
    });
    expect(verified.status).toBe(200);
    expect((await browser.request('GET', '/api/me')).body.account).toMatchObject({
      email: next,
      emailVerified: true,
      pendingEmail: null,
    });
    expect((await new TestBrowser(hub).signIn(old)).status).toBe(401);
    const undoLink = await linkIn(hub, old, 'email_changed');
    expect(undoLink.startsWith(`${hub.config.issuer}/email/undo?token=`)).toBe(true);
    const types = (await eventsOf(browser)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['email.verification_sent', 'email.verified', 'email.changed']),
    );
  });

  it('undoes a change from the old address: restored, verified, and every session and refresh token ended', async () => {
    const { browser, account, email: old } = await verifiedAccount();
    const other = new TestBrowser(hub);
    await other.signIn(account.handle);
    const attacker = address('attacker');
    await browser.request('PATCH', '/api/me', { email: attacker });
    await browser.request('POST', '/api/email/verify', {
      token: tokenOf(await linkIn(hub, attacker, 'email_verify')),
    });
    const token = tokenOf(await linkIn(hub, old, 'email_changed'));

    const check = await new TestBrowser(hub).request('POST', '/api/email/undo/check', { token });
    expect(check.body.email).toBe(old);
    const undone = await new TestBrowser(hub).request('POST', '/api/email/undo', { token });
    expect(undone.status).toBe(200);
    expect(undone.body.email).toBe(old);
    expect((await browser.request('GET', '/api/me')).status).toBe(401);
    expect((await other.request('GET', '/api/me')).status).toBe(401);

    const back = new TestBrowser(hub);
    const signedIn = await back.signIn(old);
    expect(signedIn.body.account).toMatchObject({ id: account.id, email: old, emailVerified: true });
    expect((await new TestBrowser(hub).signIn(attacker)).status).toBe(401);
    const undoneEvent = (await eventsOf(back)).find((e) => e.type === 'email.change_undone');
    expect(undoneEvent?.details).toEqual({ from: attacker, to: old });
    expect((await back.request('POST', '/api/email/undo', { token })).status).toBe(404);
  });

  it('tells a verified address that was removed, and its undo link brings it back', async () => {
    const { browser, account, email: old } = await verifiedAccount();
    const removed = await browser.request('PATCH', '/api/me', { email: null });
    expect(removed.status).toBe(200);
    expect(removed.body.account).toMatchObject({ email: null, emailVerified: false });
    expect(await templatesTo(hub, old)).toEqual(['email_verify', 'email_changed']);
    const [notice] = await hub.db
      .select({ subject: emailMessages.subject })
      .from(emailMessages)
      .where(and(eq(emailMessages.to, old), eq(emailMessages.template, 'email_changed')));
    expect(notice?.subject).toContain('removed');

    const undone = await new TestBrowser(hub).request('POST', '/api/email/undo', {
      token: tokenOf(await linkIn(hub, old, 'email_changed')),
    });
    expect(undone.status).toBe(200);
    expect((await browser.request('GET', '/api/me')).status).toBe(401);
    const back = await new TestBrowser(hub).signIn(old);
    expect(back.body.account).toMatchObject({ id: account.id, email: old, emailVerified: true });
  });

  it('refuses an undo link after 72 hours', async () => {
    const { browser, email: old } = await verifiedAccount();
    const next = address('later');
    await browser.request('PATCH', '/api/me', { email: next });
    await browser.request('POST', '/api/email/verify', {
      token: tokenOf(await linkIn(hub, next, 'email_verify')),
    });
    const token = tokenOf(await linkIn(hub, old, 'email_changed'));
    hub.clock.advance(72 * HOUR_MS + 1_000);
    const late = await new TestBrowser(hub).request('POST', '/api/email/undo', { token });
    expect(late.status).toBe(404);
    expect(late.body.error.code).toBe('email.invalid_token');
    expect((await new TestBrowser(hub).signIn(next)).status).toBe(200);
  });

  it('answers a change to a taken address as any other, and mails its owner, not a link', async () => {
    const { email: taken } = await verifiedAccount();
    const { browser, email: mine } = await verifiedAccount();
    const res = await browser.request('PATCH', '/api/me', { email: taken });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ email: mine, pendingEmail: taken });
    expect(await templatesTo(hub, taken)).toEqual(['email_verify', 'signup_email_in_use']);
    // The current address again cancels the pending change.
    const back = await browser.request('PATCH', '/api/me', { email: mine.toUpperCase() });
    expect(back.body.account).toMatchObject({ email: mine, pendingEmail: null });
  });

  it('gives an address two accounts wait for to the first link used; the other gets 409', async () => {
    const shared = address('shared');
    const first = new TestBrowser(hub);
    await first.signUp({ email: shared });
    const firstToken = tokenOf(await linkIn(hub, shared, 'email_verify'));
    const second = new TestBrowser(hub);
    await second.signUp({ email: shared });
    const secondToken = tokenOf(await linkIn(hub, shared, 'email_verify'));
    expect(secondToken).not.toBe(firstToken);
    // At once: on PostgreSQL the unique index decides between two committing transactions.
    const answers = await Promise.all([
      new TestBrowser(hub).request('POST', '/api/email/verify', { token: firstToken }),
      new TestBrowser(hub).request('POST', '/api/email/verify', { token: secondToken }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)?.body.error.code).toBe('email.taken');
    const owners = [
      (await first.request('GET', '/api/me')).body.account.email,
      (await second.request('GET', '/api/me')).body.account.email,
    ];
    expect(owners.filter((e) => e === shared)).toHaveLength(1);
  });

  it('kills a link for an address that a later change replaced', async () => {
    const browser = new TestBrowser(hub);
    const first = address('first');
    await browser.signUp({ email: first });
    const stale = tokenOf(await linkIn(hub, first, 'email_verify'));
    const second = address('second');
    await browser.request('PATCH', '/api/me', { email: second });
    expect((await browser.request('POST', '/api/email/verify', { token: stale })).status).toBe(404);
    const ok = await browser.request('POST', '/api/email/verify', {
      token: tokenOf(await linkIn(hub, second, 'email_verify')),
    });
    expect(ok.body.email).toBe(second);
  });

  it('refuses bad input with 4xx in the error shape', async () => {
    const browser = new TestBrowser(hub);
    for (const [path, body] of [
      ['/api/email/verify', {}],
      ['/api/email/verify', { token: 'short' }],
      ['/api/email/verify', { token: 'x'.repeat(43).replace('x', '\u0000') }],
      ['/api/email/verify/check', { token: 42 }],
      ['/api/email/undo', { token: ['a'] }],
      ['/api/email/undo/check', { token: null }],
    ] as const) {
      const res = await browser.request('POST', path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.error.code).toEqual(expect.any(String));
    }
    const unknown = await browser.request('POST', '/api/email/verify', { token: 'A'.repeat(43) });
    expect(unknown.status).toBe(404);
    const notJson = await browser.request('POST', '/api/email/undo', undefined, {
      headers: { 'content-type': 'application/json' },
      raw: '{',
    });
    expect(notJson.status).toBe(400);
  });

  it('signs up with no email as before, and leaves password sign-in alone', async () => {
    const browser = new TestBrowser(hub);
    const res = await browser.signUp();
    expect(res.body.account).toMatchObject({ email: null, emailVerified: false, pendingEmail: null });
    expect((await new TestBrowser(hub).signIn(res.body.account.handle, GOOD_PASSWORD)).status).toBe(200);
  });
});
