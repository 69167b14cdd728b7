import { randomUUID } from 'node:crypto';
import { MAX_RELATIONSHIP_BATCH, relationshipsAnswer, socialFriendsAnswer } from '@orbit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testManifest } from '../services/testkit.js';
import { bodyOf, GOOD_PASSWORD, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';

/** The social graph for services (issue 19, point 2): `/api/v1/social/*` with `social:read`. */
describe('the service API’s social graph (/api/v1/social)', () => {
  let hub: TestHub;
  /** A service whose manifest asks for `social:read`, and one whose manifest doesn't. */
  let spaceToken: string;
  let mailToken: string;
  const secrets: Record<string, string> = {};
  let alice: string;
  let bob: string;
  let carol: string;
  let dave: string;
  let erin: string;
  let frank: string;
  let work: string;

  async function clientCredentials(clientId: string, clientSecret: string, scope?: string) {
    const res = await hub.app.request('/oidc/token', {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }).toString(),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { access_token: string }).access_token;
  }

  const call = (method: string, path: string, body?: unknown, bearer: string = spaceToken) =>
    hub.app.request(`/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${bearer}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  const account = async (name: string) => {
    const handle = uniqueHandle(name);
    return (await hub.services.accounts.create({ handle, displayName: handle, password: GOOD_PASSWORD })).id;
  };

  /** `a` asks `b`, filing them in `group`; `b` accepts. */
  async function befriend(a: string, b: string, group: string | null = null) {
    const { request } = await hub.services.social.sendRequest(a, { to: b, message: '', groupId: group });
    await hub.services.social.accept(b, request!.id, {});
  }

  beforeAll(async () => {
    hub = await startTestHub();
    const space = await hub.services.serviceRegistry.register(
      testManifest({ id: 'space', defaultPort: 4102, hubScopes: ['accounts:read', 'social:read'] }),
    );
    secrets.space = space.clientSecret!;
    spaceToken = await clientCredentials('space', secrets.space);
    const mail = await hub.services.serviceRegistry.register(testManifest());
    secrets.mail = mail.clientSecret!;
    mailToken = await clientCredentials('mail', secrets.mail);
    [alice, bob, carol, dave, erin, frank] = (await Promise.all(
      ['alice', 'bob', 'carol', 'dave', 'erin', 'frank'].map(account),
    )) as [string, string, string, string, string, string];
    work = (await hub.services.social.createGroup(alice, 'Work')).id!;
    await befriend(alice, bob, work);
    await befriend(frank, alice);
    await hub.services.social.block(alice, carol);
    await hub.services.social.block(dave, alice);
    await hub.services.social.mute(alice, erin, null);
    // A request pending between alice and erin is alice's own business: services don't see it.
    await hub.services.social.sendRequest(alice, { to: erin, message: 'hi' });
  });
  afterAll(async () => {
    await hub.close();
  });

  it('answers how the viewer stands with each id, leaving out ids that name no account', async () => {
    const unknown = randomUUID();
    const res = await call('POST', '/social/relationships', {
      viewer: alice,
      ids: [bob, carol, dave, erin, frank, unknown, bob.toUpperCase()],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toMatch(/^application\/json\b/);
    const body = relationshipsAnswer.parse(await bodyOf(res));
    const none = { friend: false, groupId: null, blocking: false, blockedBy: false, muting: false };
    expect(body.relationships).toEqual({
      [bob]: { ...none, friend: true, groupId: work },
      [carol]: { ...none, blocking: true },
      [dave]: { ...none, blockedBy: true },
      [erin]: { ...none, muting: true },
      [frank]: { ...none, friend: true },
    });

    // Each side's view: bob filed alice in his default group; carol is blocked by alice.
    const theirs = await bodyOf(await call('POST', '/social/relationships', { viewer: bob, ids: [alice] }));
    expect(theirs.relationships[alice]).toEqual({ ...none, friend: true });
    const carols = await bodyOf(
      await call('POST', '/social/relationships', { viewer: carol, ids: [alice, carol] }),
    );
    expect(carols.relationships).toEqual({ [alice]: { ...none, blockedBy: true }, [carol]: none });
  });

  it('counts a mute only while it lasts', async () => {
    const gail = await account('gail');
    await hub.services.social.mute(gail, frank, 1);
    const muting = async () =>
      (await bodyOf(await call('POST', '/social/relationships', { viewer: gail, ids: [frank] })))
        .relationships[frank].muting;
    expect(await muting()).toBe(true);
    hub.clock.advance(61_000);
    expect(await muting()).toBe(false);
  });

  it('answers 404 account.not_found for a viewer that is no account', async () => {
    const res = await call('POST', '/social/relationships', { viewer: randomUUID(), ids: [alice] });
    expect(res.status).toBe(404);
    expect((await bodyOf(res)).error.code).toBe('account.not_found');
  });

  it('takes 100 ids at once', async () => {
    const ids = [bob, ...Array.from({ length: MAX_RELATIONSHIP_BATCH - 1 }, () => randomUUID())];
    const res = await call('POST', '/social/relationships', { viewer: alice, ids });
    expect(res.status).toBe(200);
    expect(Object.keys((await bodyOf(res)).relationships)).toEqual([bob]);
  });

  it('lists an account’s friends with its group for each, and its groups', async () => {
    const res = await call('GET', `/social/friends/${alice.toUpperCase()}`);
    expect(res.status).toBe(200);
    const body = socialFriendsAnswer.parse(await bodyOf(res));
    expect(body.sub).toBe(alice);
    expect(body.friends).toHaveLength(2);
    expect(body.friends).toEqual(
      expect.arrayContaining([
        { id: bob, groupId: work },
        { id: frank, groupId: null },
      ]),
    );
    expect(body.groups).toEqual([
      { id: null, name: null, position: 0, friends: 1 },
      { id: work, name: 'Work', position: 1, friends: 1 },
    ]);
    // Blocked and muted accounts are no friends; an account without friends has the default group only.
    expect(await bodyOf(await call('GET', `/social/friends/${carol}`))).toEqual({
      sub: carol,
      friends: [],
      groups: [{ id: null, name: null, position: 0, friends: 0 }],
      defaultAudience: 'public',
    });
    // The default audience of new posts is the account's privacy-centre choice (a composer preselects it).
    await hub.services.privacy.updatePrivacy(carol, { defaultAudience: 'friends' });
    const after = socialFriendsAnswer.parse(await bodyOf(await call('GET', `/social/friends/${carol}`)));
    expect(after.defaultAudience).toBe('friends');

    const missing = await call('GET', `/social/friends/${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect((await bodyOf(missing)).error.code).toBe('account.not_found');
  });

  it('refuses bad input with a 4xx in the error shape, never 500', async () => {
    const cases: [unknown, number, string][] = [
      [{ viewer: alice, ids: [] }, 400, 'request.invalid'],
      [
        { viewer: alice, ids: Array.from({ length: MAX_RELATIONSHIP_BATCH + 1 }, () => randomUUID()) },
        400,
        'request.invalid',
      ],
      [{ viewer: alice, ids: ['not-a-uuid'] }, 400, 'request.invalid'],
      [{ viewer: alice, ids: [42] }, 400, 'request.invalid'],
      [{ viewer: 'alice', ids: [bob] }, 400, 'request.invalid'],
      [{ ids: [bob] }, 400, 'request.invalid'],
      [{ viewer: alice }, 400, 'request.invalid'],
      [{ viewer: alice, ids: [bob], remarks: true }, 400, 'request.invalid'],
      [{ viewer: alice, ids: bob }, 400, 'request.invalid'],
      ['null', 400, 'request.invalid'],
      ['[]', 400, 'request.invalid'],
      ['{"viewer": ', 400, 'request.invalid_json'],
    ];
    for (const [body, status, code] of cases) {
      const res = await call('POST', '/social/relationships', body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect((await bodyOf(res)).error.code, JSON.stringify(body)).toBe(code);
    }
    const plain = await hub.app.request('/api/v1/social/relationships', {
      method: 'POST',
      headers: { authorization: `Bearer ${spaceToken}`, 'content-type': 'text/plain' },
      body: alice,
    });
    expect(plain.status).toBe(415);
    expect((await bodyOf(plain)).error.code).toBeTypeOf('string');

    const malformed = await call('GET', '/social/friends/not-a-uuid');
    expect(malformed.status).toBe(400);
    expect((await bodyOf(malformed)).error.code).toBe('request.invalid');
    const nul = await call('GET', '/social/friends/%00');
    expect(nul.status).toBe(400);
    expect((await bodyOf(nul)).error.code).toBeTypeOf('string');
  });

  it('answers 403 token.insufficient_scope without social:read, and 401 without a token', async () => {
    const narrow = await clientCredentials('mail', secrets.mail!, 'accounts:read');
    for (const bearer of [mailToken, narrow]) {
      for (const [method, path, body] of [
        ['POST', '/social/relationships', { viewer: alice, ids: [bob] }],
        ['GET', `/social/friends/${alice}`, undefined],
      ] as const) {
        const res = await call(method, path, body, bearer);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.headers.get('www-authenticate')).toBe(
          'Bearer realm="orbit", error="insufficient_scope", scope="social:read"',
        );
        expect((await bodyOf(res)).error).toMatchObject({
          code: 'token.insufficient_scope',
          details: { scope: 'social:read' },
        });
      }
    }
    // The scope is checked before the body: a bad body without the scope is a 403 too.
    expect((await call('POST', '/social/relationships', { viewer: 1 }, mailToken)).status).toBe(403);
    // A space token asked for without social:read can't read the graph either.
    const spaceNarrow = await clientCredentials('space', secrets.space!, 'accounts:read');
    expect((await call('GET', `/social/friends/${alice}`, undefined, spaceNarrow)).status).toBe(403);

    const anonymous = await hub.app.request('/api/v1/social/relationships', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ viewer: alice, ids: [bob] }),
    });
    expect(anonymous.status).toBe(401);
    expect((await bodyOf(anonymous)).error.code).toBe('token.invalid');
  });
});
