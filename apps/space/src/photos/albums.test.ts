import { randomUUID } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ShiftedClock } from '@orbit/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { albums, photos, posts } from '../schema.js';
import { type SpacePerson, type SpacePlatform, startSpacePlatform } from '../test/platform.js';
import { plainPng } from './fixtures/images.js';
import { createPhotoLibrary, type Photos } from './library.js';

const clock = new ShiftedClock();
let platform: SpacePlatform;
/** The library Space itself uses, on the same database and photo store (what the posts part calls). */
let library: Photos;
beforeAll(async () => {
  platform = await startSpacePlatform({}, clock);
  library = createPhotoLibrary(platform.space.app.core);
});
afterAll(() => platform?.close());

const subOf = async (person: SpacePerson) => (await person.api('GET', '/api/me')).body.user.sub as string;

/** Uploads `count` small PNGs (into `albumId` when given); answers their photo views. */
async function upload(person: SpacePerson, count = 1, albumId?: string) {
  const form = new FormData();
  if (albumId) form.append('albumId', albumId);
  for (let i = 0; i < count; i++) {
    form.append(
      'file',
      new Blob([new Uint8Array(await plainPng(30 + i, 20))], { type: 'image/png' }),
      `${i}.png`,
    );
  }
  const response = await person.browser.fetch(`${platform.space.url}/api/photos`, {
    method: 'POST',
    body: form,
  });
  expect(response.status).toBe(201);
  // biome-ignore lint/suspicious/noExplicitAny: tests read bodies loosely
  return ((await response.json()) as any).photos as { id: string; urls: Record<string, string> }[];
}

/** The status a photo URL answers `person` (null: signed out). */
async function statusOf(person: SpacePerson | null, url: string) {
  const target = `${platform.space.url}${url}`;
  const response = person ? await person.browser.fetch(target) : await fetch(target);
  await response.arrayBuffer();
  return response.status;
}

/** How many files the photo store holds for `sub`. */
async function filesOf(sub: string) {
  const entries = await readdir(join(platform.space.photosDir, sub), {
    recursive: true,
    withFileTypes: true,
  }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).length;
}

