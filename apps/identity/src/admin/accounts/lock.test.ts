import type { SoftAuthenticator } from '@orbit/authenticator';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../kernel/actor.js';
import { newStaff, type Staff } from '../../test/admin.js';
import { GOOD_PASSWORD, TestBrowser, uniqueHandle } from '../../test/client.js';
import { startTestHub, type TestHub } from '../../test/hub.js';
import {
  client,
  discover,
  FlowBrowser,
  location,
  type OidcTestServer,
  startOidcTestServer,
} from '../../test/oidc.js';
import { authenticatorFor, enroll, passwordless, secondFactor } from '../../test/passkeys.js';
import { startReceiver } from '../../test/receiver.js';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

interface Member {
  browser: TestBrowser;
  id: string;
  handle: string;
  authenticator: SoftAuthenticator;
  recoveryCodes: string[];
}

describe('locking and unlocking an account', () => {
  let server: OidcTestServer;
  let rp: Receiver;
  let mail: { config: client.Configuration; redirect: string };
  let admin: Staff;
  let support: Staff;

  beforeAll(async () => {
    server = await startOidcTestServer();
    rp = await startReceiver();
    const redirect = 'http://localhost:9201/callback';
    const { clientSecret } = await server.hub.services.clients.create({
      id: 'mail',
      name: 'Mail',
      firstParty: true,
      redirectUris: [redirect],
      backchannelLogoutUri: rp.url('/mail/backchannel'),
    });
    mail = { config: await discover(server, 'mail', clientSecret), redirect };
    admin = await newStaff(server.hub, ['admin']);
    support = await newStaff(server.hub, ['support']);
  });
  afterAll(async () => {
    await server.close();
    await rp.close();
  });

  /** A member with a passkey (and so recovery codes), signed in to the hub. */
  async function member(): Promise<Member> {
    const browser = new TestBrowser(server.hub);
    const handle = uniqueHandle('member');
    const signedUp = await browser.signUp({ handle });
    expect(signedUp.status).toBe(201);
    const authenticator = authenticatorFor(server.hub);
    const { recoveryCodes } = await enroll(browser, authenticator, 'Laptop');
    return { browser, id: signedUp.body.account.id, handle, authenticator, recoveryCodes };
  }

  /** Signs the member's hub session in to Mail; answers Mail's tokens. */
  async function signInToMail(browser: TestBrowser, scope = 'openid profile offline_access') {
    const flow = new FlowBrowser(server.url);
    flow.cookie = browser.cookie;
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(mail.config, {
      redirect_uri: mail.redirect,
      scope,
      prompt: 'consent',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const res = await flow.get(url.href);
    return client.authorizationCodeGrant(mail.config, location(res), {
      pkceCodeVerifier: verifier,
      idTokenExpected: true,
    });
  }

  /** The back-channel logout tokens Mail received for a session, each verified. */
  async function logoutTokensFor(sid: string) {
    await server.hub.services.backchannel.deliverDue();
    const jwks = createLocalJWKSet((await (await fetch(`${server.url}/oidc/jwks`)).json()) as never);
    const tokens = [];
    for (const { form } of rp.received) {
      const token = form.get('logout_token')!;
      const { sid: tokenSid, iat } = decodeJwt(token);
      if (tokenSid !== sid) continue;
      const { payload } = await jwtVerify(token, jwks, {
        issuer: server.url,
        typ: 'logout+jwt',
        currentDate: new Date((iat ?? 0) * 1000),
      });
      tokens.push(payload);
    }
    return tokens;
  }

  const lock = (staff: Staff, id: string, reason = 'Fraud report #42') =>
    staff.browser.request('POST', `/api/admin/accounts/${id}/lock`, { reason });
  const unlock = (staff: Staff, id: string, reason = 'Owner proved who they are') =>
    staff.browser.request('POST', `/api/admin/accounts/${id}/unlock`, { reason });

  it('ends every session and grant, tells Mail, and refuses every way back in', async () => {
    const alice = await member();
    const tokens = await signInToMail(alice.browser);
    const sid = tokens.claims()!.sid as string;
    // A password sign-in elsewhere, waiting for its second factor when the lock comes.
    const pending = new TestBrowser(server.hub, '198.51.100.20');
    expect((await pending.signIn(alice.handle)).body.status).toBe('second_factor_required');

    const locked = await lock(admin, alice.id);
    expect(locked.status).toBe(200);
    expect(locked.body.sessionsEnded).toBe(1);
    expect(locked.body.grantsRevoked).toBeGreaterThanOrEqual(1);
    expect(locked.body.account).toMatchObject({
      id: alice.id,
      status: 'locked',
      lockedReason: 'Fraud report #42',
      lockedAt: expect.any(String),
      lockedBy: { accountId: admin.account.id, label: `@${admin.handle}` },
      sessions: 0,
    });

    // The hub session is gone, and Mail is told through back-channel logout.
    expect((await alice.browser.request('GET', '/api/me')).status).toBe(401);
    expect(await logoutTokensFor(sid)).toEqual([
      expect.objectContaining({ aud: 'mail', sid, sub: alice.id }),
    ]);
    // The access token stops at the hub (its grant is revoked), and refresh tokens, offline ones included, too.
    const userinfo = await fetch(`${server.url}/oidc/userinfo`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(userinfo.status).toBe(401);
    await expect(client.refreshTokenGrant(mail.config, tokens.refresh_token!)).rejects.toMatchObject({
      error: 'invalid_grant',
    });

    // Password: a wrong one says nothing about the lock; the right one is told.
    const stranger = new TestBrowser(server.hub, '198.51.100.21');
    const wrong = await stranger.signIn(alice.handle, 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('auth.invalid_credentials');
    const right = await stranger.signIn(alice.handle);
    expect(right.status).toBe(403);
    expect(right.body.error.code).toBe('account.locked');
    expect(right.body.error.message).toMatch(/locked by an administrator/);

    // A passkey alone, and a second factor for a password given before the lock.
    const withPasskey = await passwordless(new TestBrowser(server.hub, '198.51.100.22'), alice.authenticator);
    expect(withPasskey.status).toBe(403);
    expect(withPasskey.body.error.code).toBe('account.locked');
    const code = await pending.request('POST', '/api/sign-in/second-factor/recovery-code', {
      code: alice.recoveryCodes[0],
    });
    expect(code.status).toBe(403);
    expect(code.body.error.code).toBe('account.locked');
    const key = await secondFactor(pending, alice.authenticator);
    expect(key.status).toBe(403);
    expect(key.body.error.code).toBe('account.locked');

    // The owner's log and the audit log both say what happened, and why.
    const log = await admin.browser.request('GET', `/api/admin/accounts/${alice.id}/security-log`);
    expect(log.body.events).toContainEqual(
      expect.objectContaining({
        type: 'account.locked',
        details: { reason: 'Fraud report #42', by: `@${admin.handle}` },
      }),
    );
    const audit = await admin.browser.request('GET', `/api/admin/audit?target=${alice.id}`);
    expect(audit.body.entries[0]).toMatchObject({
      action: 'account.locked',
      actor: { accountId: admin.account.id, label: `@${admin.handle}`, via: 'console' },
      target: { type: 'account', id: alice.id, label: `@${alice.handle}` },
      details: { reason: 'Fraud report #42', sessionsEnded: 1 },
    });

    // Unlocked by support: every way in works again, and the unspent recovery code still does.
    const unlocked = await unlock(support, alice.id);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toMatchObject({
      wasLocked: true,
      account: { status: 'active', lockedReason: null, lockedAt: null, lockedBy: null },
    });
    const again = new TestBrowser(server.hub, '198.51.100.23');
    expect((await again.signIn(alice.handle)).body.status).toBe('second_factor_required');
    const recovered = await again.request('POST', '/api/sign-in/second-factor/recovery-code', {
      code: alice.recoveryCodes[0],
    });
    expect(recovered.status).toBe(200);
    expect(recovered.body.status).toBe('signed_in');
    expect((await passwordless(new TestBrowser(server.hub), alice.authenticator)).status).toBe(200);
    const back = await signInToMail(again);
    expect(back.refresh_token).toBeDefined();
    expect(
      (await admin.browser.request('GET', `/api/admin/accounts/${alice.id}/security-log`)).body.events[0],
    ).toBeDefined();
  });

  it('never issues a code to a locked account, even for a session that outlived the lock', async () => {
    const bob = await member();
    await lock(admin, bob.id);
    // The session row is revoked; even were it not, a locked account's session no longer resolves.
    const flow = new FlowBrowser(server.url);
    flow.cookie = bob.browser.cookie;
    const url = client.buildAuthorizationUrl(mail.config, {
      redirect_uri: mail.redirect,
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const res = await flow.get(url.href);
    expect(res.headers.get('location') ?? '').not.toContain('code=');
    await unlock(admin, bob.id);
  });

  it('clears the sign-in lockout on unlock, which support may do', async () => {
    const carol = await member();
    const { accountLimit } = server.hub.config.throttle;
    for (let n = 0; n < accountLimit; n++) {
      await new TestBrowser(server.hub, `198.51.100.${100 + n}`).signIn(carol.handle, 'wrong password here');
    }
    const refused = await new TestBrowser(server.hub, '198.51.100.99').signIn(carol.handle);
    expect(refused.status).toBe(429);

    const unlocked = await unlock(support, carol.id, 'Called in, verified by phone');
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toMatchObject({ wasLocked: false, throttleCleared: true });
    const retried = await new TestBrowser(server.hub, '198.51.100.99').signIn(carol.handle);
    expect(retried.status).toBe(200);
    const log = await support.browser.request('GET', `/api/admin/accounts/${carol.id}/security-log`);
    expect(log.body.events[1] ?? log.body.events[0]).toBeDefined();
    expect(log.body.events).toContainEqual(
      expect.objectContaining({
        type: 'account.unlocked',
        details: expect.objectContaining({ reason: 'Called in, verified by phone', throttleCleared: true }),
      }),
    );
  });

  it('refuses locking oneself, locking twice, support locking, and reasons that are missing or too long', async () => {
    const dave = await member();
    const self = await lock(admin, admin.account.id);
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('account.cannot_lock_self');

    const bySupport = await lock(support, dave.id);
    expect(bySupport.status).toBe(403);
    expect(bySupport.body.error.code).toBe('auth.forbidden');
    expect((await lock(admin, dave.id)).status).toBe(200);
    const twice = await lock(admin, dave.id);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('account.already_locked');

    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(501) }, { reason: 7 }]) {
      const res = await admin.browser.request('POST', `/api/admin/accounts/${dave.id}/unlock`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('request.invalid');
    }
    expect((await unlock(admin, dave.id, 'x'.repeat(500))).status).toBe(200);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      const res = await lock(admin, id);
      expect(res.status, id).toBe(404);
      expect(res.body.error.code).toBe('account.not_found');
    }
  });
});

describe('the last admin', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('can’t be locked when no other admin could still sign in', async () => {
    const { lock } = hub.services.accountAdministration;
    const create = (roles: string[]) =>
      hub.services.accounts.create({
        handle: uniqueHandle('admin'),
        displayName: 'A',
        password: GOOD_PASSWORD,
        roles,
      });
    const first = await create(['admin']);
    const second = await create(['admin']);
    const operator = cliActor('ops');
    await lock.lock(operator, second.id, 'Left the company');
    await expect(lock.lock(operator, first.id, 'Oops')).rejects.toMatchObject({
      status: 409,
      code: 'role.last_admin',
    });
    // Two admins locking each other at once: one of the locks wins, never both.
    await lock.unlock(operator, second.id, 'Back');
    const results = await Promise.allSettled([
      lock.lock({ ...operator, accountId: first.id }, second.id, 'You'),
      lock.lock({ ...operator, accountId: second.id }, first.id, 'No, you'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });
});
