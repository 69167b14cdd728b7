import { randomBytes } from 'node:crypto';
import { jobs } from '@orbit/jobs';
import { eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../crypto.js';
import { accounts, sessions } from '../db/schema.js';
import { BACKCHANNEL_QUEUE, consents, grants, type LogoutDelivery } from '../oidc/index.js';
import { passkeys, recoveryCodes } from '../passkeys/index.js';
import { securityEvents } from '../security/index.js';
import { GOOD_PASSWORD, TestBrowser, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { verifyEmail } from '../test/mail-links.js';
import { startReceiver } from '../test/receiver.js';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(24)]);

describe('account export and deletion', () => {
  let hub: TestHub;
  let rp: Receiver;

  beforeAll(async () => {
    hub = await startTestHub();
    rp = await startReceiver();
    await hub.services.clients.create({
      id: 'mail',
      name: 'Mail',
      firstParty: true,
      redirectUris: ['http://localhost:9101/callback'],
      backchannelLogoutUri: rp.url('/mail/backchannel'),
    });
  });
  afterAll(async () => {
    await hub.close();
    await rp.close();
  });

  async function signUp() {
    const browser = new TestBrowser(hub);
    const handle = uniqueHandle();
    const res = await browser.signUp({ handle, email: `${handle}@example.com` });
    expect(res.status).toBe(201);
    await verifyEmail(hub, `${handle}@example.com`);
    const account = res.body.account as { id: string; accountNumber: string; handle: string };
    return { browser, account, sessionId: await sessionIdOf(browser) };
  }

  const sessionIdOf = async (browser: TestBrowser): Promise<string> =>
    (await browser.request('GET', '/api/session')).body.session.id;

  /** A passkey row as registration would leave it (the ceremony itself is proved in passkeys/). */
  async function addPasskey(accountId: string) {
    const publicKey = randomBytes(77);
    await hub.db.insert(passkeys).values({
      accountId,
      credentialId: randomBytes(16).toString('base64url'),
      publicKey,
      transports: ['internal', 'hybrid'],
      deviceType: 'multiDevice',
      backedUp: true,
      aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
      name: 'iPhone',
      createdAt: hub.clock.now(),
    });
    return publicKey;
  }

  /** What a passkey step-up leaves on the session. */
  const stepUp = (sessionId: string) =>
    hub.db.update(sessions).set({ passkeyAt: hub.clock.now() }).where(eq(sessions.id, sessionId));

  /** Mail signed in through the session: a grant with a refresh token, and the user's consent. */
  async function signInToMail(accountId: string, sessionId: string) {
    await hub.services.grants.issueCode(
      {
        clientId: 'mail',
        accountId,
        sessionId,
        scope: 'openid profile',
        authTime: hub.clock.now(),
        acr: 'urn:orbit:acr:password',
        amr: ['pwd'],
        nonce: null,
      },
      { redirectUri: 'http://localhost:9101/callback', codeChallenge: 'x'.repeat(43) },
    );
    const [grant] = await hub.db.select().from(grants).where(eq(grants.sessionId, sessionId));
    const refreshToken = await hub.services.grants.issueRefreshToken(grant!, grant!.scope);
    await hub.db
      .insert(consents)
      .values({ accountId, clientId: 'mail', scopes: ['openid', 'profile'], grantedAt: hub.clock.now() })
      .onConflictDoNothing();
    return { refreshTokenHash: sha256(refreshToken) };
  }

  const deleteMe = (browser: TestBrowser, body: Record<string, unknown>) =>
    browser.request('DELETE', '/api/me', body);

  describe('POST /api/me/export', () => {
    it('hands over everything the hub holds about the account, as an attachment, without a secret', async () => {
      const { browser, account, sessionId } = await signUp();
      expect(
        (
          await browser.request('PUT', '/api/me/avatar', undefined, {
            headers: { 'content-type': 'image/png' },
            raw: PNG,
          })
        ).status,
      ).toBe(200);
      const publicKey = await addPasskey(account.id);
      await hub.db.insert(recoveryCodes).values(
        ['one', 'two', 'three'].map((name, i) => ({
          accountId: account.id,
          codeHash: `$argon2id$v=19$m=19456,t=2,p=1$recovery-${name}`,
          createdAt: hub.clock.now(),
          usedAt: i === 0 ? hub.clock.now() : null,
        })),
      );
      const { refreshTokenHash } = await signInToMail(account.id, sessionId);
      await stepUp(sessionId);
      // A complimentary VIP (granted by the account itself here: the grant only records who granted it).
      await hub.services.seedDefaultTiers();
      const until = new Date(hub.clock.now().getTime() + 7 * 86_400_000).toISOString();
      await hub.services.billing.complimentary.grant(
        account.id,
        account.id,
        { tierId: 'vip', until, reason: 'export test' },
        { ip: null, userAgent: '' },
      );

      const res = await browser.request('POST', '/api/me/export');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="orbit-${account.accountNumber}.json"`,
      );
      expect(res.headers.get('cache-control')).toBe('no-store');
      const doc = res.body;
      expect(Object.keys(doc).sort()).toEqual(
        [
          'exportedAt',
          'account',
          'avatar',
          'sessions',
          'passkeys',
          'recoveryCodes',
          'consents',
          'grants',
          'securityLog',
          'membership',
        ].sort(),
      );
      expect(doc.membership.subscriptions).toEqual([
        expect.objectContaining({ tierId: 'vip', source: 'complimentary', grantReason: 'export test' }),
      ]);
      expect(doc.membership.receipts).toEqual([]);
      expect(doc.membership.levels).toMatchObject({ timeZone: 'UTC', showBadges: true });
      expect(doc.membership.levels.activeDays).toHaveLength(1);
      expect(doc.exportedAt).toBe(hub.clock.now().toISOString());
      expect(doc.account).toMatchObject({
        id: account.id,
        accountNumber: account.accountNumber,
        handle: account.handle,
        email: `${account.handle}@example.com`,
        passwordChangedAt: expect.any(String),
      });
      expect(doc.avatar).toEqual({
        contentType: 'image/png',
        bytes: PNG.length,
        updatedAt: expect.any(String),
      });
      expect(doc.sessions).toEqual([
        expect.objectContaining({ id: sessionId, current: true, revokedAt: null }),
      ]);
      expect(doc.passkeys).toEqual([
        {
          id: expect.any(String),
          name: 'iPhone',
          createdAt: expect.any(String),
          lastUsedAt: null,
          deviceType: 'multiDevice',
          backedUp: true,
          transports: ['internal', 'hybrid'],
          aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd',
        },
      ]);
      expect(doc.recoveryCodes).toEqual({ remaining: 2 });
      expect(doc.consents).toEqual([
        {
          clientId: 'mail',
          clientName: 'Mail',
          scopes: ['openid', 'profile'],
          grantedAt: expect.any(String),
        },
      ]);
      expect(doc.grants).toEqual([
        expect.objectContaining({ clientId: 'mail', clientName: 'Mail', scope: 'openid profile', sessionId }),
      ]);
      expect(doc.securityLog[0]).toMatchObject({ type: 'account.exported', ip: browser.ip });

      const text = JSON.stringify(doc);
      expect(text).not.toMatch(/password_?hash|public_?key|code_?hash|token_?hash|secret|credential/i);
      expect(text).not.toContain('$argon2');
      const [row] = await hub.db.select().from(sessions).where(eq(sessions.id, sessionId));
      for (const secret of [
        row!.tokenHash,
        refreshTokenHash,
        publicKey.toString('base64'),
        publicKey.toString('base64url'),
        publicKey.toString('hex'),
      ]) {
        expect(text).not.toContain(secret);
      }

      const log = await browser.request('GET', '/api/me/security-log');
      expect(log.body.events[0]).toMatchObject({ type: 'account.exported' });
    });
  });

  describe('step-up for export and deletion', () => {
    it('asks an account with a passkey for a fresh passkey assertion, and lets it through within 5 minutes', async () => {
      const { browser, account, sessionId } = await signUp();
      await addPasskey(account.id);
      const confirm = { confirm: account.accountNumber };

      for (const [method, path, body] of [
        ['POST', '/api/me/export', undefined],
        ['DELETE', '/api/me', confirm],
      ] as const) {
        const refused = await browser.request(method, path, body);
        expect(refused.status, path).toBe(401);
        expect(refused.body.error).toMatchObject({
          code: 'step_up_required',
          details: { maxAgeSeconds: 300 },
        });
      }

      await stepUp(sessionId);
      expect((await browser.request('POST', '/api/me/export')).status).toBe(200);
      hub.clock.advance(301_000);
      expect((await browser.request('POST', '/api/me/export')).body.error.code).toBe('step_up_required');

      await stepUp(sessionId);
      // With a passkey, the step-up is the proof: no password is asked for.
      expect((await deleteMe(browser, confirm)).status).toBe(204);
      expect(await hub.services.accounts.byId(account.id)).toBeUndefined();
      expect(await hub.db.select().from(passkeys).where(eq(passkeys.accountId, account.id))).toEqual([]);
    });
  });

  describe('DELETE /api/me', () => {
    it('refuses a confirmation that is not the account number', async () => {
      const { browser, account } = await signUp();
      const res = await deleteMe(browser, { confirm: `${account.accountNumber}0`, password: GOOD_PASSWORD });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('account.confirm_mismatch');
      expect(await hub.services.accounts.byId(account.id)).toBeDefined();
    });

    it('asks an account without a passkey for its password, and refuses a wrong one', async () => {
      const { browser, account } = await signUp();
      const missing = await deleteMe(browser, { confirm: account.accountNumber });
      expect(missing.status).toBe(400);
      expect(missing.body.error.code).toBe('account.password_required');

      const wrong = await deleteMe(browser, { confirm: account.accountNumber, password: 'not the password' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('auth.invalid_credentials');
      expect(await hub.services.accounts.byId(account.id)).toBeDefined();
      expect((await browser.request('GET', '/api/session')).status).toBe(200);
    });

    it('keeps the last admin, and lets an admin go once there is another', async () => {
      const handle = uniqueHandle('admin');
      const admin = await hub.services.accounts.create({
        handle,
        displayName: 'Admin',
        password: GOOD_PASSWORD,
        roles: ['admin'],
      });
      const browser = new TestBrowser(hub);
      expect((await browser.signIn(handle)).status).toBe(200);
      const confirm = { confirm: String(admin.accountNumber), password: GOOD_PASSWORD };

      const refused = await deleteMe(browser, confirm);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('role.last_admin');
      // Refused before anything happened: still signed in.
      expect((await browser.request('GET', '/api/session')).status).toBe(200);

      await hub.services.accounts.create({
        handle: uniqueHandle('admin'),
        displayName: 'Second admin',
        password: GOOD_PASSWORD,
        roles: ['admin'],
      });
      expect((await deleteMe(browser, confirm)).status).toBe(204);
    });

    it('ends every session, tells the services that signed in through them, then removes the account and all it owns', async () => {
      const { browser, account, sessionId } = await signUp();
      const phone = new TestBrowser(hub, '203.0.113.99');
      expect((await phone.signIn(account.handle)).status).toBe(200);
      const phoneSessionId = await sessionIdOf(phone);
      await signInToMail(account.id, sessionId);
      await signInToMail(account.id, phoneSessionId);
      await browser.request('PUT', '/api/me/avatar', undefined, {
        headers: { 'content-type': 'image/png' },
        raw: PNG,
      });
      const cookie = browser.cookie;

      const res = await deleteMe(browser, { confirm: account.accountNumber, password: GOOD_PASSWORD });
      expect(res.status).toBe(204);
      expect(res.headers.get('set-cookie')).toMatch(/orbit_session=;.*Max-Age=0/i);

      expect(browser.cookie).toBeUndefined();
      const stale = new TestBrowser(hub);
      stale.cookie = cookie;
      expect((await stale.request('GET', '/api/session')).status).toBe(401);
      expect((await phone.request('GET', '/api/session')).status).toBe(401);
      const signIn = await new TestBrowser(hub).signIn(account.handle);
      expect(signIn.status).toBe(401);
      expect(signIn.body.error.code).toBe('auth.invalid_credentials');

      expect(await hub.db.select().from(accounts).where(eq(accounts.id, account.id))).toEqual([]);
      expect(await hub.db.select().from(sessions).where(eq(sessions.accountId, account.id))).toEqual([]);
      expect(
        await hub.db.select().from(securityEvents).where(eq(securityEvents.accountId, account.id)),
      ).toEqual([]);
      expect(await hub.db.select().from(grants).where(eq(grants.accountId, account.id))).toEqual([]);
      expect(await hub.db.select().from(consents).where(eq(consents.accountId, account.id))).toEqual([]);
      expect(await hub.services.accounts.avatar(account.id)).toBeUndefined();

      // The logout deliveries were queued while the sessions existed, and carry all they need.
      const queued = (await hub.db.select().from(jobs).where(eq(jobs.queue, BACKCHANNEL_QUEUE)))
        .map((job) => job.payload as LogoutDelivery)
        .filter((payload) => payload.accountId === account.id);
      expect(queued.map((p) => p.sessionId).sort()).toEqual([sessionId, phoneSessionId].sort());

      await hub.services.backchannel.deliverDue();
      const delivered = rp.received
        .map(({ path, form }) => ({ path, claims: decodeJwt(form.get('logout_token')!) }))
        .filter(({ claims }) => claims.sub === account.id);
      expect(delivered.map((d) => d.path)).toEqual(['/mail/backchannel', '/mail/backchannel']);
      expect(delivered.map((d) => d.claims.sid).sort()).toEqual([sessionId, phoneSessionId].sort());
    });
  });
});