describe('who sees a photo', () => {
  it('serves a friends-only album’s photos to the owner and a friend, and 404s everyone else', async () => {
    const [owner, friend, stranger] = [
      await platform.person('Owner'),
      await platform.person('Friend'),
      await platform.person('Stranger'),
    ];
    await platform.befriend(owner, friend);
    const album = (await owner.api('POST', '/api/albums', { title: 'Trip', audience: { type: 'friends' } }))
      .body.album;
    const [photo] = await upload(owner, 1, album.id);
    const url = (photo as { urls: Record<string, string> }).urls.display as string;
    expect(await statusOf(owner, url)).toBe(200);
    expect(await statusOf(friend, url)).toBe(200);
    expect(await statusOf(stranger, url)).toBe(404);
    expect(await statusOf(null, url)).toBe(404);
    // A hidden photo answers exactly as one that doesn't exist.
    const hidden = await stranger.browser.fetch(`${platform.space.url}${url}`);
    const missing = await stranger.browser.fetch(
      `${platform.space.url}/photos/${crypto.randomUUID()}/display`,
    );
    expect(await hidden.json()).toEqual(await missing.json());
    expect(await statusOf(owner, `/photos/${photo?.id}/huge`)).toBe(404);

    expect((await stranger.api('GET', `/api/albums/${album.id}`)).status).toBe(404);
    const ownerSub = await subOf(owner);
    expect((await stranger.api('GET', `/api/albums?owner=${ownerSub}`)).body.albums).toEqual([]);
    expect(
      (await friend.api('GET', `/api/albums?owner=${ownerSub}`)).body.albums.map((a: { id: string }) => a.id),
    ).toEqual([album.id]);
  });

  it('serves a photo in neither an album nor a post to its owner only', async () => {
    const [owner, friend] = [await platform.person('Owner'), await platform.person('Friend')];
    await platform.befriend(owner, friend);
    const [photo] = await upload(owner);
    const url = photo?.urls.thumb as string;
    expect(await statusOf(owner, url)).toBe(200);
    expect(await statusOf(friend, url)).toBe(404);
    expect(await statusOf(null, url)).toBe(404);
  });

  it('serves a post’s photos as the post is seen: a draft to its owner, once published to its audience', async () => {
    const [owner, friend, stranger] = [
      await platform.person('Owner'),
      await platform.person('Friend'),
      await platform.person('Stranger'),
    ];
    await platform.befriend(owner, friend);
    const ownerSub = await subOf(owner);
    const mine = await upload(owner, 3);
    const [theirs] = await upload(stranger);
    const post = await insertPost(ownerSub, 'draft');
    const db = platform.space.db;

    // Only the owner's unattached photos, at most nine, each once.
    const refusals = [
      [theirs?.id],
      [mine[0]?.id, mine[0]?.id],
      Array.from({ length: 10 }, () => crypto.randomUUID()),
    ];
    for (const ids of refusals) {
      await expect(
        db.transaction((tx) => library.attachToPost(tx, ownerSub, post, ids as string[])),
      ).rejects.toMatchObject({ status: 400, code: 'space.photo_unusable' });
    }
    const order = [mine[2], mine[0], mine[1]].map((p) => p?.id as string);
    await db.transaction((tx) => library.attachToPost(tx, ownerSub, post, order));
    expect((await library.ofPosts([post])).get(post)?.map((p) => p.id)).toEqual(order);
    // Attached once: not again, to this post or another.
    await expect(
      db.transaction((tx) => library.attachToPost(tx, ownerSub, post, [order[0] as string])),
    ).rejects.toMatchObject({
      code: 'space.photo_unusable',
    });

    const url = mine[0]?.urls.display as string;
    expect([await statusOf(owner, url), await statusOf(friend, url)]).toEqual([200, 404]);
    await db.update(posts).set({ status: 'published', publishedAt: new Date() }).where(eq(posts.id, post));
    expect([await statusOf(owner, url), await statusOf(friend, url), await statusOf(stranger, url)]).toEqual([
      200, 200, 404,
    ]);

    // Deleting the post: its photos' rows in its transaction, the files after.
    const keys = await db.transaction(async (tx) => {
      const gone = await library.deleteOfPost(tx, post);
      await tx.delete(posts).where(eq(posts.id, post));
      return gone;
    });
    expect(keys).toHaveLength(3);
    await library.purgeFiles(keys);
    expect(await filesOf(ownerSub)).toBe(0);
    expect(await statusOf(owner, url)).toBe(404);
  });
});

/** A post row of `owner` (the posts part writes these; here only what holds photos matters). */
async function insertPost(owner: string, status: 'draft' | 'published') {
  const now = new Date();
  const [row] = await platform.space.db
    .insert(posts)
    .values({
      ownerSub: owner,
      kind: 'moment',
      status,
      body: 'photos',
      bodyHtml: '<p>photos</p>',
      audience: { type: 'friends' },
      createdAt: now,
      updatedAt: now,
      publishedAt: status === 'published' ? now : null,
    })
    .returning({ id: posts.id });
  return row?.id as string;
}

