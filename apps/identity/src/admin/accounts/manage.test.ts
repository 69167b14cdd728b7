import type { SoftAuthenticator } from '@orbit/authenticator';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailMessages } from '../../email/index.js';
import { newStaff, type Staff } from '../../test/admin.js';
import { TestBrowser, uniqueHandle } from '../../test/client.js';
import { startTestHub, type TestHub } from '../../test/hub.js';
import { linkIn, templatesTo, tokenOf, verifyEmail } from '../../test/mail-links.js';
import { authenticatorFor, enroll } from '../../test/passkeys.js';

interface Member {
  browser: TestBrowser;
  id: string;
  handle: string;
  email: string;
  authenticator: SoftAuthenticator;
  recoveryCodes: string[];
  passkeyId: string;
}

const NEW_PASSWORD = 'a brand new correct horse';

describe('staff writes on an account', () => {
  let hub: TestHub;
  let admin: Staff;
  let support: Staff;
  let user: TestBrowser;

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.services.seedDefaultTiers();
    admin = await newStaff(hub, ['admin']);
    support = await newStaff(hub, ['support']);
    user = new TestBrowser(hub);
    expect((await user.signUp()).status).toBe(201);
  });
  afterAll(async () => {
    await hub.close();
  });

  /** A member with a verified address and a passkey (so recovery codes), signed in. */
  async function member(): Promise<Member> {
    const browser = new TestBrowser(hub);
    const handle = uniqueHandle('member');
    const email = `${handle}@example.org`;
    const signedUp = await browser.signUp({ handle, email });
    expect(signedUp.status).toBe(201);
    await verifyEmail(hub, email);
    const authenticator = authenticatorFor(hub);
    const enrolled = await enroll(browser, authenticator, 'Laptop');
    return {
      browser,
      id: signedUp.body.account.id,
      handle,
      email,
      authenticator,
      recoveryCodes: enrolled.recoveryCodes,
      passkeyId: enrolled.passkey.id,
    };
  }

  const path = (id: string, rest = '') => `/api/admin/accounts/${id}${rest}`;
  const auditOf = async (id: string) =>
    (await admin.browser.request('GET', `/api/admin/audit?target=${id}`)).body.entries as {
      action: string;
      details: Record<string, unknown>;
    }[];
  const eventsOf = async (id: string) =>
    (await admin.browser.request('GET', path(id, '/security-log'))).body.events as {
      type: string;
      details: Record<string, unknown>;
    }[];

  it('ends every session of the account, and the account may sign in again', async () => {
    const alice = await member();
    const phone = new TestBrowser(hub, '198.51.100.30');
    expect((await phone.signIn(alice.handle)).body.status).toBe('second_factor_required');
    const res = await admin.browser.request('POST', path(alice.id, '/sessions/revoke-all'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      sessionsEnded: 1,
      account: { id: alice.id, sessions: 0, status: 'active' },
    });
    expect((await alice.browser.request('GET', '/api/me')).status).toBe(401);
    expect((await eventsOf(alice.id))[0]).toMatchObject({
      type: 'sessions.revoked_by_staff',
      details: { count: 1, by: `@${admin.handle}` },
    });
    expect((await auditOf(alice.id))[0]).toMatchObject({
      action: 'account.sessions_revoked',
      details: { count: 1 },
    });
    expect((await new TestBrowser(hub).signIn(alice.handle)).body.status).toBe('second_factor_required');
  });

  it('mails the ordinary reset link to the verified address, and never puts the link in the audit log', async () => {
    const bob = await member();
    const res = await admin.browser.request('POST', path(bob.id, '/password-reset'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ email: bob.email, expiresAt: expect.any(String) });
    const link = await linkIn(hub, bob.email, 'password_reset');
    const reset = await new TestBrowser(hub).request('POST', '/api/password-reset/confirm', {
      token: tokenOf(link),
      password: NEW_PASSWORD,
    });
    expect(reset.status).toBe(200);
    expect((await new TestBrowser(hub).signIn(bob.handle, NEW_PASSWORD)).body.status).toBe(
      'second_factor_required',
    );
    const entries = await auditOf(bob.id);
    expect(entries[0]).toMatchObject({
      action: 'account.password_reset_sent',
      details: { email: bob.email },
    });
    expect(JSON.stringify(entries)).not.toContain(tokenOf(link));
    expect(await eventsOf(bob.id)).toContainEqual(
      expect.objectContaining({
        type: 'password_reset.requested',
        details: { via: 'staff', by: `@${admin.handle}` },
      }),
    );

    // Staff aren't held to the sign-in page's three an hour: they act for the owner, and each send is audited.
    for (let n = 0; n < 3; n++) {
      expect((await admin.browser.request('POST', path(bob.id, '/password-reset'))).status).toBe(200);
    }
    const signedUp = await new TestBrowser(hub).signUp();
    const none = await admin.browser.request('POST', path(signedUp.body.account.id, '/password-reset'));
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('account.no_verified_email');
  });

  it('resends verification (support may), and says when there is nothing to verify', async () => {
    const carolBrowser = new TestBrowser(hub);
    const email = `${uniqueHandle('carol')}@example.org`;
    const carol = (await carolBrowser.signUp({ email })).body.account;
    const res = await support.browser.request('POST', path(carol.id, '/resend-verification'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ address: email, expiresInHours: 24 });
    expect(await templatesTo(hub, email)).toEqual(['email_verify', 'email_verify']);
    expect((await auditOf(carol.id))[0]).toMatchObject({
      action: 'account.verification_resent',
      details: { email },
    });
    await verifyEmail(hub, email);
    const nothing = await support.browser.request('POST', path(carol.id, '/resend-verification'));
    expect(nothing.status).toBe(409);
    expect(nothing.body.error.code).toBe('email.nothing_to_verify');
  });

  it('removes a passkey, which the owner hears of, and 404 for one that isn’t the account’s', async () => {
    const dave = await member();
    const erin = await member();
    const other = await admin.browser.request('DELETE', path(dave.id, `/passkeys/${erin.passkeyId}`));
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('passkey.not_found');
    expect((await admin.browser.request('DELETE', path(dave.id, '/passkeys/nope'))).status).toBe(404);

    const res = await admin.browser.request('DELETE', path(dave.id, `/passkeys/${dave.passkeyId}`));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      protectionOff: true,
      account: { passkeys: [], passkeyCount: 0, recoveryCodesLeft: 0 },
    });
    expect(await templatesTo(hub, dave.email)).toContain('passkey_removed');
    expect((await eventsOf(dave.id))[0]).toMatchObject({
      type: 'passkey.removed',
      details: { name: 'Laptop', by: `@${admin.handle}` },
    });
    expect((await auditOf(dave.id))[0]).toMatchObject({
      action: 'account.passkey_removed',
      details: { passkeyId: dave.passkeyId, name: 'Laptop', protectionOff: true },
    });
    // Without a passkey the password alone signs in again.
    expect((await new TestBrowser(hub).signIn(dave.handle)).body.status).toBe('signed_in');
  });

  it('voids the recovery codes without showing new ones', async () => {
    const frank = await member();
    const res = await admin.browser.request('POST', path(frank.id, '/recovery-codes/reset'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ removed: 10, account: { recoveryCodesLeft: 0 } });
    expect(JSON.stringify(res.body)).not.toMatch(/[a-z2-9]{5}-[a-z2-9]{5}/);
    const browser = new TestBrowser(hub);
    expect((await browser.signIn(frank.handle)).body.status).toBe('second_factor_required');
    const old = await browser.request('POST', '/api/sign-in/second-factor/recovery-code', {
      code: frank.recoveryCodes[0],
    });
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('recovery_code.invalid');
    expect(await eventsOf(frank.id)).toContainEqual(
      expect.objectContaining({
        type: 'recovery_codes.reset',
        details: { removed: 10, by: `@${admin.handle}` },
      }),
    );
    expect((await templatesTo(hub, frank.email)).at(-1)).toBe('recovery_codes_reset');
    const again = await admin.browser.request('POST', path(frank.id, '/recovery-codes/reset'));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('account.no_recovery_codes');
  });

  it('mails the owner why their account was locked', async () => {
    const lou = await member();
    const reason = 'Payments disputed, see ticket 31';
    expect((await admin.browser.request('POST', path(lou.id, '/lock'), { reason })).status).toBe(200);
    expect((await templatesTo(hub, lou.email)).at(-1)).toBe('account_locked');
    const [message] = await hub.db
      .select({ id: emailMessages.id })
      .from(emailMessages)
      .where(eq(emailMessages.to, lou.email))
      .orderBy(desc(emailMessages.id))
      .limit(1);
    const text = (await hub.services.email.outbox.get(message!.id))?.text ?? '';
    expect(text).toContain(reason);
    expect(text).not.toContain(admin.handle);
  });

  it('edits the profile with the owner’s own rules, and 409 for a handle or address in use', async () => {
    const grace = await member();
    const heidi = await member();
    const res = await admin.browser.request('PATCH', path(grace.id), {
      displayName: '  Grace Hopper ',
      handle: `${grace.handle}X`,
      bio: 'Compilers.',
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
    });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({
      displayName: 'Grace Hopper',
      handle: `${grace.handle}x`,
      bio: 'Compilers.',
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      email: grace.email,
      emailVerified: true,
    });
    expect((await eventsOf(grace.id))[0]).toMatchObject({
      type: 'profile.updated_by_staff',
      details: { fields: ['displayName', 'handle', 'bio', 'locale', 'timeZone'], by: `@${admin.handle}` },
    });
    expect((await auditOf(grace.id))[0]).toMatchObject({
      action: 'account.updated',
      details: {
        changes: {
          displayName: { from: 'Test User', to: 'Grace Hopper' },
          locale: { from: 'en', to: 'zh-CN' },
        },
      },
    });
    // The same values again change nothing, and record nothing.
    const entries = (await auditOf(grace.id)).length;
    expect(
      (await admin.browser.request('PATCH', path(grace.id), { displayName: 'Grace Hopper' })).status,
    ).toBe(200);
    expect(await auditOf(grace.id)).toHaveLength(entries);

    const taken = await admin.browser.request('PATCH', path(grace.id), {
      handle: heidi.handle.toUpperCase(),
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('account.handle_taken');
    // One transaction: a name change with an address in use leaves both as they were, and no audit entry.
    const inUse = await admin.browser.request('PATCH', path(grace.id), {
      displayName: 'Nobody',
      email: heidi.email,
    });
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe('email.taken');
    expect((await admin.browser.request('GET', path(grace.id))).body.account.displayName).toBe(
      'Grace Hopper',
    );
    expect(await auditOf(grace.id)).toHaveLength(entries);

    const zone = await admin.browser.request('PATCH', path(grace.id), { timeZone: 'Mars/Olympus_Mons' });
    expect(zone.status).toBe(400);
    expect(zone.body.error.code).toBe('account.invalid_time_zone');
    for (const body of [
      {},
      { handle: '1abc' },
      { handle: 'ab' },
      { displayName: '' },
      { displayName: 'x'.repeat(65) },
      { bio: 'x'.repeat(281) },
      { locale: 'fr' },
      { email: 'not-an-address' },
      { role: 'admin' },
      { displayName: 7 },
    ]) {
      const bad = await admin.browser.request('PATCH', path(grace.id), body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error.code, JSON.stringify(body)).toBe('request.invalid');
    }
  });

  it('changes the address at once, unverified, mails it a link and tells the old one', async () => {
    const ivan = await member();
    const next = `${uniqueHandle('ivan')}@example.net`;
    const res = await admin.browser.request('PATCH', path(ivan.id), { email: next });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ email: next, emailVerified: false, pendingEmail: null });
    expect(await templatesTo(hub, next)).toEqual(['email_verify']);
    expect((await templatesTo(hub, ivan.email)).at(-1)).toBe('email_changed');
    // No reset link can go to an address its owner hasn't confirmed.
    expect((await admin.browser.request('POST', path(ivan.id, '/password-reset'))).status).toBe(409);
    expect((await auditOf(ivan.id))[0]).toMatchObject({
      action: 'account.updated',
      details: { changes: { email: { from: ivan.email, to: next } } },
    });
    await verifyEmail(hub, next);
    expect((await admin.browser.request('GET', path(ivan.id))).body.account).toMatchObject({
      email: next,
      emailVerified: true,
    });
    const removed = await admin.browser.request('PATCH', path(ivan.id), { email: null });
    expect(removed.body.account).toMatchObject({ email: null, emailVerified: false });
  });

  it('deletes an account as its owner’s own deletion would, memberships included', async () => {
    const judy = await member();
    await hub.services.billing.complimentary.grant(
      admin.account.id,
      judy.id,
      {
        tierId: 'vip',
        until: new Date(hub.clock.now().getTime() + 86_400_000).toISOString(),
        reason: 'Thanks',
      },
      { ip: null, userAgent: '' },
    );
    for (const body of [{}, { reason: '' }, { reason: 'x'.repeat(501) }]) {
      expect((await admin.browser.request('DELETE', path(judy.id), body)).status).toBe(400);
    }
    const res = await admin.browser.request('DELETE', path(judy.id), { reason: 'Asked by email, ticket 7' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      deleted: true,
      endedMemberships: [expect.objectContaining({ tierId: 'vip', source: 'complimentary' })],
    });
    expect((await admin.browser.request('GET', path(judy.id))).status).toBe(404);
    expect((await judy.browser.request('GET', '/api/me')).status).toBe(401);
    expect((await auditOf(judy.id))[0]).toMatchObject({
      action: 'account.deleted',
      target: { type: 'account', id: judy.id, label: `@${judy.handle}` },
      details: { reason: 'Asked by email, ticket 7' },
    });
    expect((await admin.browser.request('DELETE', path(judy.id), { reason: 'again' })).status).toBe(404);

    const self = await admin.browser.request('DELETE', path(admin.account.id), { reason: 'Bye' });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('account.cannot_delete_self');
  });

  describe('who may', () => {
    let target: Member;
    beforeAll(async () => {
      target = await member();
    });

    const writes = (id: string, passkeyId: string): [string, string, unknown?][] => [
      ['POST', path(id, '/lock'), { reason: 'r' }],
      ['POST', path(id, '/sessions/revoke-all')],
      ['POST', path(id, '/password-reset')],
      ['DELETE', path(id, `/passkeys/${passkeyId}`)],
      ['POST', path(id, '/recovery-codes/reset')],
      ['PATCH', path(id), { bio: 'changed' }],
      ['DELETE', path(id), { reason: 'r' }],
      ['POST', path(id, '/roles'), { role: 'support' }],
    ];
    const supportWrites = (id: string): [string, string, unknown?][] => [
      ['POST', path(id, '/unlock'), { reason: 'r' }],
      ['POST', path(id, '/resend-verification')],
    ];

    it('support unlocks and resends, and gets 403 for everything else', async () => {
      for (const [method, url, body] of writes(target.id, target.passkeyId)) {
        const res = await support.browser.request(method, url, body);
        expect(res.status, `${method} ${url}`).toBe(403);
        expect(res.body.error.code).toBe('auth.forbidden');
      }
      const [unlock, resend] = supportWrites(target.id);
      expect((await support.browser.request(...unlock!)).status).toBe(200);
      // Nothing to verify: refused for that reason, not for want of permission.
      expect((await support.browser.request(...resend!)).body.error.code).toBe('email.nothing_to_verify');
    });

    it('a user gets 403 and an anonymous caller 401, for every write', async () => {
      for (const [method, url, body] of [
        ...writes(target.id, target.passkeyId),
        ...supportWrites(target.id),
      ]) {
        const forbidden = await user.request(method, url, body);
        expect(forbidden.status, `${method} ${url}`).toBe(403);
        expect(forbidden.body.error.code).toBe('auth.forbidden');
        expect((await new TestBrowser(hub).request(method, url, body)).status, `${method} ${url}`).toBe(401);
      }
    });

    it('every write needs a passkey on the staff account and a step-up in the last five minutes', async () => {
      const noKey = await newStaff(hub, ['admin'], { passkey: false });
      const stale = await newStaff(hub, ['support']);
      hub.clock.advance(6 * 60_000);
      for (const [method, url, body] of writes(target.id, target.passkeyId).slice(0, -1)) {
        const missing = await noKey.browser.request(method, url, body);
        expect(missing.status, `${method} ${url}`).toBe(403);
        expect(missing.body.error.code).toBe('admin.passkey_required');
      }
      for (const [method, url, body] of supportWrites(target.id)) {
        const res = await stale.browser.request(method, url, body);
        expect(res.status, `${method} ${url}`).toBe(401);
        expect(res.body.error).toMatchObject({ code: 'step_up_required', details: { maxAgeSeconds: 300 } });
      }
      await stale.stepUp();
      expect((await stale.browser.request(...supportWrites(target.id)[0]!)).status).toBe(200);
      // Reads need no step-up.
      expect((await noKey.browser.request('GET', path(target.id))).status).toBe(200);
      // And a write without the session's CSRF token is refused before anything else.
      const csrf = await stale.browser.request(
        'POST',
        path(target.id, '/unlock'),
        { reason: 'r' },
        {
          headers: { 'x-csrf-token': 'forged' },
        },
      );
      expect(csrf.status).toBe(403);
      expect(csrf.body.error.code).toBe('csrf.token_invalid');
      await admin.stepUp();
    });

    it('answers 404 for every write on an account that doesn’t exist', async () => {
      await admin.stepUp();
      for (const id of ['7b0a3a53-2b35-4d0f-9a7e-0d6f4a0f7d11', 'not-an-id']) {
        for (const [method, url, body] of [
          ...writes(id, target.passkeyId).slice(0, -1),
          ...supportWrites(id),
        ]) {
          const res = await admin.browser.request(method, url, body);
          expect(res.status, `${method} ${url}`).toBe(404);
          expect(res.body.error.code).toBe('account.not_found');
        }
      }
    });
  });
});
