import type { NotificationView } from '@orbit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpacePerson, type SpacePlatform, startSpacePlatform } from '../test/platform.js';

/**
 * Comments, replies and likes on posts and moments, as people use them through Space's API against a real hub:
 * who may talk where, how replies nest, who may delete what, the counts, and the bell notices at the hub.
 */
let platform: SpacePlatform;
let hubUrl: string;

// A low action limit, so one test can reach it without hundreds of calls (every other test stays below it).
beforeAll(async () => {
  platform = await startSpacePlatform({ SPACE_ACTIONS_PER_MINUTE: '12' });
  hubUrl = platform.launched.url;
});

afterAll(async () => {
  await platform?.close();
});

/** New people, signed in at the hub and at Space, one per name. */
const people = <const N extends readonly string[]>(...names: N) =>
  Promise.all(names.map((name) => platform.person(name))) as Promise<{ [K in keyof N]: SpacePerson }>;

async function moment(author: SpacePerson, text: string, audience: unknown = { type: 'public' }) {
  const created = await author.api('POST', '/api/posts', { kind: 'moment', text, audience });
  expect(created.status).toBe(201);
  return created.body.post.id as string;
}

async function comment(who: SpacePerson, postId: string, body: Record<string, unknown>) {
  const res = await who.api('POST', `/api/posts/${postId}/comments`, body);
  expect(res.status).toBe(201);
  return res.body.comment as { id: string; parentId: string | null; replyTo: { sub: string } | null };
}

const post = async (who: SpacePerson, id: string) => (await who.api('GET', `/api/posts/${id}`)).body.post;

/** Space's items in `who`'s bell at the hub. */
async function bell(who: SpacePerson): Promise<NotificationView[]> {
  const res = await who.browser.json('GET', `${hubUrl}/api/notifications?limit=50`);
  expect(res.status).toBe(200);
  return (res.body.items as NotificationView[]).filter((n) => n.source === 'space');
}

