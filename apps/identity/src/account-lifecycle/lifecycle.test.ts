import { randomBytes } from 'node:crypto';
import { ACCOUNT_DELETION_GRACE_DAYS } from '@orbit/contracts';
import { jobs } from '@orbit/jobs';
import { eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../crypto.js';
import { accounts, sessions } from '../db/schema.js';
import { BACKCHANNEL_QUEUE, consents, grants, type LogoutDelivery } from '../oidc/index.js';
import { passkeys } from '../passkeys/index.js';
import { securityEvents } from '../security/index.js';
import { GOOD_PASSWORD, TestBrowser, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { templatesTo, verifyEmail } from '../test/mail-links.js';
import { startReceiver } from '../test/receiver.js';
import { accountDeletions } from './schema.js';

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
  const DAY_MS = 24 * 60 * 60 * 1000;
  /** The account's deletion that waits out its grace period, if any. */
  const scheduledDeletionOf = async (accountId: string) =>
    (await hub.db.select().from(accountDeletions).where(eq(accountDeletions.accountId, accountId))).find(
      (row) => row.deletedAt === null,
    );

  describe('step-up for export and deletion', () => {
    it('asks an account with a passkey for a fresh passkey assertion, and lets it through within 5 minutes', async () => {
      const { browser, account, sessionId } = await signUp();
      await addPasskey(account.id);
      const confirm = { confirm: account.accountNumber };

      for (const [method, path, body] of [
        ['POST', '/api/me/exports', undefined],
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
      expect((await browser.request('POST', '/api/me/exports')).status).toBe(202);
      hub.clock.advance(301_000);
      expect((await browser.request('POST', '/api/me/exports')).body.error.code).toBe('step_up_required');

      await stepUp(sessionId);
      // With a passkey, the step-up is the proof: no password is asked for.
      expect((await deleteMe(browser, confirm)).status).toBe(202);
      expect(await scheduledDeletionOf(account.id)).toBeDefined();
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
      expect((await deleteMe(browser, confirm)).status).toBe(202);
    });

    it('ends every session at once and tells the services that signed in through them; 30 days later removes the account and all it owns', async () => {
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
      expect(res.status).toBe(202);
      const scheduledFor = new Date(hub.clock.now().getTime() + ACCOUNT_DELETION_GRACE_DAYS * DAY_MS);
      expect(res.body).toEqual({ scheduledFor: scheduledFor.toISOString() });
      expect(res.headers.get('set-cookie')).toMatch(/orbit_session=;.*Max-Age=0/i);

      expect(browser.cookie).toBeUndefined();
      const stale = new TestBrowser(hub);
      stale.cookie = cookie;
      expect((await stale.request('GET', '/api/session')).status).toBe(401);
      expect((await phone.request('GET', '/api/session')).status).toBe(401);
      // The owner is told when, and how to keep the account.
      expect(await templatesTo(hub, `${account.handle}@example.com`)).toContain('account_deletion_scheduled');

      // The logout deliveries were queued as the sessions ended.
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

      // Nothing is deleted before the grace period is over.
      expect(await hub.services.accountLifecycle.deleteDue()).toBe(0);
      expect(await hub.services.accounts.byId(account.id)).toBeDefined();
      hub.clock.advance(ACCOUNT_DELETION_GRACE_DAYS * DAY_MS);
      expect(await hub.services.accountLifecycle.deleteDue()).toBeGreaterThanOrEqual(1);

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
      // What outlives it: the deletion, by the account's id (the `sub` services know) and number.
      const [record] = await hub.db
        .select()
        .from(accountDeletions)
        .where(eq(accountDeletions.accountId, account.id));
      expect(record).toMatchObject({
        accountNumber: Number(account.accountNumber),
        by: 'self',
        scheduledFor,
        deletedAt: hub.clock.now(),
      });
    });
  });
});
