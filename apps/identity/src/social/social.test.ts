import { randomUUID } from 'node:crypto';
import { type Client, FRIEND_REQUEST_DAYS, FRIEND_REQUESTS_PER_DAY, socialApi } from '@orbit/contracts';
import { eq, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, TestBrowser, uniqueHandle } from '../test/client.js';
import { contractClient } from '../test/contracts.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { friendRequests, friendships } from './schema.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A small allowance (the default is 60), so the flood below stays short. */
const SEARCHES_PER_WINDOW = 15;

interface Person {
  id: string;
  accountNumber: string;
  handle: string;
  browser: TestBrowser;
  api: Client;
}

describe('friends, groups, requests, blocks, mutes and discoverability', () => {
  let hub: TestHub;

  /** A new account, signed in, with the typed client (every answer checked against its declaration). */
  async function person(name = 'user'): Promise<Person> {
    const browser = new TestBrowser(hub);
    const handle = uniqueHandle(name);
    const res = await browser.signUp({
      handle,
      displayName: `${name[0]!.toUpperCase()}${name.slice(1)} ${handle.slice(-4)}`,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { id, accountNumber } = res.body.account;
    return { id, accountNumber, handle, browser, api: contractClient(browser) };
  }

  /** Makes `a` and `b` friends through a request and its acceptance. */
  async function befriend(a: Person, b: Person): Promise<void> {
    const sent = await a.api.call(socialApi.sendRequest, { body: { to: b.id } });
    await b.api.call(socialApi.acceptRequest, { params: { id: sent.request!.id }, body: {} });
  }

  /** Signs `p` in again (after the clock moved past the session's idle timeout). */
  async function resume(p: Person): Promise<void> {
    expect((await p.browser.signIn(p.handle)).status).toBe(200);
  }

  const friendIds = async (p: Person) =>
    (await p.api.call(socialApi.friends)).friends.map((f) => f.id).sort();

  beforeAll(async () => {
    hub = await startTestHub({ ORBIT_PEOPLE_SEARCHES_PER_10_MIN: String(SEARCHES_PER_WINDOW) });
  });
  afterAll(async () => {
    await hub.close();
  });

  it('asks with a message and a group, accepts into a group, and each side keeps its own group and remark', async () => {
    const [alice, bob] = [await person('alice'), await person('bob')];
    const colleagues = await alice.api.call(socialApi.createGroup, { body: { name: 'Colleagues' } });
    const family = await bob.api.call(socialApi.createGroup, { body: { name: 'Family' } });

    const sent = await alice.api.call(socialApi.sendRequest, {
      body: { to: bob.id, message: 'Hi Bob, it is Alice from work', groupId: colleagues.id },
    });
    expect(sent.friend).toBeNull();
    expect(sent.request).toMatchObject({ status: 'pending', message: 'Hi Bob, it is Alice from work' });
    expect(sent.request!.person.id).toBe(bob.id);
    expect(new Date(sent.request!.expiresAt).getTime() - new Date(sent.request!.createdAt).getTime()).toBe(
      FRIEND_REQUEST_DAYS * DAY_MS,
    );

    const inbox = await bob.api.call(socialApi.requests);
    expect(inbox.received.map((r) => [r.id, r.person.id, r.message])).toEqual([
      [sent.request!.id, alice.id, 'Hi Bob, it is Alice from work'],
    ]);
    expect((await bob.api.call(socialApi.relationship, { params: { id: alice.id } })).requestedBy).toBe(true);
    expect((await alice.api.call(socialApi.relationship, { params: { id: bob.id } })).requested).toBe(true);

    const friend = await bob.api.call(socialApi.acceptRequest, {
      params: { id: sent.request!.id },
      body: { groupId: family.id, remark: 'Alice (work)' },
    });
    expect(friend).toMatchObject({
      id: alice.id,
      groupId: family.id,
      remark: 'Alice (work)',
      specialCare: false,
    });

    const alices = await alice.api.call(socialApi.friends);
    expect(alices.friends).toMatchObject([{ id: bob.id, groupId: colleagues.id, remark: null }]);
    expect(alices.groups.map((g) => [g.id, g.friends])).toEqual([
      [null, 0],
      [colleagues.id, 1],
    ]);
    expect((await bob.api.call(socialApi.friends)).friends).toMatchObject([
      { id: alice.id, groupId: family.id, remark: 'Alice (work)' },
    ]);
    expect(await alice.api.call(socialApi.relationship, { params: { id: bob.id } })).toMatchObject({
      friend: true,
      requested: false,
      requestedBy: false,
      groupId: colleagues.id,
    });
    expect((await alice.api.call(socialApi.requests)).sent[0]).toMatchObject({ status: 'accepted' });
    expect((await bob.api.call(socialApi.requests)).received).toEqual([]);

    // Asking again is refused: they are friends.
    const again = await alice.browser.request('POST', '/api/social/requests', { to: bob.id });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('social.already_friends');

    // A remark, special care and a move back to the default group are the viewer's own.
    const edited = await alice.api.call(socialApi.updateFriend, {
      params: { id: bob.id },
      body: { remark: 'Bob B.', specialCare: true, groupId: null },
    });
    expect(edited).toMatchObject({ remark: 'Bob B.', specialCare: true, groupId: null });
    expect((await bob.api.call(socialApi.friends)).friends[0]).toMatchObject({
      remark: 'Alice (work)',
      specialCare: false,
    });
  });

  it('decline tells the sender; ignore does not, and keeps the sender from asking again until it expires', async () => {
    const [carol, dan, erin] = [await person('carol'), await person('dan'), await person('erin')];
    const toDan = await carol.api.call(socialApi.sendRequest, { body: { to: dan.id } });
    const toErin = await carol.api.call(socialApi.sendRequest, { body: { to: erin.id } });

    await dan.api.call(socialApi.declineRequest, { params: { id: toDan.request!.id } });
    await erin.api.call(socialApi.ignoreRequest, { params: { id: toErin.request!.id } });

    const sent = await carol.api.call(socialApi.requests);
    const statusOf = (id: string) => sent.sent.find((r) => r.id === id)?.status;
    expect(statusOf(toDan.request!.id)).toBe('declined');
    expect(statusOf(toErin.request!.id)).toBe('pending');
    expect((await erin.api.call(socialApi.requests)).received).toEqual([]);
    // Still "asked" to the sender, not to the one who ignored it.
    expect((await carol.api.call(socialApi.relationship, { params: { id: erin.id } })).requested).toBe(true);
    expect((await erin.api.call(socialApi.relationship, { params: { id: carol.id } })).requestedBy).toBe(
      false,
    );

    const twice = await carol.browser.request('POST', '/api/social/requests', { to: erin.id });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'social.request_exists']);
    // A declined request may be followed by a new one.
    expect((await carol.browser.request('POST', '/api/social/requests', { to: dan.id })).status).toBe(201);
    // An answered request can't be answered again.
    const late = await dan.browser.request('POST', `/api/social/requests/${toDan.request!.id}/accept`, {});
    expect([late.status, late.body.error.code]).toEqual([404, 'social.request_not_found']);

    // After 30 days the ignored request has expired: the sender sees so and may ask again.
    hub.clock.advance(FRIEND_REQUEST_DAYS * DAY_MS + 1000);
    await resume(carol);
    const later = await carol.api.call(socialApi.requests);
    expect(later.sent.find((r) => r.id === toErin.request!.id)?.status).toBe('expired');
    expect((await carol.api.call(socialApi.sendRequest, { body: { to: erin.id } })).request?.status).toBe(
      'pending',
    );
    const swept = await hub.services.social.sweep();
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    const [row] = await hub.db.select().from(friendRequests).where(eq(friendRequests.id, toErin.request!.id));
    expect(row?.status).toBe('expired');
  });

  it('makes two people who asked each other friends at once, and lets the sender withdraw', async () => {
    const [fay, gus, hal] = [await person('fay'), await person('gus'), await person('hal')];
    await fay.api.call(socialApi.sendRequest, { body: { to: gus.id } });
    const answer = await gus.api.call(socialApi.sendRequest, { body: { to: fay.id, message: 'yes!' } });
    expect(answer.request).toBeNull();
    expect(answer.friend?.id).toBe(fay.id);
    expect(await friendIds(fay)).toEqual([gus.id]);
    expect((await fay.api.call(socialApi.requests)).sent[0]?.status).toBe('accepted');

    const toHal = await fay.api.call(socialApi.sendRequest, { body: { to: hal.id } });
    await fay.api.call(socialApi.withdrawRequest, { params: { id: toHal.request!.id } });
    expect((await hal.api.call(socialApi.requests)).received).toEqual([]);
    const gone = await hal.browser.request('POST', `/api/social/requests/${toHal.request!.id}/accept`, {});
    expect(gone.status).toBe(404);
  });

  it('creates, renames, reorders and deletes groups; a deleted group’s friends fall back to the default group', async () => {
    const [ida, jon] = [await person('ida'), await person('jon')];
    await befriend(ida, jon);
    const a = await ida.api.call(socialApi.createGroup, { body: { name: 'School' } });
    const b = await ida.api.call(socialApi.createGroup, { body: { name: 'Gym' } });
    await ida.api.call(socialApi.updateFriend, { params: { id: jon.id }, body: { groupId: b.id } });

    const taken = await ida.browser.request('POST', '/api/social/groups', { name: 'school' });
    expect([taken.status, taken.body.error.code]).toEqual([409, 'social.group_name_taken']);
    const renamed = await ida.api.call(socialApi.renameGroup, {
      params: { id: a.id! },
      body: { name: 'University' },
    });
    expect(renamed.name).toBe('University');

    const order = await ida.api.call(socialApi.reorderGroups, { body: { ids: [b.id!, a.id!] } });
    expect(order.groups.map((g) => g.name)).toEqual([null, 'Gym', 'University']);
    const partial = await ida.browser.request('PUT', '/api/social/groups/order', { ids: [a.id] });
    expect([partial.status, partial.body.error.code]).toEqual([400, 'social.group_order_mismatch']);

    // Someone else's group is no group of yours.
    const other = await jon.browser.request('PATCH', `/api/social/groups/${a.id}`, { name: 'Mine now' });
    expect([other.status, other.body.error.code]).toEqual([404, 'social.group_not_found']);
    const intoOthers = await jon.browser.request('PATCH', `/api/social/friends/${ida.id}`, { groupId: a.id });
    expect(intoOthers.status).toBe(404);

    await ida.api.call(socialApi.deleteGroup, { params: { id: b.id! } });
    const after = await ida.api.call(socialApi.friends);
    expect(after.friends[0]).toMatchObject({ id: jon.id, groupId: null });
    expect(after.groups.map((g) => [g.name, g.friends])).toEqual([
      [null, 1],
      ['University', 0],
    ]);
  });

  it('removes a friendship on both sides at once', async () => {
    const [kim, lee] = [await person('kim'), await person('lee')];
    await befriend(kim, lee);
    await lee.api.call(socialApi.removeFriend, { params: { id: kim.id } });
    expect(await friendIds(kim)).toEqual([]);
    expect(await friendIds(lee)).toEqual([]);
    const rows = await hub.db
      .select()
      .from(friendships)
      .where(or(eq(friendships.accountId, kim.id), eq(friendships.accountId, lee.id)));
    expect(rows).toEqual([]);
    const again = await lee.browser.request('DELETE', `/api/social/friends/${kim.id}`);
    expect([again.status, again.body.error.code]).toEqual([404, 'social.not_friends']);
  });

  it('blocks in one go: friendship and requests both ways end, and the blocked one can neither find nor ask', async () => {
    const [max, ned, oli] = [await person('max'), await person('ned'), await person('oli')];
    await befriend(max, ned);
    const fromOli = await oli.api.call(socialApi.sendRequest, { body: { to: max.id } });
    const toOli = await max.browser.request('POST', '/api/social/requests', { to: oli.id });
    // Max had asked Oli too: the two requests met, so they are friends; unfriend to test pending requests.
    expect(toOli.body.friend?.id).toBe(oli.id);
    await max.api.call(socialApi.removeFriend, { params: { id: oli.id } });
    const again = await oli.api.call(socialApi.sendRequest, { body: { to: max.id } });
    expect(fromOli.request!.id).not.toBe(again.request!.id);

    await max.api.call(socialApi.block, { params: { id: ned.id } });
    await max.api.call(socialApi.block, { params: { id: oli.id } });
    await max.api.call(socialApi.block, { params: { id: oli.id } }); // twice is no error

    expect(await friendIds(max)).toEqual([]);
    expect(await friendIds(ned)).toEqual([]);
    expect((await max.api.call(socialApi.requests)).received).toEqual([]);
    expect(
      (await oli.api.call(socialApi.requests)).sent.find((r) => r.id === again.request!.id)?.status,
    ).toBe('declined');
    expect((await max.api.call(socialApi.blocks)).blocks.map((b) => b.person.id).sort()).toEqual(
      [ned.id, oli.id].sort(),
    );
    expect(await max.api.call(socialApi.relationship, { params: { id: ned.id } })).toMatchObject({
      friend: false,
      blocking: true,
      blockedBy: false,
    });
    expect(await ned.api.call(socialApi.relationship, { params: { id: max.id } })).toMatchObject({
      blocking: false,
      blockedBy: true,
    });

    // The blocked one can't ask (without being told why), nor find the blocker by number or handle.
    const ask = await ned.browser.request('POST', '/api/social/requests', { to: max.id });
    expect([ask.status, ask.body.error.code]).toEqual([403, 'social.requests_closed']);
    expect((await ned.api.call(socialApi.search, { query: { q: max.accountNumber } })).results).toEqual([]);
    expect((await ned.api.call(socialApi.search, { query: { q: `@${max.handle}` } })).results).toEqual([]);
    // The blocker is told to unblock first.
    const mine = await max.browser.request('POST', '/api/social/requests', { to: ned.id });
    expect([mine.status, mine.body.error.code]).toEqual([409, 'social.blocking']);

    await max.api.call(socialApi.unblock, { params: { id: ned.id } });
    expect((await ned.api.call(socialApi.search, { query: { q: max.accountNumber } })).results).toHaveLength(
      1,
    );
    expect((await ned.browser.request('POST', '/api/social/requests', { to: max.id })).status).toBe(201);
  });

  it('mutes silently, for a while or until lifted', async () => {
    const [pam, quinn, rex] = [await person('pam'), await person('quinn'), await person('rex')];
    await befriend(pam, quinn);
    await pam.api.call(socialApi.mute, { params: { id: quinn.id }, body: { minutes: 60 } });
    await pam.api.call(socialApi.mute, { params: { id: rex.id }, body: {} });

    const mutes = await pam.api.call(socialApi.mutes);
    expect(mutes.mutes.map((m) => [m.person.id, m.until === null])).toEqual(
      expect.arrayContaining([
        [quinn.id, false],
        [rex.id, true],
      ]),
    );
    expect((await pam.api.call(socialApi.friends)).friends[0]).toMatchObject({ id: quinn.id, muted: true });
    // The muted one is not told.
    expect((await quinn.api.call(socialApi.relationship, { params: { id: pam.id } })).muting).toBe(false);
    expect((await quinn.api.call(socialApi.friends)).friends[0]).toMatchObject({ id: pam.id, muted: false });

    hub.clock.advance(61 * 60 * 1000);
    expect((await pam.api.call(socialApi.mutes)).mutes.map((m) => m.person.id)).toEqual([rex.id]);
    expect((await pam.api.call(socialApi.relationship, { params: { id: quinn.id } })).muting).toBe(false);
    await pam.api.call(socialApi.unmute, { params: { id: rex.id } });
    expect((await pam.api.call(socialApi.mutes)).mutes).toEqual([]);
  });

  it('finds people only as their discoverability allows, and asks the question they set', async () => {
    const [sam, tess] = [await person('sam'), await person('tess')];
    const byNumber = await sam.api.call(socialApi.search, { query: { q: tess.accountNumber } });
    expect(byNumber.results.map((r) => r.person.id)).toEqual([tess.id]);
    expect(
      (await sam.api.call(socialApi.search, { query: { q: tess.handle.toUpperCase() } })).results,
    ).toHaveLength(1);
    // Never oneself.
    expect((await sam.api.call(socialApi.search, { query: { q: sam.accountNumber } })).results).toEqual([]);

    await tess.api.call(socialApi.updateDiscoverability, {
      body: {
        findableByAccountNumber: false,
        requests: 'question',
        question: 'Our town?',
        answer: 'Springfield',
      },
    });
    expect((await sam.api.call(socialApi.search, { query: { q: tess.accountNumber } })).results).toEqual([]);
    const found = await sam.api.call(socialApi.search, { query: { q: `@${tess.handle}` } });
    expect(found.results[0]).toMatchObject({ requests: 'question', question: 'Our town?' });

    const noAnswer = await sam.browser.request('POST', '/api/social/requests', { to: tess.id });
    expect([noAnswer.status, noAnswer.body.error.code]).toEqual([403, 'social.answer_wrong']);
    const wrong = await sam.browser.request('POST', '/api/social/requests', {
      to: tess.id,
      answer: 'Shelbyville',
    });
    expect(wrong.status).toBe(403);
    const right = await sam.api.call(socialApi.sendRequest, {
      body: { to: tess.id, answer: '  springfield ' },
    });
    expect(right.request?.status).toBe('pending');

    const settings = await tess.api.call(socialApi.discoverability);
    expect(settings).toEqual({
      findableByAccountNumber: false,
      findableByHandle: true,
      findableByEmail: false,
      requests: 'question',
      question: 'Our town?',
      suggestable: true,
    });
    // The answer is kept hashed, never as given.
    const stored = JSON.stringify(await hub.db.select().from((await import('./schema.js')).discoverability));
    expect(stored).not.toMatch(/springfield/i);

    const noQuestion = await sam.browser.request('PATCH', '/api/social/discoverability', {
      requests: 'question',
    });
    expect([noQuestion.status, noQuestion.body.error.code]).toEqual([400, 'social.question_required']);
    await tess.api.call(socialApi.updateDiscoverability, { body: { requests: 'nobody' } });
    const closed = await (await person('ulf')).browser.request('POST', '/api/social/requests', {
      to: tess.id,
    });
    expect([closed.status, closed.body.error.code]).toEqual([403, 'social.requests_closed']);
  });

  it('suggests friends of friends by mutual friends, leaving out friends, blocks, asked ones and opt-outs', async () => {
    const [vic, w1, w2, x, y, z] = [
      await person('vic'),
      await person('wen'),
      await person('wu'),
      await person('xia'),
      await person('yan'),
      await person('zoe'),
    ];
    await befriend(vic, w1);
    await befriend(vic, w2);
    await befriend(w1, x);
    await befriend(w2, x);
    await befriend(w1, y);
    await befriend(w1, z);

    let results = (await vic.api.call(socialApi.suggestions)).results;
    expect(results.map((r) => [r.person.id, r.mutualFriends])).toEqual([
      [x.id, 2],
      ...[y.id, z.id].sort().map((id) => [id, 1]),
    ]);
    expect(results[0]!.relationship.friend).toBe(false);

    await y.api.call(socialApi.updateDiscoverability, { body: { suggestable: false } });
    await vic.api.call(socialApi.block, { params: { id: z.id } });
    await vic.api.call(socialApi.sendRequest, { body: { to: x.id } });
    results = (await vic.api.call(socialApi.suggestions)).results;
    expect(results).toEqual([]);
  });

  it('limits friend requests a day and searches, answering 429 with Retry-After', async () => {
    const sender = await person('eager');
    // The people asked only need to exist: made directly, not signed up and in.
    const others = await Promise.all(
      Array.from({ length: FRIEND_REQUESTS_PER_DAY + 1 }, () =>
        hub.services.accounts.create({
          handle: uniqueHandle('target'),
          displayName: 'Target',
          password: GOOD_PASSWORD,
        }),
      ),
    );
    for (const other of others.slice(0, FRIEND_REQUESTS_PER_DAY)) {
      await sender.api.call(socialApi.sendRequest, { body: { to: other.id } });
    }
    const over = await sender.browser.request('POST', '/api/social/requests', { to: others.at(-1)!.id });
    expect([over.status, over.body.error.code]).toEqual([429, 'social.too_many_requests']);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    hub.clock.advance(DAY_MS + 1000);
    expect(
      (await sender.browser.request('POST', '/api/social/requests', { to: others.at(-1)!.id })).status,
    ).toBe(201);

    const searcher = await person('seeker');
    for (let i = 0; i < SEARCHES_PER_WINDOW; i++) {
      expect(
        (await searcher.browser.request('GET', `/api/social/search?q=${sender.accountNumber}`)).status,
      ).toBe(200);
    }
    const flood = await searcher.browser.request('GET', `/api/social/search?q=${sender.accountNumber}`);
    expect([flood.status, flood.body.error.code]).toEqual([429, 'social.too_many_searches']);
    expect(Number(flood.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers bad input with a 4xx in the one error shape', async () => {
    const me = await person('careful');
    const anonymous = new TestBrowser(hub);
    const unauth = await anonymous.request('GET', '/api/social/friends');
    expect([unauth.status, unauth.body.error.code]).toEqual([401, 'session.required']);

    const cases: Array<[string, string, unknown, number, string]> = [
      ['POST', '/api/social/requests', { to: me.id }, 400, 'social.self'],
      ['POST', '/api/social/requests', { to: 'not-a-uuid' }, 400, 'request.invalid'],
      ['POST', '/api/social/requests', { to: randomUUID() }, 404, 'social.person_not_found'],
      [
        'POST',
        '/api/social/requests',
        { to: randomUUID(), message: 'x'.repeat(201) },
        400,
        'request.invalid',
      ],
      ['POST', '/api/social/requests', { to: randomUUID(), extra: true }, 400, 'request.invalid'],
      ['POST', '/api/social/groups', { name: '   ' }, 400, 'request.invalid'],
      ['POST', '/api/social/groups', { name: 'x'.repeat(31) }, 400, 'request.invalid'],
      ['PATCH', '/api/social/groups/nope', { name: 'A' }, 404, 'social.group_not_found'],
      ['DELETE', `/api/social/groups/${randomUUID()}`, undefined, 404, 'social.group_not_found'],
      ['PATCH', `/api/social/friends/${randomUUID()}`, { remark: 'x' }, 404, 'social.not_friends'],
      ['GET', '/api/social/relationships/nope', undefined, 404, 'social.person_not_found'],
      ['GET', `/api/social/relationships/${randomUUID()}`, undefined, 404, 'social.person_not_found'],
      ['PUT', `/api/social/blocks/${me.id}`, undefined, 400, 'social.self'],
      ['PUT', `/api/social/blocks/${randomUUID()}`, undefined, 404, 'social.person_not_found'],
      ['PUT', `/api/social/mutes/${randomUUID()}`, { minutes: 0 }, 400, 'request.invalid'],
      ['POST', `/api/social/requests/${randomUUID()}/accept`, {}, 404, 'social.request_not_found'],
      ['POST', '/api/social/requests/nope/decline', undefined, 404, 'social.request_not_found'],
      ['GET', '/api/social/search?q=', undefined, 400, 'request.invalid'],
      ['PATCH', '/api/social/discoverability', { requests: 'everyone' }, 400, 'request.invalid'],
    ];
    for (const [method, path, body, status, code] of cases) {
      const res = await me.browser.request(method, path, body);
      expect([method, path, res.status, res.body?.error?.code], JSON.stringify(res.body)).toEqual([
        method,
        path,
        status,
        code,
      ]);
      expect(typeof res.body.error.message).toBe('string');
    }
    // Bad JSON, too.
    const broken = await me.browser.request('POST', '/api/social/groups', undefined, {
      raw: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect([broken.status, broken.body.error.code]).toEqual([400, 'request.invalid_json']);
  });
});
