import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ACCOUNT_DELETION_GRACE_DAYS, type AccountDeletionView, exportPath } from '@orbit/contracts';
import { ShiftedClock } from '@orbit/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../schema.js';
import { type SpacePerson, type SpacePlatform, startSpacePlatform } from '../test/platform.js';
import { createSpaceDataRights } from './index.js';

/**
 * The user's data rights over Space: their part of the export (every file, photos as their original bytes),
 * and erasure — called directly, and end to end through the hub's account deletion after its grace period.
 */
const DAY_MS = 24 * 60 * 60 * 1000;
const clock = new ShiftedClock();
let platform: SpacePlatform;

beforeAll(async () => {
  platform = await startSpacePlatform({}, clock);
});

afterAll(async () => {
  await platform?.close();
});

async function upload(who: SpacePerson, albumId?: string): Promise<string> {
  const png = await sharp({ create: { width: 12, height: 8, channels: 3, background: '#3366cc' } })
    .png()
    .toBuffer();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'photo.png');
  if (albumId) form.append('albumId', albumId);
  const res = await who.browser.fetch(`${platform.space.url}/api/photos`, { method: 'POST', body: form });
  expect(res.status).toBe(201);
  return ((await res.json()) as { photos: { id: string }[] }).photos[0]?.id as string;
}

