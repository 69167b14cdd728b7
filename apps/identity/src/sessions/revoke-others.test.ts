import { jobs } from '@orbit/jobs';
import { and, eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../db/schema.js';
import { BACKCHANNEL_QUEUE, grants, type LogoutDelivery } from '../oidc/index.js';
import { TestBrowser } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { authenticatorFor, enroll, stepUp } from '../test/passkeys.js';
import { startReceiver } from '../test/receiver.js';

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

describe('POST /api/me/sessions/revoke-others', () => {
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

  const sessionIdOf = async (browser: TestBrowser): Promise<string> =>
    (await browser.request('GET', '/api/session')).body.session.id;

  /** Mail signed in through the session: a grant the session's end revokes, and a back-channel logout. */
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
  }

  /** One account signed in on three devices: this laptop, a phone and a tablet, each into Mail too. */
  async function threeDevices() {
    const laptop = new TestBrowser(hub, '203.0.113.1');
    const { account } = (await laptop.signUp()).body;
    const phone = new TestBrowser(hub, '203.0.113.2');
    const tablet = new TestBrowser(hub, '203.0.113.3');
    expect((await phone.signIn(account.handle)).status).toBe(200);
    expect((await tablet.signIn(account.handle)).status).toBe(200);
    const ids = {
      laptop: await sessionIdOf(laptop),
      phone: await sessionIdOf(phone),
      tablet: await sessionIdOf(tablet),
    };
    for (const id of Object.values(ids)) await signInToMail(account.id, id);
    return { account, laptop, phone, tablet, ids };
  }

  it('ends every other session and tells the services, keeps this one, and records it', async () => {
    const { account, laptop, phone, tablet, ids } = await threeDevices();
    // Someone else's session is not touched.
    const stranger = new TestBrowser(hub);
    await stranger.signUp();

    const res = await laptop.request('POST', '/api/me/sessions/revoke-others');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ revoked: 2 });

    expect((await laptop.request('GET', '/api/session')).status).toBe(200);
    expect((await phone.request('GET', '/api/session')).status).toBe(401);
    expect((await tablet.request('GET', '/api/session')).status).toBe(401);
    expect((await stranger.request('GET', '/api/session')).status).toBe(200);
    const listed = (await laptop.request('GET', '/api/sessions')).body.sessions;
    expect(listed.map((s: { id: string }) => s.id)).toEqual([ids.laptop]);

    // The sweep ran right away: the ended sessions' grants are revoked and their logouts queued and delivered.
    const live = await hub.db.select().from(grants).where(eq(grants.accountId, account.id));
    expect(live.filter((g) => g.revokedAt === null).map((g) => g.sessionId)).toEqual([ids.laptop]);
    const queued = (await hub.db.select().from(jobs).where(eq(jobs.queue, BACKCHANNEL_QUEUE)))
      .map((job) => job.payload as LogoutDelivery)
      .filter((payload) => payload.accountId === account.id);
    expect(queued.map((p) => p.sessionId).sort()).toEqual([ids.phone, ids.tablet].sort());
    await hub.services.backchannel.deliverDue();
    const sids = rp.received
      .map(({ form }) => decodeJwt(form.get('logout_token')!))
      .filter((claims) => claims.sub === account.id)
      .map((claims) => claims.sid);
    expect(sids.sort()).toEqual([ids.phone, ids.tablet].sort());

    const log = (await laptop.request('GET', '/api/me/security-log')).body.events;
    expect(log[0]).toMatchObject({
      type: 'sessions.revoked_others',
      ip: '203.0.113.1',
      details: { count: 2, keptSessionId: ids.laptop },
    });

    // Again, with nothing left to end: fine, and says so.
    const again = await laptop.request('POST', '/api/me/sessions/revoke-others');
    expect(again.body).toEqual({ revoked: 0 });
  });

  it('needs a fresh passkey step-up when the account has a passkey', async () => {
    const { laptop, phone, ids } = await threeDevices();
    const authenticator = authenticatorFor(hub);
    await enroll(laptop, authenticator, 'Laptop');
    hub.clock.advance(6 * 60_000);

    const refused = await laptop.request('POST', '/api/me/sessions/revoke-others');
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: 'step_up_required', details: { maxAgeSeconds: 300 } });
    const [phoneRow] = await hub.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.id, ids.phone)));
    expect(phoneRow!.revokedAt).toBeNull();

    expect((await stepUp(laptop, authenticator)).status).toBe(200);
    const res = await laptop.request('POST', '/api/me/sessions/revoke-others');
    expect(res.status).toBe(200);
    expect(res.body.revoked).toBe(2);
    expect((await phone.request('GET', '/api/session')).status).toBe(401);
  });

  it('needs a session and the CSRF token', async () => {
    const anonymous = await new TestBrowser(hub).request('POST', '/api/me/sessions/revoke-others');
    expect(anonymous.status).toBe(401);

    const { laptop, phone } = await threeDevices();
    const forged = await laptop.request('POST', '/api/me/sessions/revoke-others', undefined, {
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(forged.status).toBe(403);
    expect((await phone.request('GET', '/api/session')).status).toBe(200);
  });
});