describe('albums', () => {
  it('creates, lists, changes and deletes an album, its owner’s alone to change', async () => {
    const [owner, other] = [await platform.person('Owner'), await platform.person('Other')];
    const ownerSub = await subOf(owner);
    // Without an audience: the privacy centre's default; a chosen one becomes the next default.
    const first = await owner.api('POST', '/api/albums', { title: 'Cats' });
    expect(first.status).toBe(201);
    expect(first.body.album).toMatchObject({
      title: 'Cats',
      description: '',
      photoCount: 0,
      coverThumb: null,
    });
    const second = await owner.api('POST', '/api/albums', {
      title: 'Food',
      description: 'Things I ate',
      audience: { type: 'only_me' },
    });
    expect((await owner.api('POST', '/api/albums', { title: 'Next' })).body.album.audience).toEqual({
      type: 'only_me',
    });
    for (const bad of [
      { title: '' },
      { title: 'x'.repeat(101) },
      { title: 'ok', description: 'x'.repeat(1001) },
    ]) {
      const refused = await owner.api('POST', '/api/albums', bad);
      expect([refused.status, refused.body.error.code]).toEqual([400, 'request.invalid']);
    }
    const group = await owner.api('POST', '/api/albums', {
      title: 'Group',
      audience: { type: 'groups', groupIds: [crypto.randomUUID()] },
    });
    expect(group.body.error.code).toBe('space.audience_unknown_group');

    // Uploading into an album: its count, its cover (the first photo) and its place at the top of the list.
    const cats = first.body.album.id as string;
    const photosOfCats = await upload(owner, 2, cats);
    const listed = (await owner.api('GET', `/api/albums?owner=${ownerSub}`)).body.albums;
    expect(listed[0]).toMatchObject({
      id: cats,
      photoCount: 2,
      coverPhotoId: photosOfCats[0]?.id,
      coverThumb: `/photos/${photosOfCats[0]?.id}/thumb`,
    });
    expect((await owner.api('GET', '/api/albums')).body.albums).toHaveLength(3);
    const read = (await owner.api('GET', `/api/albums/${cats}`)).body;
    expect(read.photos.map((p: { id: string }) => p.id)).toEqual(photosOfCats.map((p) => p.id));
    expect(read.next).toBeNull();

    const changed = await owner.api('PATCH', `/api/albums/${cats}`, {
      title: 'My cats',
      audience: { type: 'public' },
      coverPhotoId: photosOfCats[1]?.id,
    });
    expect(changed.body.album).toMatchObject({
      title: 'My cats',
      audience: { type: 'public' },
      coverPhotoId: photosOfCats[1]?.id,
    });
    const [loose] = await upload(owner);
    const notInIt = await owner.api('PATCH', `/api/albums/${cats}`, { coverPhotoId: loose?.id });
    expect([notInIt.status, notInIt.body.error.code]).toEqual([400, 'space.photo_not_in_album']);

    // Someone else's album is as good as missing, for writes too.
    expect((await other.api('PATCH', `/api/albums/${cats}`, { title: 'Mine now' })).status).toBe(404);
    expect((await other.api('DELETE', `/api/albums/${cats}`)).status).toBe(404);
    expect((await other.api('PATCH', `/api/photos/${photosOfCats[0]?.id}`, { caption: 'x' })).status).toBe(
      404,
    );
    expect((await other.api('DELETE', `/api/photos/${photosOfCats[0]?.id}`)).status).toBe(404);

    // Deleting it deletes its photos, rows and files; the loose photo stays.
    expect(await filesOf(ownerSub)).toBe(9);
    expect((await owner.api('DELETE', `/api/albums/${cats}`)).status).toBe(204);
    expect((await owner.api('GET', `/api/albums/${cats}`)).status).toBe(404);
    expect(await platform.space.db.select().from(photos).where(eq(photos.ownerSub, ownerSub))).toHaveLength(
      1,
    );
    expect(await filesOf(ownerSub)).toBe(3);
    expect(second.body.album.audience).toEqual({ type: 'only_me' });
  });

  it('pages an album’s photos 60 at a time, in order', async () => {
    const owner = await platform.person('Owner');
    const ownerSub = await subOf(owner);
    const album = (await owner.api('POST', '/api/albums', { title: 'Many', audience: { type: 'only_me' } }))
      .body.album;
    // Rows alone (no files): what is paged is the list.
    const now = new Date();
    await platform.space.db.insert(photos).values(
      Array.from({ length: 61 }, (_, i) => ({
        ownerSub,
        albumId: album.id,
        position: i,
        format: 'png',
        width: 1,
        height: 1,
        storedBytes: 0,
        storageKey: `${ownerSub}/none-${i}`,
        createdAt: now,
      })),
    );
    const first = (await owner.api('GET', `/api/albums/${album.id}`)).body;
    expect(first.photos).toHaveLength(60);
    const second = (await owner.api('GET', `/api/albums/${album.id}?cursor=${first.next}`)).body;
    expect(second.photos).toHaveLength(1);
    expect(second.next).toBeNull();
    expect((await owner.api('GET', `/api/albums/${album.id}?cursor=bogus`)).status).toBe(400);
  });
});

