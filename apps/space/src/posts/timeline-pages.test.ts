import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpacePerson, type SpacePlatform, startSpacePlatform } from '../test/platform.js';

/**
 * A timeline page reads its items' photos in the timeline's own query (no photos query of its own): what it
 * shows must be what every other view shows. And each item says whether the viewer may share it.
 */
let platform: SpacePlatform;

beforeAll(async () => {
  platform = await startSpacePlatform();
});

afterAll(async () => {
  await platform?.close();
});

type Item = { id: string; photos: unknown[]; cover: unknown; shareable: boolean; shared: Item | null };

async function write(author: SpacePerson, body: Record<string, unknown>) {
  const created = await author.api('POST', '/api/posts', body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.post as Item;
}

async function uploadPhoto(person: SpacePerson, width: number) {
  const png = await sharp({ create: { width, height: 30, channels: 3, background: '#0ea5e9' } })
    .png()
    .toBuffer();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'p.png');
  const res = await person.browser.fetch(`${platform.space.url}/api/photos`, { method: 'POST', body: form });
  expect(res.status).toBe(201);
  return ((await res.json()) as { photos: { id: string }[] }).photos[0]!;
}

const timeline = async (who: SpacePerson) => (await who.api('GET', '/api/timeline')).body.items as Item[];
const item = (items: Item[], id: string) => items.find((i) => i.id === id);

describe('timeline pages', () => {
  it('show each item’s photos in order, as the item’s own view does, and a post’s cover apart', async () => {
    const [alice, bob] = [await platform.person(), await platform.person()];
    await platform.befriend(alice, bob);
    const [one, two, three, cover] = [
      await uploadPhoto(alice, 40),
      await uploadPhoto(alice, 50),
      await uploadPhoto(alice, 60),
      await uploadPhoto(alice, 70),
    ];
    const moment = await write(alice, {
      kind: 'moment',
      text: 'three',
      photoIds: [three.id, one.id, two.id],
      audience: { type: 'friends' },
    });
    const bare = await write(alice, { kind: 'moment', text: 'none', audience: { type: 'friends' } });
    const post = await write(alice, {
      kind: 'post',
      title: 'Covered',
      body: 'b',
      coverPhotoId: cover.id,
      audience: { type: 'friends' },
    });

    const own = (await bob.api('GET', `/api/posts/${moment.id}`)).body.post as Item;
    const items = await timeline(bob);
    expect(item(items, moment.id)?.photos).toEqual(own.photos);
    expect((own.photos as { id: string }[]).map((p) => p.id)).toEqual([three.id, one.id, two.id]);
    expect(item(items, bare.id)?.photos).toEqual([]);
    expect(item(items, post.id)?.photos).toEqual([]);
    expect(item(items, post.id)?.cover).toEqual(post.cover);
  });

  it('show a share’s original with its photos', async () => {
    const [alice, bob, carol] = [await platform.person(), await platform.person(), await platform.person()];
    await platform.befriend(alice, bob);
    await platform.befriend(bob, carol);
    const photo = await uploadPhoto(alice, 45);
    const original = await write(alice, {
      kind: 'moment',
      text: 'public',
      photoIds: [photo.id],
      audience: { type: 'public' },
    });
    const share = await write(bob, {
      kind: 'moment',
      sharedPostId: original.id,
      audience: { type: 'friends' },
    });
    const shown = item(await timeline(carol), share.id);
    expect(shown?.shared?.id).toBe(original.id);
    expect(shown?.shared?.photos).toEqual(original.photos);
  });

  it('say an item is shareable only when it is published, public and not the viewer’s own', async () => {
    const [alice, bob] = [await platform.person(), await platform.person()];
    await platform.befriend(alice, bob);
    const open = await write(alice, { kind: 'moment', text: 'open', audience: { type: 'public' } });
    const friendsOnly = await write(alice, {
      kind: 'moment',
      text: 'friends',
      audience: { type: 'friends' },
    });
    const draft = await write(alice, {
      kind: 'post',
      title: 'Draft',
      body: 'b',
      status: 'draft',
      audience: { type: 'public' },
    });

    const bobs = await timeline(bob);
    expect(item(bobs, open.id)?.shareable).toBe(true);
    expect(item(bobs, friendsOnly.id)?.shareable).toBe(false);
    const alices = await timeline(alice);
    expect(item(alices, open.id)?.shareable).toBe(false);
    expect(draft.shareable).toBe(false);
    // What the flag promises, the server keeps: sharing a friends-only item is refused.
    const refused = await bob.api('POST', '/api/posts', { kind: 'moment', sharedPostId: friendsOnly.id });
    expect(refused.body.error.code).toBe('space.share_not_allowed');
    expect((await bob.api('POST', '/api/posts', { kind: 'moment', sharedPostId: open.id })).status).toBe(201);
  });
});
