import { and, eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../db/schema.js';
import { emailMessages } from '../email/index.js';
import { testManifest } from '../services/testkit.js';
import { GOOD_PASSWORD } from '../test/client.js';
import { verifyEmail } from '../test/mail-links.js';
import {
  client,
  discover,
  FlowBrowser,
  location,
  type OidcTestServer,
  startOidcTestServer,
} from '../test/oidc.js';
import { NOTIFICATION_DIGEST_QUEUE } from './digest.js';
import { MEMBERSHIP_NOTICE_QUEUE } from './hub-notices.js';
import { nextDigestAt } from './local-time.js';
import { notificationItems } from './schema.js';

const SPACE_ORIGIN = 'http://localhost:9983';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

describe('nextDigestAt', () => {
  it('is 08:00 of the reader’s next local day, in their zone, on a day the clocks change too', () => {
    expect(nextDigestAt(new Date('2026-12-07T15:30:00Z'), 'Asia/Shanghai').toISOString()).toBe(
      '2026-12-08T00:00:00.000Z',
    );
    expect(nextDigestAt(new Date('2026-12-07T06:00:00Z'), 'UTC').toISOString()).toBe(
      '2026-12-07T08:00:00.000Z',
    );
    // Berlin moves to summer time at 02:00 on 29 March 2026: 08:00 that day is 06:00 UTC.
    expect(nextDigestAt(new Date('2026-03-29T00:30:00Z'), 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T06:00:00.000Z',
    );
  });
});

describe('the bell beyond the portal: services’ user-token API, the hub’s notices, the daily digest', () => {
  let server: OidcTestServer;
  let spaceSecret: string;
  const hub = () => server.hub;

  /** Signs a new user in to Space through the code flow, as the SDK does: Space's access token for them. */
  async function userOfSpace() {
    const space = await discover(server, 'space', spaceSecret);
    const browser = new FlowBrowser(server.url);
    const account = await browser.signUpAndIn();
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(space, {
      redirect_uri: `${SPACE_ORIGIN}/auth/callback`,
      scope: 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: 'xyz',
    });
    const tokens = await client.authorizationCodeGrant(space, location(await browser.get(url.href)), {
      pkceCodeVerifier: verifier,
      expectedState: 'xyz',
    });
    return { account, browser, accessToken: tokens.access_token };
  }

  /** Space's request to the hub with a bearer token. */
  async function asSpace(bearer: string | undefined, method: string, path: string, body?: unknown) {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        ...(bearer === undefined ? {} : { authorization: bearer }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: tests read the answers loosely
    return { status: res.status, body: (await res.json()) as any };
  }

  const notify = (recipient: string, text = 'Someone commented on your post') =>
    hub().services.notifications.notify('space', {
      recipient,
      type: 'space.comment',
      category: 'space.comments',
      url: `${SPACE_ORIGIN}/p/1`,
      text: { en: text },
    });

  /** The bell as its owner's browser lists it at the hub. */
  async function bell(browser: FlowBrowser) {
    const res = await browser.api('GET', '/api/notifications?limit=50');
    expect(res.status).toBe(200);
    // biome-ignore lint/suspicious/noExplicitAny: tests read the answers loosely
    return ((await res.json()) as any).items as Array<Record<string, any>>;
  }

  beforeAll(async () => {
    server = await startOidcTestServer();
    const manifest = testManifest({
      id: 'space',
      name: 'Space',
      hubScopes: ['notifications:write'],
      perks: [],
    });
    spaceSecret = (await hub().services.serviceRegistry.register(manifest, SPACE_ORIGIN)).clientSecret!;
    await hub().services.tiers.create({
      id: 'gold',
      name: 'Gold',
      description: 'For the notices.',
      color: '#aa7744',
      scope: 'platform',
      rank: 1,
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('lists, marks read and streams the bell of the user whose token Space presents', async () => {
    const { account, accessToken } = await userOfSpace();
    const bearer = `Bearer ${accessToken}`;
    const first = await notify(account.id, 'Ada commented on your post');
    hub().clock.advance(1000);
    await notify(account.id, 'Bob commented on your post');

    const listed = await asSpace(bearer, 'GET', '/api/v1/me/notifications?limit=1');
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({
      unread: 2,
      items: [{ text: 'Bob commented on your post', read: false }],
    });

    await hub().services.notificationStreams.watch(hub().listen);
    const stream = await hub().app.request('/api/v1/me/notifications/stream', {
      headers: { authorization: bearer },
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    const nextEvent = async () => {
      let text = '';
      while (!text.includes('\n\n')) text += (await reader.read()).value ?? '';
      return text;
    };
    expect(await nextEvent()).toContain('data: {"unread":2}');

    const read = await asSpace(bearer, 'POST', '/api/v1/me/notifications/read', { ids: [first.id!] });
    expect(read).toEqual({ status: 200, body: { unread: 1 } });
    expect(await nextEvent()).toContain('data: {"unread":1}');
    await reader.cancel();

    expect((await asSpace(bearer, 'POST', '/api/v1/me/notifications/read', { all: true })).body).toEqual({
      unread: 0,
    });
    // Bad input: a 400 in the one error shape.
    for (const body of [{}, { ids: [] }, { ids: ['x'] }, { all: false }, { ids: [first.id!], all: true }]) {
      const bad = await asSpace(bearer, 'POST', '/api/v1/me/notifications/read', body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error.code).toBe('request.invalid');
    }
    expect((await asSpace(bearer, 'GET', '/api/v1/me/notifications?limit=500')).status).toBe(400);
  });

  it('refuses what is not a live user token issued to the service presenting it: 401 token.invalid with the reason', async () => {
    const { account, accessToken } = await userOfSpace();
    const reasonOf = async (authorization: string | undefined) => {
      const res = await asSpace(authorization, 'GET', '/api/v1/me/notifications');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('token.invalid');
      return res.body.error.details.reason;
    };
    expect(await reasonOf(undefined)).toBe('missing');
    expect(await reasonOf('Basic c3BhY2U6eA==')).toBe('malformed');
    expect(await reasonOf('Bearer not.a.token')).toBe('invalid');

    // Space's own client_credentials token names no user.
    const own = await fetch(`${server.url}/oidc/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`space:${spaceSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    const serviceToken = ((await own.json()) as { access_token: string }).access_token;
    expect(await reasonOf(`Bearer ${serviceToken}`)).toBe('not_a_user_token');

    // The user's grant, in a token addressed to another service: not Space's to present.
    const claims = decodeJwt(accessToken) as { gid: string; jti: string };
    const elsewhere = await hub().services.tokens.accessToken({
      subject: account.id,
      clientId: 'space',
      audience: 'mail',
      scope: 'openid profile',
      grantId: claims.gid,
    });
    expect(await reasonOf(`Bearer ${elsewhere.token}`)).toBe('wrong_audience');

    // Ten minutes on, the user's token has expired: the SDK refreshes it.
    hub().clock.advance(11 * 60_000);
    expect(await reasonOf(`Bearer ${accessToken}`)).toBe('expired');
  });

  it('tells the owner of a password change in the bell, as the hub, and no preference turns it off', async () => {
    const browser = new FlowBrowser(server.url);
    const account = await browser.signUpAndIn();
    const off = await browser.api('PATCH', '/api/notifications/preferences', {
      categories: { security: { inApp: false } },
    });
    expect(off.status).toBe(400);

    const changed = await browser.api('POST', '/api/me/password', {
      currentPassword: GOOD_PASSWORD,
      newPassword: 'a far longer passphrase nobody guesses 7',
    });
    expect(changed.status).toBe(204);
    const [notice] = await bell(browser);
    expect(notice).toMatchObject({
      source: 'hub',
      type: 'security.password_changed',
      category: 'security',
      text: 'Your password was changed',
      url: '/account/security',
      read: false,
    });
    // The hub mails a password change itself: the notice is not mailed again, nor put in a digest.
    const [row] = await hub()
      .db.select({ emailedAt: notificationItems.emailedAt })
      .from(notificationItems)
      .where(eq(notificationItems.id, notice!.id));
    expect(row!.emailedAt).not.toBeNull();

    // A sign-in from another kind of device is news; from the same one again, not.
    const signIn = async (userAgent: string) => {
      const res = await fetch(`${server.url}/api/sessions`, {
        method: 'POST',
        headers: { origin: server.url, 'content-type': 'application/json', 'user-agent': userAgent },
        body: JSON.stringify({
          identifier: account.handle,
          password: 'a far longer passphrase nobody guesses 7',
        }),
      });
      expect(res.status).toBe(200);
    };
    const iphone =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 19_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/19.0 Mobile/15E148 Safari/604.1';
    await signIn(iphone);
    await signIn(iphone);
    const types = (await bell(browser)).map((item) => item.type);
    expect(types.filter((t) => t === 'security.new_device')).toHaveLength(1);
  });

  it('tells a member their membership started and, once, that it ends in 3 days — whatever they turned off', async () => {
    const browser = new FlowBrowser(server.url);
    const account = await browser.signUpAndIn();
    const membershipOff = await browser.api('PATCH', '/api/notifications/preferences', {
      categories: { membership: { inApp: false, email: false } },
    });
    expect(membershipOff.status).toBe(200);
    const now = hub().clock.now();
    await hub().services.billing.complimentary.grant(
      account.id,
      account.id,
      { tierId: 'gold', until: new Date(now.getTime() + 10 * DAY_MS).toISOString(), reason: 'Beta tester' },
      { ip: null, userAgent: 'test' },
    );
    const latest = async () => (await hub().services.notifications.list(account.id, { limit: 50 })).items;
    const [started] = await latest();
    expect(started).toMatchObject({
      source: 'hub',
      type: 'membership.started',
      category: 'payment',
      url: '/account/membership',
    });
    expect(started!.text).toBe('Your Gold membership has started');

    const notices = hub().services.hubNotices;
    expect(await notices.queueEndingNotices()).toBe(0); // 10 days left
    hub().clock.advance(8 * DAY_MS);
    expect(await notices.queueEndingNotices()).toBe(1);
    expect(await notices.queueEndingNotices()).toBe(0); // once per period
    await hub().services.queue.runDue(MEMBERSHIP_NOTICE_QUEUE, notices.sendEndingNotice);
    // (Eight days on, the browser's session has ended: the bell is read as the hub lists it.)
    const ending = (await latest()).filter((item) => item.type === 'membership.ending');
    expect(ending).toHaveLength(1);
    expect(ending[0]!.text).toBe('Your Gold membership ends in 2 days');
  });

  it('mails the daily digest at 08:00 in the reader’s time zone, once a day, listing only what wasn’t mailed', async () => {
    const browser = new FlowBrowser(server.url);
    const account = await browser.signUpAndIn();
    const email = `${account.handle}@example.com`;
    await verifyEmail(hub(), email);
    await hub().db.update(accounts).set({ timeZone: 'Asia/Shanghai' }).where(eq(accounts.id, account.id));
    const on = await browser.api('PATCH', '/api/notifications/preferences', { digest: true });
    expect(on.status).toBe(200);
    expect(await on.json()).toMatchObject({ digest: true, digestHour: 8 });

    await notify(account.id, 'Ada commented on your post');
    await notify(account.id, 'Bob commented on your post');
    const digests = async () =>
      (
        await hub()
          .db.select({ id: emailMessages.id })
          .from(emailMessages)
          .where(
            and(eq(emailMessages.accountId, account.id), eq(emailMessages.template, 'notification_digest')),
          )
      ).length;
    const digest = hub().services.notificationDigest;
    const run = () => hub().services.queue.runDue(NOTIFICATION_DIGEST_QUEUE, digest.send);

    // Not before 08:00 in Shanghai; then one, and only one, however often the timer looks.
    const due = nextDigestAt(hub().clock.now(), 'Asia/Shanghai');
    hub().clock.advance(due.getTime() - hub().clock.now().getTime() - 60_000);
    expect(await digest.queueDue()).toBe(0);
    hub().clock.advance(2 * 60_000);
    expect(await digest.queueDue()).toBe(1);
    expect(await digest.queueDue()).toBe(0);
    await run();
    expect(await digests()).toBe(1);

    // The next day: nothing new unread and unmailed, so no mail; a new item goes in the next one.
    hub().clock.advance(DAY_MS);
    expect(await digest.queueDue()).toBe(1);
    await run();
    expect(await digests()).toBe(1);
    hub().clock.advance(DAY_MS / 2);
    await notify(account.id, 'Cy commented on your post');
    hub().clock.advance(DAY_MS / 2);
    expect(await digest.queueDue()).toBe(1);
    await run();
    expect(await digests()).toBe(2);

    const off = await browser.api('PATCH', '/api/notifications/preferences', { digest: false });
    expect(await off.json()).toMatchObject({ digest: false });
    hub().clock.advance(DAY_MS);
    expect(await digest.queueDue()).toBe(0);
  });
});