describe('one photo', () => {
  it('takes a caption, moves to another album, changes place, and leaves with its files when deleted', async () => {
    const owner = await platform.person('Owner');
    const ownerSub = await subOf(owner);
    const a = (await owner.api('POST', '/api/albums', { title: 'A', audience: { type: 'only_me' } })).body
      .album;
    const b = (await owner.api('POST', '/api/albums', { title: 'B', audience: { type: 'only_me' } })).body
      .album;
    const [p0, p1, p2] = await upload(owner, 3, a.id);
    const captioned = await owner.api('PATCH', `/api/photos/${p0?.id}`, { caption: '  At the lake ' });
    expect(captioned.body.photo.caption).toBe('At the lake');
    expect((await owner.api('PATCH', `/api/photos/${p0?.id}`, { caption: 'x'.repeat(501) })).status).toBe(
      400,
    );

    // The cover moves away: A's cover becomes its first photo left, B gets its first photo as cover.
    await owner.api('PATCH', `/api/photos/${p0?.id}`, { albumId: b.id });
    const albumOf = async (id: string) => (await owner.api('GET', `/api/albums/${id}`)).body;
    expect((await albumOf(a.id)).album).toMatchObject({ photoCount: 2, coverPhotoId: p1?.id });
    expect((await albumOf(b.id)).album).toMatchObject({ photoCount: 1, coverPhotoId: p0?.id });

    await owner.api('PATCH', `/api/photos/${p2?.id}`, { position: 0 });
    expect((await albumOf(a.id)).photos.map((p: { id: string }) => p.id)).toEqual([p2?.id, p1?.id]);

    expect(await filesOf(ownerSub)).toBe(9);
    expect((await owner.api('DELETE', `/api/photos/${p2?.id}`)).status).toBe(204);
    expect(await filesOf(ownerSub)).toBe(6);
    expect((await albumOf(a.id)).album).toMatchObject({ photoCount: 1, coverPhotoId: p1?.id });
    expect(await statusOf(owner, p2?.urls.thumb as string)).toBe(404);
  });

  it('sweeps photos left in neither an album nor a post for a day, rows and files', async () => {
    const owner = await platform.person('Owner');
    const ownerSub = await subOf(owner);
    const album = (await owner.api('POST', '/api/albums', { title: 'Kept', audience: { type: 'only_me' } }))
      .body.album;
    await upload(owner, 1, album.id);
    const [loose] = await upload(owner);
    expect(await library.sweepUnattached()).toBe(0);
    clock.advance(25 * 60 * 60 * 1000);
    try {
      expect(await library.sweepUnattached()).toBeGreaterThanOrEqual(1);
    } finally {
      clock.reset();
    }
    const left = await platform.space.db.select().from(photos).where(eq(photos.ownerSub, ownerSub));
    expect(left.map((p) => p.albumId)).toEqual([album.id]);
    expect(left.some((p) => p.id === loose?.id)).toBe(false);
    expect(await filesOf(ownerSub)).toBe(3);
    expect(await platform.space.db.select().from(albums).where(eq(albums.id, album.id))).toHaveLength(1);
  });

  it('sweeps files no row names once they are an hour old (an upload whose process died before its rows)', async () => {
    const owner = await platform.person('Crashed');
    const ownerSub = await subOf(owner);
    const album = (await owner.api('POST', '/api/albums', { title: 'Kept', audience: { type: 'only_me' } }))
      .body.album;
    await upload(owner, 1, album.id);
    // What a crash between writing the files and committing the rows leaves: a photo folder no row names.
    const orphan = join(platform.space.photosDir, ownerSub, randomUUID());
    await mkdir(orphan, { recursive: true });
    await writeFile(join(orphan, 'original.jpg'), 'half an upload');
    // Young, it may be an upload still in flight: kept.
    expect(await library.sweepOrphanedFiles()).toBe(0);
    clock.advance(2 * 60 * 60 * 1000);
    try {
      expect(await library.sweepOrphanedFiles()).toBe(1);
    } finally {
      clock.reset();
    }
    expect(await readdir(join(platform.space.photosDir, ownerSub))).toHaveLength(1);
    expect(await filesOf(ownerSub)).toBe(3);
  });
});
