import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { likes, timeline } from '../schema.js';
import { type SpacePerson, type SpacePlatform, startSpacePlatform } from '../test/platform.js';

/**
 * Who sees an item, on every way out — one post's page (`GET /api/posts/:id`), someone's space, the friends
 * timeline, RSS and search — and how friendships, groups, chosen people, blocks and mutes change that.
 */
let platform: SpacePlatform;
let spaceUrl: string;
let hubUrl: string;

beforeAll(async () => {
  platform = await startSpacePlatform();
  spaceUrl = platform.space.url;
  hubUrl = platform.launched.url;
});

afterAll(async () => {
  await platform?.close();
});

/** A word no other test writes, so search finds only this test's items. */
const unique = () => `w${Math.random().toString(36).slice(2, 10)}`;

async function moment(author: SpacePerson, text: string, audience: unknown) {
  const created = await author.api('POST', '/api/posts', { kind: 'moment', text, audience });
  expect(created.status).toBe(201);
  return created.body.post.id as string;
}

const timelineIds = async (who: SpacePerson) =>
  ((await who.api('GET', '/api/timeline')).body.items as { id: string }[]).map((i) => i.id);
const spaceIds = async (who: SpacePerson, owner: SpacePerson) => {
  const res = await who.api('GET', `/api/spaces/${owner.account.id}`);
  if (res.status !== 200) return res.status;
  return (res.body.items as { id: string }[]).map((i) => i.id);
};
const searchIds = async (who: SpacePerson, q: string) =>
  (
    (await who.api('GET', `/api/search?q=${encodeURIComponent(q)}`)).body.items as { post: { id: string } }[]
  ).map((i) => i.post.id);