async function served(who: SpacePerson, photoId: string): Promise<Uint8Array> {
  const res = await who.browser.fetch(`${platform.space.url}/photos/${photoId}/original`);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

/** Every row of every Space table that names `sub` anywhere (sessions left out unless asked). */
async function rowsNaming(sub: string, { sessions = false } = {}): Promise<string[]> {
  const found: string[] = [];
  for (const [name, table] of Object.entries(tables)) {
    if (name === 'sessions' && !sessions) continue;
    for (const row of await platform.space.db.select().from(table)) {
      if (JSON.stringify(row).toLowerCase().includes(sub.toLowerCase())) found.push(name);
    }
  }
  return found;
}

const filesUnder = async (dir: string) => {
  try {
    return await readdir(dir, { recursive: true });
  } catch {
    return [];
  }
};

/** A user with a moment and its photo, an album and its photo, a comment and a like on a friend's post. */
async function busyUser() {
  const [alice, bob] = [await platform.person('Alice'), await platform.person('Bob')];
  await platform.befriend(alice, bob);
  const momentPhoto = await upload(alice);
  const moment = await alice.api('POST', '/api/posts', {
    kind: 'moment',
    text: 'Hello @nobody, see my photo',
    photoIds: [momentPhoto],
    audience: { type: 'chosen', ids: [bob.account.id] },
  });
  expect(moment.status).toBe(201);
  const album = await alice.api('POST', '/api/albums', { title: 'Trip', audience: { type: 'friends' } });
  expect(album.status).toBe(201);
  const albumId = album.body.album.id as string;
  const albumPhoto = await upload(alice, albumId);
  const bobsPost = await bob.api('POST', '/api/posts', {
    kind: 'post',
    title: 'Bob’s post',
    body: 'Hi *all*',
    audience: { type: 'chosen', ids: [alice.account.id] },
  });
  expect(bobsPost.status).toBe(201);
  const postId = bobsPost.body.post.id as string;
  const comment = await alice.api('POST', `/api/posts/${postId}/comments`, { body: 'Great post' });
  expect(comment.status).toBe(201);
  // Bob answers her, and she joins his own thread, where he answers and mentions her: his stay, hers go.
  await bob.api('POST', `/api/posts/${postId}/comments`, {
    body: 'Thanks',
    parentId: comment.body.comment.id,
  });
  const bobs = await bob.api('POST', `/api/posts/${postId}/comments`, { body: 'Anyone else?' });
  const hers = await alice.api('POST', `/api/posts/${postId}/comments`, {
    body: 'Me!',
    parentId: bobs.body.comment.id,
  });
  const welcome = await bob.api('POST', `/api/posts/${postId}/comments`, {
    body: `Welcome @${alice.account.handle}`,
    parentId: hers.body.comment.id,
  });
  expect(welcome.body.comment).toMatchObject({
    replyTo: { sub: alice.account.id },
    mentions: [{ sub: alice.account.id }],
  });
  await bob.api('POST', `/api/posts/${moment.body.post.id}/comments`, { body: 'Lovely' });
  expect((await alice.api('POST', `/api/posts/${postId}/like`)).status).toBe(200);
  expect((await alice.api('POST', `/api/spaces/${bob.account.id}/visits`)).body.recorded).toBe(true);
  expect((await bob.api('POST', `/api/spaces/${alice.account.id}/visits`)).body.recorded).toBe(true);
  expect((await alice.api('PUT', '/api/settings/theme', { theme: 'ink' })).status).toBe(200);
  return { alice, bob, momentId: moment.body.post.id as string, momentPhoto, albumId, albumPhoto, postId };
}

describe('exporting and erasing a user’s space', () => {
  it('exports every file with the photos’ original bytes, then erases every row and file of the user', async () => {
    const u = await busyUser();
    const rights = createSpaceDataRights(platform.space.app.core);
    const sub = u.alice.account.id;

    const exported = await rights.export(sub);
    const byPath = new Map(exported.files.map((f) => [f.path, f.data]));
    for (const path of ['posts.json', 'posts.csv', 'albums.json', 'comments.json', 'likes.json']) {
      expect(byPath.has(path), path).toBe(true);
    }
    for (const path of ['visitors.json', 'settings.json', 'photos.json'])
      expect(byPath.has(path), path).toBe(true);
    for (const path of byPath.keys()) {
      // A path the hub's archive takes, each described in its manifest.
      expect(exportPath.safeParse(path).success, path).toBe(true);
      const folder = path.includes('/') ? `${path.split('/')[0]}/` : path;
      expect(exported.describe[folder], path).toBeTruthy();
    }
    const postsJson = byPath.get('posts.json') as {
      posts: { id: string; body: string; photoIds: string[] }[];
    };
    expect(postsJson.posts).toEqual([
      expect.objectContaining({
        id: u.momentId,
        body: 'Hello @nobody, see my photo',
        photoIds: [u.momentPhoto],
      }),
    ]);
    expect(String(byPath.get('posts.csv'))).toContain(u.momentId);
    expect(byPath.get('albums.json')).toEqual({
      albums: [expect.objectContaining({ id: u.albumId, title: 'Trip', photoIds: [u.albumPhoto] })],
    });
    expect(byPath.get('comments.json')).toEqual({
      comments: [
        expect.objectContaining({ postId: u.postId, parentId: null, body: 'Great post' }),
        expect.objectContaining({ postId: u.postId, parentId: expect.any(String), body: 'Me!' }),
      ],
    });
    expect(byPath.get('likes.json')).toEqual({ likes: [expect.objectContaining({ postId: u.postId })] });
    expect(byPath.get('visitors.json')).toMatchObject({
      visitors: [{ visitor: u.bob.account.id, visitCount: 1 }],
      visited: [{ space: u.bob.account.id, visitCount: 1 }],
    });
    expect(byPath.get('settings.json')).toMatchObject({ theme: 'ink' });
    expect(byPath.get(`photos/moments/${u.momentPhoto}.png`)).toEqual(await served(u.alice, u.momentPhoto));
    expect(byPath.get(`photos/${u.albumId}/${u.albumPhoto}.png`)).toEqual(
      await served(u.alice, u.albumPhoto),
    );

    expect(await filesUnder(join(platform.space.photosDir, sub))).not.toEqual([]);
    await rights.erase(sub);
    expect(await rowsNaming(sub)).toEqual([]);
    expect(await filesUnder(join(platform.space.photosDir, sub))).toEqual([]);
    // Bob's post keeps his own thread (no longer naming her) and none of her comments or her like.
    const bobsPost = await u.bob.api('GET', `/api/posts/${u.postId}`);
    expect(bobsPost.body.post).toMatchObject({ commentCount: 2, likeCount: 0 });
    const comments = await u.bob.api('GET', `/api/posts/${u.postId}/comments`);
    expect(comments.body.comments).toEqual([
      expect.objectContaining({
        body: 'Anyone else?',
        replies: [
          expect.objectContaining({
            body: `Welcome @${u.alice.account.handle}`,
            replyTo: null,
            mentions: [],
          }),
        ],
      }),
    ]);
    expect((await u.bob.api('GET', `/api/posts/${u.momentId}`)).status).toBe(404);
    expect((await u.bob.api('GET', '/api/visitors')).body.visitors).toEqual([]);

    // Idempotent: again, nothing is left to find, and nothing fails.
    await rights.erase(sub);
    expect((await rights.export(sub)).files.filter((f) => f.path.startsWith('photos/'))).toEqual([]);
  });

  // Last in this file: it moves the clock past the deletion's grace period.
  it('erases the user when the hub deletes the account after the grace period, sessions included', async () => {
    const u = await busyUser();
    const sub = u.alice.account.id;
    expect(await rowsNaming(sub, { sessions: true })).not.toEqual([]);
    const deletion = await u.alice.browser.json('DELETE', `${platform.launched.url}/api/me`, {
      confirm: u.alice.account.accountNumber,
      password: u.alice.account.password,
    });
    expect(deletion.status).toBe(202);
    clock.advance(ACCOUNT_DELETION_GRACE_DAYS * DAY_MS + 60_000);
    const { accountLifecycle, deletionNotices } = platform.launched.hub.services;
    expect(await accountLifecycle.deleteDue()).toBe(1);
    const record = async (): Promise<AccountDeletionView | undefined> =>
      (await deletionNotices.list()).find((d) => d.accountId === sub);
    const until = Date.now() + 15_000;
    while ((await record())?.state !== 'done') {
      if (Date.now() > until) throw new Error(`not acknowledged: ${JSON.stringify(await record())}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await record())?.services).toEqual([
      expect.objectContaining({ serviceId: 'space', lastError: null, acknowledgedAt: expect.any(String) }),
    ]);
    expect(await rowsNaming(sub, { sessions: true })).toEqual([]);
    expect(await filesUnder(join(platform.space.photosDir, sub))).toEqual([]);
  });
});