describe('who may talk on a friends-only moment', () => {
  it('lets a friend comment and like, and answers a stranger 404 as if it weren’t there', async () => {
    const [alice, bob, carol] = await people('Alice', 'Bob', 'Carol');
    await platform.befriend(alice, bob);
    const id = await moment(alice, 'Friends only', { type: 'friends' });

    await comment(bob, id, { body: 'Nice!' });
    expect((await bob.api('POST', `/api/posts/${id}/like`)).body).toEqual({ liked: true, likeCount: 1 });

    for (const [method, path, body] of [
      ['GET', `/api/posts/${id}/comments`],
      ['POST', `/api/posts/${id}/comments`, { body: 'Let me in' }],
      ['POST', `/api/posts/${id}/like`],
      ['GET', `/api/posts/${id}/likes`],
    ] as const) {
      const res = await carol.api(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe('space.not_found');
    }
    const list = await alice.api('GET', `/api/posts/${id}/comments`);
    expect(list.body.comments.map((c: { body: string }) => c.body)).toEqual(['Nice!']);
    expect(list.body.commentCount).toBe(1);
  });

  it('refuses a comment its post owner blocked, and hides comments across a block from the viewer', async () => {
    const [alice, bob, carol, dave] = await people('Alice', 'Bob', 'Carol', 'Dave');
    const id = await moment(alice, 'Public');
    await comment(bob, id, { body: 'From Bob' });
    await comment(carol, id, { body: 'From Carol' });
    expect((await carol.browser.json('PUT', `${hubUrl}/api/social/blocks/${bob.account.id}`)).status).toBe(
      204,
    );
    expect((await alice.browser.json('PUT', `${hubUrl}/api/social/blocks/${dave.account.id}`)).status).toBe(
      204,
    );
    await platform.launched.hub.services.socialEvents.deliverDue();

    const bodies = async (who: SpacePerson) =>
      ((await who.api('GET', `/api/posts/${id}/comments`)).body.comments as { body: string }[]).map(
        (c) => c.body,
      );
    expect(await bodies(carol)).toEqual(['From Carol']);
    expect(await bodies(bob)).toEqual(['From Bob']);
    expect(await bodies(alice)).toEqual(['From Bob', 'From Carol']);
    const refused = await dave.api('POST', `/api/posts/${id}/comments`, { body: 'Hello?' });
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe('space.not_found');
    // Carol can't answer Bob's comment either: it is not there for her.
    const bobs = (await alice.api('GET', `/api/posts/${id}/comments`)).body.comments[0].id;
    const reply = await carol.api('POST', `/api/posts/${id}/comments`, { body: 'Re', parentId: bobs });
    expect(reply.status).toBe(404);
  });
});

describe('a block', () => {
  it('takes the blocked account’s comments and likes off the blocker’s posts, for everyone', async () => {
    const [alice, bob, carol] = await people('Alice', 'Bob', 'Carol');
    const id = await moment(alice, 'Mine');
    await comment(bob, id, { body: 'From Bob' });
    await comment(carol, id, { body: 'From Carol' });
    expect((await bob.api('POST', `/api/posts/${id}/like`)).status).toBeLessThan(300);
    expect((await carol.api('POST', `/api/posts/${id}/like`)).status).toBeLessThan(300);
    expect((await alice.browser.json('PUT', `${hubUrl}/api/social/blocks/${bob.account.id}`)).status).toBe(
      204,
    );
    await platform.launched.hub.services.socialEvents.deliverDue();

    const list = await carol.api('GET', `/api/posts/${id}/comments`);
    expect(list.body.comments.map((c: { body: string }) => c.body)).toEqual(['From Carol']);
    expect(list.body.commentCount).toBe(1);
    const likers = await carol.api('GET', `/api/posts/${id}/likes`);
    expect(JSON.stringify(likers.body)).not.toContain(bob.account.id);
    expect((await carol.api('GET', `/api/posts/${id}`)).body.post).toMatchObject({
      likeCount: 1,
      commentCount: 1,
    });
  });
});

describe('replies', () => {
  it('nest one level: a reply to a reply joins the thread and answers its author', async () => {
    const [alice, bob, carol, dave] = await people('Alice', 'Bob', 'Carol', 'Dave');
    const id = await moment(alice, 'Thread me');
    const top = await comment(bob, id, { body: 'First' });
    const r1 = await comment(carol, id, { body: 'Reply to Bob', parentId: top.id });
    expect(r1).toMatchObject({ parentId: top.id, replyTo: { sub: bob.account.id } });
    const r2 = await comment(dave, id, { body: 'Reply to Carol', parentId: r1.id });
    expect(r2).toMatchObject({ parentId: top.id, replyTo: { sub: carol.account.id } });
    const r3 = await comment(dave, id, { body: 'Back to Bob', parentId: r1.id, replyTo: bob.account.id });
    expect(r3).toMatchObject({ parentId: top.id, replyTo: { sub: bob.account.id } });

    const stranger = await dave.api('POST', `/api/posts/${id}/comments`, {
      body: 'To Alice',
      parentId: r1.id,
      replyTo: alice.account.id,
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.code).toBe('space.reply_to_unknown');
    const elsewhere = await moment(alice, 'Another');
    const wrongPost = await dave.api('POST', `/api/posts/${elsewhere}/comments`, {
      body: 'x',
      parentId: top.id,
    });
    expect(wrongPost.status).toBe(404);

    const list = await carol.api('GET', `/api/posts/${id}/comments`);
    expect(list.body.commentCount).toBe(4);
    expect(list.body.comments).toHaveLength(1);
    const [thread] = list.body.comments;
    expect(thread).toMatchObject({
      id: top.id,
      parentId: null,
      replyTo: null,
      author: { sub: bob.account.id },
    });
    expect(thread.replies.map((r: { body: string }) => r.body)).toEqual([
      'Reply to Bob',
      'Reply to Carol',
      'Back to Bob',
    ]);
    expect(thread.replies.map((r: { canDelete: boolean }) => r.canDelete)).toEqual([true, false, false]);
    expect((await post(alice, id)).commentCount).toBe(4);
  });

  it('refuses an empty, too long or NUL-bearing comment, and an unknown post', async () => {
    const [alice] = await people('Alice');
    const id = await moment(alice, 'Hi');
    for (const body of [{ body: '   ' }, { body: 'x'.repeat(1001) }, { text: 'wrong field' }]) {
      const res = await alice.api('POST', `/api/posts/${id}/comments`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('request.invalid');
    }
    const nul = await alice.api('POST', `/api/posts/${id}/comments`, { body: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect(nul.body.error.code).toBe('request.invalid_text');
    const unknown = await alice.api('POST', `/api/posts/${crypto.randomUUID()}/comments`, { body: 'Hi' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('space.not_found');
    expect((await alice.api('GET', `/api/posts/${id}/comments`)).body.commentCount).toBe(0);
  });
});

describe('paging', () => {
  it('lists top-level comments oldest first, 50 a page, with a cursor to the rest', async () => {
    const writers = await people('Alice', 'Bob', 'Carol', 'Dave', 'Erin');
    const id = await moment(writers[0], 'Talk to me');
    // 51 comments, at most 11 each: below the action limit of this file.
    for (let n = 0; n < 51; n++) await comment(writers[n % 5] as SpacePerson, id, { body: `#${n}` });
    const first = await writers[0].api('GET', `/api/posts/${id}/comments`);
    expect(first.body.comments).toHaveLength(50);
    expect(first.body.comments[0].body).toBe('#0');
    expect(first.body.commentCount).toBe(51);
    const rest = await writers[0].api('GET', `/api/posts/${id}/comments?cursor=${first.body.next}`);
    expect(rest.body.comments.map((c: { body: string }) => c.body)).toEqual(['#50']);
    expect(rest.body.next).toBeNull();
  });
});

describe('deleting comments', () => {
  it('lets the author delete their own, the space’s owner any in their space (with its replies), nobody else', async () => {
    const [alice, bob, carol, dave] = await people('Alice', 'Bob', 'Carol', 'Dave');
    await platform.befriend(alice, bob);
    await platform.befriend(alice, carol);
    const id = await moment(alice, 'Friends talk', { type: 'friends' });
    const bobs = await comment(bob, id, { body: 'Bob here' });
    const carols = await comment(carol, id, { body: 'Carol here' });
    await comment(bob, id, { body: 'Hi Carol', parentId: carols.id });

    const notYours = await carol.api('DELETE', `/api/comments/${bobs.id}`);
    expect(notYours.status).toBe(403);
    expect(notYours.body.error.code).toBe('space.comment_not_yours');
    const unseen = await dave.api('DELETE', `/api/comments/${bobs.id}`);
    expect(unseen.status).toBe(404);
    expect(unseen.body.error.code).toBe('space.not_found');

    expect((await bob.api('DELETE', `/api/comments/${bobs.id}`)).status).toBe(204);
    expect((await post(alice, id)).commentCount).toBe(2);
    // The owner removes Carol's thread: Bob's reply goes with it.
    expect((await alice.api('DELETE', `/api/comments/${carols.id}`)).status).toBe(204);
    const list = await alice.api('GET', `/api/posts/${id}/comments`);
    expect(list.body).toMatchObject({ comments: [], commentCount: 0 });
    expect((await post(alice, id)).commentCount).toBe(0);
    expect((await bob.api('DELETE', `/api/comments/${bobs.id}`)).status).toBe(404);
  });
});

describe('likes', () => {
  it('count once per person, list who liked newest first, and can be taken back', async () => {
    const [alice, bob, carol] = await people('Alice', 'Bob', 'Carol');
    const id = await moment(alice, 'Like me');
    expect((await bob.api('POST', `/api/posts/${id}/like`)).body).toEqual({ liked: true, likeCount: 1 });
    expect((await bob.api('POST', `/api/posts/${id}/like`)).body).toEqual({ liked: true, likeCount: 1 });
    expect((await carol.api('POST', `/api/posts/${id}/like`)).body).toEqual({ liked: true, likeCount: 2 });
    const likes = await alice.api('GET', `/api/posts/${id}/likes?limit=1`);
    expect(likes.body.likeCount).toBe(2);
    expect(likes.body.likes.map((l: { person: { sub: string } }) => l.person.sub)).toEqual([
      carol.account.id,
    ]);
    const rest = await alice.api('GET', `/api/posts/${id}/likes?limit=1&cursor=${likes.body.next}`);
    expect(rest.body.likes.map((l: { person: { sub: string } }) => l.person.sub)).toEqual([bob.account.id]);
    expect(rest.body.next).toBeNull();

    expect((await bob.api('DELETE', `/api/posts/${id}/like`)).body).toEqual({ liked: false, likeCount: 1 });
    expect((await bob.api('DELETE', `/api/posts/${id}/like`)).body).toEqual({ liked: false, likeCount: 1 });
    expect((await post(alice, id)).likeCount).toBe(1);
    const bad = await alice.api('GET', `/api/posts/${id}/likes?cursor=nonsense`);
    expect(bad.status).toBe(400);
  });

  it('stops an account past its actions a minute with 429 space.rate_limited', async () => {
    const [alice, bob] = await people('Alice', 'Bob');
    const id = await moment(alice, 'Spam target');
    for (let i = 0; i < 12; i++) {
      expect((await bob.api(i % 2 ? 'DELETE' : 'POST', `/api/posts/${id}/like`)).status).toBe(200);
    }
    const refused = await bob.api('POST', `/api/posts/${id}/like`);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('space.rate_limited');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('notifications', () => {
  it('groups four likes into one bell item with four actors, never notifying the liker', async () => {
    const [alice, ...fans] = await people('Alice', 'Bob', 'Carol', 'Dave', 'Erin');
    const id = await moment(alice, 'Popular');
    await alice.api('POST', `/api/posts/${id}/like`);
    for (const fan of fans) expect((await fan.api('POST', `/api/posts/${id}/like`)).status).toBe(200);
    const items = (await bell(alice)).filter((n) => n.type === 'space.like');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      actorCount: 4,
      category: 'space.likes',
      target: `post:${id}`,
      url: `${platform.space.url}/p/${id}`,
    });
    expect(items[0]?.text).toContain('liked your moment');
    expect(await bell(fans[0] as SpacePerson)).toEqual([]);
  });

  it('tells the owner of a comment, the replied-to of a reply, and mentioned people who may see the post', async () => {
    const [alice, bob, carol, dave] = await people('Alice', 'Bob', 'Carol', 'Dave');
    await platform.befriend(alice, bob);
    await platform.befriend(alice, carol);
    const id = await moment(alice, 'Friends only', { type: 'friends' });
    const bobs = await comment(bob, id, {
      body: `Look @${carol.account.handle} and @${dave.account.handle} ${'!'.repeat(100)}`,
    });
    await comment(carol, id, { body: 'Thanks Bob', parentId: bobs.id });

    const aliceItems = await bell(alice);
    expect(aliceItems.map((n) => n.type)).toEqual(['space.comment']);
    expect(aliceItems[0]).toMatchObject({ actorCount: 2, target: `post:${id}` });
    expect(aliceItems[0]?.text).toContain('commented on your moment');
    expect(String(aliceItems[0]?.data.preview).length).toBeLessThanOrEqual(80);

    const carolItems = await bell(carol);
    expect(carolItems.map((n) => n.type)).toEqual(['space.mention']);
    expect(carolItems[0]?.data.preview).toMatch(/^Look @/);
    const bobItems = await bell(bob);
    expect(bobItems.map((n) => n.type)).toEqual(['space.reply']);
    expect(bobItems[0]?.data.preview).toBe('Thanks Bob');
    // Dave isn't Alice's friend: he may not see the moment, so he hears nothing of it.
    expect(await bell(dave)).toEqual([]);
  });
});