const rss = async (owner: SpacePerson) => {
  const res = await fetch(`${spaceUrl}/rss/${owner.account.id}.xml`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
  return res.text();
};
const timelineRows = (who: SpacePerson) =>
  platform.space.db.select().from(timeline).where(eq(timeline.viewerSub, who.account.id));
/**
 * Delivers the hub's queued friend and block events to Space until `arrived` holds: the hub's own worker may
 * hold a delivery in flight, so this asks again (every 10 ms, for at most 5 s) rather than sleeping a guess.
 */
async function eventsArrived(arrived: () => Promise<boolean>) {
  for (let tries = 0; tries < 500; tries++) {
    await platform.launched.hub.services.socialEvents.deliverDue();
    if (await arrived()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the social event did not reach Space');
}
const hub = (who: SpacePerson, method: string, path: string, body?: unknown) =>
  who.browser.json(method, `${hubUrl}${path}`, body);

describe('a friends-only moment', () => {
  it('reaches a friend on every way out, and a stranger on none', async () => {
    const [alice, bob, carol] = [
      await platform.person('Alice'),
      await platform.person('Bob'),
      await platform.person('Carol'),
    ];
    await platform.befriend(alice, bob);
    const word = unique();
    const id = await moment(alice, `Dinner at home ${word}`, { type: 'friends' });

    // Bob, a friend.
    expect(await timelineIds(bob)).toContain(id);
    expect((await bob.api('GET', `/api/posts/${id}`)).status).toBe(200);
    expect(await spaceIds(bob, alice)).toContain(id);
    expect(await searchIds(bob, word)).toEqual([id]);

    // Carol, a stranger: one assertion per way out.
    expect(await timelineIds(carol)).not.toContain(id);
    const direct = await carol.api('GET', `/api/posts/${id}`);
    expect(direct.status).toBe(404);
    expect(direct.body.error.code).toBe('space.not_found');
    expect(await spaceIds(carol, alice)).toEqual([]);
    expect(await rss(alice)).not.toContain(word);
    expect(await searchIds(carol, word)).toEqual([]);

    // Signed out: neither the post nor search nor the feed.
    expect((await fetch(`${spaceUrl}/api/posts/${id}`)).status).toBe(404);
    expect(((await (await fetch(`${spaceUrl}/api/search?q=${word}`)).json()) as { items: [] }).items).toEqual(
      [],
    );
  });

  it('goes into the author’s own timeline and space, while the draft stays only in their drafts', async () => {
    const alice = await platform.person();
    const id = await moment(alice, 'just me', { type: 'only_me' });
    expect(await timelineIds(alice)).toEqual([id]);
    expect(await spaceIds(alice, alice)).toEqual([id]);
  });
});

describe('a public post', () => {
  it('is in RSS, the space and search for anyone, signed out too, escaped properly', async () => {
    const alice = await platform.person();
    const word = unique();
    const created = await alice.api('POST', '/api/posts', {
      kind: 'post',
      title: `Fish & <chips> ${word}`,
      body: 'Fried, *crisp*.',
      audience: { type: 'public' },
    });
    expect(created.status).toBe(201);
    const id = created.body.post.id;
    const feed = await rss(alice);
    expect(feed).toContain(`<title>Fish &amp; &lt;chips&gt; ${word}</title>`);
    expect(feed).toContain(`&lt;em&gt;crisp&lt;/em&gt;`);
    expect(feed).toContain(`<link>${spaceUrl}/p/${id}</link>`);
    const signedOut = await fetch(`${spaceUrl}/api/spaces/${alice.account.id}`);
    expect(((await signedOut.json()) as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([id]);
    const found = await fetch(`${spaceUrl}/api/search?q=${word}`);
    const body = (await found.json()) as { items: { post: { id: string } }[] };
    expect(body.items.map((i) => i.post.id)).toEqual([id]);
  });

  it('finds Chinese text by a substring, with the match highlighted', async () => {
    const alice = await platform.person();
    const id = await moment(alice, `周末我们一起去香山看红叶吧 ${unique()}`, { type: 'public' });
    const res = await alice.api('GET', `/api/search?q=${encodeURIComponent('香山看红叶')}`);
    expect(res.body.items.map((i: { post: { id: string } }) => i.post.id)).toContain(id);
    const mine = res.body.items.find((i: { post: { id: string } }) => i.post.id === id);
    expect(mine.snippet).toContainEqual({ text: '香山看红叶', match: true });
  });

  it('answers 404 for the feed of an account that doesn’t exist or isn’t a feed name', async () => {
    expect((await fetch(`${spaceUrl}/rss/00000000-0000-4000-8000-000000000000.xml`)).status).toBe(404);
    expect((await fetch(`${spaceUrl}/rss/whoever.xml`)).status).toBe(404);
  });
});

describe('groups and chosen people', () => {
  it('lets in friends of the named group or chosen by name, and no other friend', async () => {
    const [alice, bob, dave] = [await platform.person(), await platform.person(), await platform.person()];
    const family = await hub(alice, 'POST', '/api/social/groups', { name: 'Family' });
    expect(family.status).toBe(201);
    await platform.befriend(alice, bob, { a: family.body.id });
    await platform.befriend(alice, dave);

    const forFamily = await moment(alice, 'family only', { type: 'groups', groupIds: [family.body.id] });
    const forDave = await moment(alice, 'for Dave', { type: 'chosen', ids: [dave.account.id] });

    expect(await timelineIds(bob)).toEqual([forFamily]);
    expect(await timelineIds(dave)).toEqual([forDave]);
    expect((await dave.api('GET', `/api/posts/${forFamily}`)).status).toBe(404);
    expect((await bob.api('GET', `/api/posts/${forDave}`)).status).toBe(404);
    expect(await spaceIds(bob, alice)).toEqual([forFamily]);
    expect(await spaceIds(dave, alice)).toEqual([forDave]);
  });

  it('moves an item into or out of timelines when its audience changes', async () => {
    const [alice, bob] = [await platform.person(), await platform.person()];
    await platform.befriend(alice, bob);
    const id = await moment(alice, 'first only mine', { type: 'only_me' });
    expect(await timelineIds(bob)).toEqual([]);
    expect((await alice.api('PATCH', `/api/posts/${id}`, { audience: { type: 'friends' } })).status).toBe(
      200,
    );
    expect(await timelineIds(bob)).toEqual([id]);
    await alice.api('PATCH', `/api/posts/${id}`, { audience: { type: 'only_me' } });
    expect(await timelineIds(bob)).toEqual([]);
    expect((await bob.api('GET', `/api/posts/${id}`)).status).toBe(404);
  });
});

describe('friendships, blocks and mutes', () => {
  it('brings a new friend’s earlier items into the timeline, and takes them out on unfriending', async () => {
    const [alice, bob] = [await platform.person(), await platform.person()];
    const earlier = await moment(alice, 'before we met', { type: 'friends' });
    await platform.befriend(alice, bob);
    await eventsArrived(async () => (await timelineRows(bob)).length > 0);
    expect(await timelineIds(bob)).toEqual([earlier]);

    expect((await hub(bob, 'DELETE', `/api/social/friends/${alice.account.id}`)).status).toBe(204);
    await eventsArrived(async () => (await timelineRows(bob)).length === 0);
    expect(await timelineIds(bob)).toEqual([]);
    expect((await bob.api('GET', `/api/posts/${earlier}`)).status).toBe(404);
  });

  it('hides everything both ways after a block, even public items', async () => {
    const [alice, bob] = [await platform.person(), await platform.person()];
    await platform.befriend(alice, bob);
    const word = unique();
    const mine = await moment(alice, `public by Alice ${word}`, { type: 'public' });
    const his = await moment(bob, `friends by Bob ${word}`, { type: 'friends' });
    expect(await timelineIds(alice)).toEqual([his, mine]);

    expect((await hub(alice, 'PUT', `/api/social/blocks/${bob.account.id}`)).status).toBe(204);
    await eventsArrived(async () => !(await timelineRows(alice)).some((r) => r.ownerSub === bob.account.id));
    expect(await timelineIds(alice)).toEqual([mine]);
    expect(await timelineIds(bob)).toEqual([his]);
    expect((await bob.api('GET', `/api/posts/${mine}`)).status).toBe(404);
    expect((await alice.api('GET', `/api/posts/${his}`)).status).toBe(404);
    expect(await spaceIds(bob, alice)).toBe(404);
    expect(await searchIds(bob, word)).toEqual([his]);
  });

  it('keeps a muted friend’s items out of the timeline only', async () => {
    const [alice, bob] = [await platform.person(), await platform.person()];
    await platform.befriend(alice, bob);
    // Muted before Bob's first read (a mute is no event: Space sees it when its cache of Bob's view renews).
    expect((await hub(bob, 'PUT', `/api/social/mutes/${alice.account.id}`, {})).status).toBe(204);
    const id = await moment(alice, 'muted but visible', { type: 'friends' });
    expect(await timelineIds(bob)).toEqual([]);
    expect((await bob.api('GET', `/api/posts/${id}`)).status).toBe(200);
    expect(await spaceIds(bob, alice)).toEqual([id]);
  });
});

describe('the timeline', () => {
  it('pages newest first with an opaque cursor, and refuses a cursor it didn’t give', async () => {
    const alice = await platform.person();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await moment(alice, `item ${i}`, { type: 'only_me' }));
    const first = await alice.api('GET', '/api/timeline?limit=3');
    expect(first.body.items.map((i: { id: string }) => i.id)).toEqual(ids.slice(2).reverse());
    const second = await alice.api('GET', `/api/timeline?limit=3&cursor=${first.body.next}`);
    expect(second.body.items.map((i: { id: string }) => i.id)).toEqual(ids.slice(0, 2).reverse());
    expect(second.body.next).toBeNull();

    for (const cursor of ['nope!', Buffer.from('yesterday|x').toString('base64url')]) {
      const bad = await alice.api('GET', `/api/timeline?cursor=${encodeURIComponent(cursor)}`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('space.bad_cursor');
    }
    expect((await alice.api('GET', '/api/timeline?limit=500')).body.error.code).toBe('request.invalid');

    // What the viewer liked shows on the page (read in the page's own query).
    await platform.space.db
      .insert(likes)
      .values({ postId: ids[4]!, sub: alice.account.id, createdAt: new Date() });
    const liked = (await alice.api('GET', '/api/timeline?limit=2')).body.items;
    expect(liked.map((i: { likedByMe: boolean }) => i.likedByMe)).toEqual([true, false]);
    expect((await alice.api('GET', `/api/posts/${ids[4]}`)).body.post.likedByMe).toBe(true);
  });
});
