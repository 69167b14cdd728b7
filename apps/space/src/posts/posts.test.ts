import { defineManifest } from '@orbit/contracts';
import { freePort, registerService, requestToken, serviceToken, userTokens } from '@orbit/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpacePerson, type SpacePlatform, startSpacePlatform } from '../test/platform.js';

/**
 * Writing posts and moments: Markdown made safe, drafts, edits, pins, deletes, default audiences, mentions,
 * shares (转发) and the `space:share` API — and each refusal with its code.
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

const PHOTO = '0b8f2a4e-8c1d-4e59-9a43-2f0c6d7e8a91';
const hub = (who: SpacePerson, method: string, path: string, body?: unknown) =>
  who.browser.json(method, `${hubUrl}${path}`, body);

async function write(author: SpacePerson, body: Record<string, unknown>) {
  const created = await author.api('POST', '/api/posts', body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.post;
}
/** Uploads a small PNG as the web page does; its photo view. */
async function uploadPhoto(person: SpacePerson) {
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#f59e0b' } })
    .png()
    .toBuffer();
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'p.png');
  const res = await person.browser.fetch(`${spaceUrl}/api/photos`, { method: 'POST', body: form });
  expect(res.status).toBe(201);
  return ((await res.json()) as { photos: { id: string; urls: { display: string } }[] }).photos[0]!;
}
const photoStatus = async (person: SpacePerson, url: string) => {
  const res = await person.browser.fetch(`${spaceUrl}${url}`);
  await res.body?.cancel();
  return res.status;
};
const timelineIds = async (who: SpacePerson) =>
  ((await who.api('GET', '/api/timeline')).body.items as { id: string }[]).map((i) => i.id);

describe('posts', () => {
  it('keeps Markdown’s formatting and drops scripts, javascript: links, event handlers and foreign images', async () => {
    const alice = await platform.person();
    const post = await write(alice, {
      kind: 'post',
      title: 'Safe',
      body: [
        '# Hello *world*',
        '<script>alert(1)</script>',
        '[click](javascript:alert(1)) and [home](https://example.com)',
        '<img src=x onerror="alert(1)">',
        `![tracker](https://evil.example/pixel.png) ![mine](/photos/${PHOTO}/display)`,
      ].join('\n\n'),
      audience: { type: 'public' },
    });
    const html: string = post.bodyHtml;
    expect(html).toContain('<h1>Hello <em>world</em></h1>');
    // No element or attribute survives; what was markup shows as text.
    expect(html).not.toMatch(/<script|<[^>]+javascript:|<[^>]+onerror|<img[^>]+evil\.example/);
    expect(html).toContain('[click](javascript:alert(1))');
    expect(html).toContain(
      '<a href="https://example.com" rel="noopener noreferrer nofollow" target="_blank">home</a>',
    );
    expect(html).toContain(`<img src="/photos/${PHOTO}/display" alt="mine" />`);
    // Raw HTML is text, not markup.
    expect(html).toContain('&lt;script&gt;');
  });

  it('creates, edits and deletes a post; only the owner gets the source and the audience', async () => {
    const [alice, bob] = [await platform.person(), await platform.person()];
    await platform.befriend(alice, bob);
    const post = await write(alice, {
      kind: 'post',
      title: 'Draft one',
      body: 'first words',
      audience: { type: 'friends' },
    });
    expect(post).toMatchObject({
      kind: 'post',
      status: 'published',
      mine: true,
      body: 'first words',
      pinned: false,
    });
    expect(post.audience).toEqual({ type: 'friends' });

    const edited = await alice.api('PATCH', `/api/posts/${post.id}`, {
      title: 'Final',
      body: '**bold** move',
    });
    expect(edited.status).toBe(200);
    expect(edited.body.post).toMatchObject({ title: 'Final', bodyHtml: '<p><strong>bold</strong> move</p>' });
    expect(edited.body.post.publishedAt).toBe(post.publishedAt);
    expect(edited.body.post.updatedAt >= post.updatedAt).toBe(true);

    const seen = await bob.api('GET', `/api/posts/${post.id}`);
    expect(seen.body.post).toMatchObject({ title: 'Final', mine: false, likedByMe: false });
    expect(seen.body.post.body).toBeUndefined();
    expect(seen.body.post.audience).toBeUndefined();
    // Search follows the edit.
    expect(
      (await bob.api('GET', '/api/search?q=bold')).body.items.map((i: { post: { id: string } }) => i.post.id),
    ).toContain(post.id);

    // Bob can't touch it: as absent as a missing one.
    for (const [method, path] of [
      ['PATCH', `/api/posts/${post.id}`],
      ['DELETE', `/api/posts/${post.id}`],
      ['POST', `/api/posts/${post.id}/pin`],
    ] as const) {
      const refused = await bob.api(method, path, method === 'PATCH' ? { title: 'mine now' } : undefined);
      expect(refused.status).toBe(404);
      expect(refused.body.error.code).toBe('space.not_found');
    }

    expect((await alice.api('DELETE', `/api/posts/${post.id}`)).status).toBe(204);
    expect((await alice.api('GET', `/api/posts/${post.id}`)).status).toBe(404);
    expect(await timelineIds(bob)).toEqual([]);
  });

  it('keeps a draft to its owner until it is published, once', async () => {
    const [alice, bob] = [await platform.person(), await platform.person()];
    await platform.befriend(alice, bob);
    const draft = await write(alice, {
      kind: 'post',
      title: 'Later',
      body: 'soon',
      status: 'draft',
      audience: { type: 'public' },
    });
    expect(draft).toMatchObject({ status: 'draft', publishedAt: null });
    expect((await bob.api('GET', `/api/posts/${draft.id}`)).status).toBe(404);
    expect((await fetch(`${spaceUrl}/api/posts/${draft.id}`)).status).toBe(404);
    expect(await timelineIds(bob)).toEqual([]);
    expect(await timelineIds(alice)).toEqual([]);
    expect((await alice.api('GET', '/api/drafts')).body.items.map((d: { id: string }) => d.id)).toEqual([
      draft.id,
    ]);
    expect((await alice.api('POST', `/api/posts/${draft.id}/pin`)).body.error.code).toBe(
      'space.not_published',
    );

    const published = await alice.api('POST', `/api/posts/${draft.id}/publish`);
    expect(published.body.post.status).toBe('published');
    expect(published.body.post.publishedAt).not.toBeNull();
    expect(await timelineIds(bob)).toEqual([draft.id]);
    expect((await alice.api('GET', '/api/drafts')).body.items).toEqual([]);
    const again = await alice.api('POST', `/api/posts/${draft.id}/publish`);
    expect(again.body.post.publishedAt).toBe(published.body.post.publishedAt);
  });

  it('shows a moment’s photos and a post’s cover to whom may see them; deleting takes the photos too', async () => {
    const [alice, bob, carol] = [await platform.person(), await platform.person(), await platform.person()];
    await platform.befriend(alice, bob);
    const [one, two, cover] = [await uploadPhoto(alice), await uploadPhoto(alice), await uploadPhoto(alice)];
    const moment = await write(alice, {
      kind: 'moment',
      photoIds: [two.id, one.id],
      audience: { type: 'friends' },
    });
    expect(moment.photos.map((p: { id: string }) => p.id)).toEqual([two.id, one.id]);
    const post = await write(alice, {
      kind: 'post',
      title: 'Covered',
      body: 'b',
      coverPhotoId: cover.id,
      audience: { type: 'friends' },
    });
    expect(post.cover.id).toBe(cover.id);
    expect(post.photos).toEqual([]);
    // Another's photo can't be a cover, nor go on a moment.
    const stolen = await bob.api('POST', '/api/posts', {
      kind: 'post',
      title: 't',
      body: 'b',
      coverPhotoId: one.id,
    });
    expect(stolen.body.error.code).toBe('space.cover_not_yours');

    const timeline = (await bob.api('GET', '/api/timeline')).body.items;
    expect(timeline.find((i: { id: string }) => i.id === moment.id).photos).toHaveLength(2);
    expect(await photoStatus(bob, one.urls.display)).toBe(200);
    expect(await photoStatus(carol, one.urls.display)).toBe(404);
    // The cover follows its post's audience.
    expect(await photoStatus(carol, cover.urls.display)).toBe(404);
    expect(await photoStatus(bob, cover.urls.display)).toBe(200);

    expect((await alice.api('DELETE', `/api/posts/${moment.id}`)).status).toBe(204);
    expect(await photoStatus(alice, one.urls.display)).toBe(404);
    expect(await photoStatus(alice, two.urls.display)).toBe(404);
  });

  it('pins one item per space: pinning another unpins the first', async () => {
    const alice = await platform.person();
    const first = await write(alice, { kind: 'moment', text: 'one', audience: { type: 'public' } });
    const second = await write(alice, { kind: 'moment', text: 'two', audience: { type: 'public' } });
    expect((await alice.api('POST', `/api/posts/${first.id}/pin`)).body.post.pinned).toBe(true);
    expect((await alice.api('POST', `/api/posts/${second.id}/pin`)).body.post.pinned).toBe(true);
    expect((await alice.api('GET', `/api/posts/${first.id}`)).body.post.pinned).toBe(false);
    const space = await fetch(`${spaceUrl}/api/spaces/${alice.account.id}`);
    const body = (await space.json()) as { pinned: { id: string }; items: { id: string }[] };
    expect(body.pinned.id).toBe(second.id);
    expect(body.items.map((i) => i.id)).toEqual([first.id]);
    expect((await alice.api('DELETE', `/api/posts/${second.id}/pin`)).body.post.pinned).toBe(false);
  });
});

describe('audiences', () => {
  it('defaults to the privacy centre’s choice, then to the last audience chosen', async () => {
    const alice = await platform.person();
    expect((await hub(alice, 'PATCH', '/api/social/privacy', { defaultAudience: 'only_me' })).status).toBe(
      200,
    );
    const bob = await platform.person('Bob Friend');
    await platform.befriend(alice, bob);
    const compose = await alice.api('GET', '/api/compose');
    expect(compose.body.defaultAudience).toEqual({ type: 'only_me' });
    expect(compose.body.groups[0]).toMatchObject({ id: null });
    // The friends a "chosen friends" audience picks from, by name.
    expect(compose.body.friends).toEqual([
      expect.objectContaining({ sub: bob.account.id, displayName: 'Bob Friend' }),
    ]);
    expect((await write(alice, { kind: 'moment', text: 'a' })).audience).toEqual({ type: 'only_me' });

    await write(alice, { kind: 'moment', text: 'b', audience: { type: 'public' } });
    expect((await alice.api('GET', '/api/compose')).body.defaultAudience).toEqual({ type: 'public' });
    expect((await write(alice, { kind: 'moment', text: 'c' })).audience).toEqual({ type: 'public' });
  });

  it('refuses audiences naming strangers or groups that aren’t the owner’s', async () => {
    const [alice, carol] = [await platform.person(), await platform.person()];
    const chosen = await alice.api('POST', '/api/posts', {
      kind: 'moment',
      text: 'x',
      audience: { type: 'chosen', ids: [carol.account.id] },
    });
    expect(chosen.status).toBe(400);
    expect(chosen.body.error.code).toBe('space.audience_not_friend');
    const group = await alice.api('POST', '/api/posts', {
      kind: 'moment',
      text: 'x',
      audience: { type: 'groups', groupIds: [PHOTO] },
    });
    expect(group.body.error.code).toBe('space.audience_unknown_group');
  });
});

describe('refusals', () => {
  it('answers 400 with a code for bad input, and 404 for unknown ids', async () => {
    const alice = await platform.person();
    const refused = async (body: unknown, code: string) => {
      const res = await alice.api('POST', '/api/posts', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe(code);
    };
    await refused({ kind: 'moment', text: 'nul \u0000 here' }, 'request.invalid_text');
    await refused({ kind: 'post', title: 'x'.repeat(201), body: '' }, 'request.invalid');
    await refused({ kind: 'post', title: '', body: 'no title' }, 'request.invalid');
    await refused({ kind: 'post', title: 't', body: 'x'.repeat(100_001) }, 'request.invalid');
    await refused({ kind: 'moment', text: 'x'.repeat(2_001) }, 'request.invalid');
    await refused({ kind: 'moment', text: 'x', photoIds: 'x' }, 'request.invalid');
    await refused({ kind: 'moment', photoIds: Array(10).fill(PHOTO) }, 'request.invalid');
    await refused({ kind: 'story', text: 'x' }, 'request.invalid');
    await refused({ kind: 'moment', text: '   ' }, 'space.moment_empty');
    await refused({ kind: 'post', title: 't', body: 'b', coverPhotoId: PHOTO }, 'space.cover_not_yours');
    await refused({ kind: 'moment', text: 'with a photo', photoIds: [PHOTO] }, 'space.photo_unusable');
    // Nothing half-written stayed behind.
    expect((await alice.api('GET', `/api/spaces/${alice.account.id}`)).body.items).toEqual([]);

    const moment = await write(alice, { kind: 'moment', text: 'short' });
    const wrongKind = await alice.api('PATCH', `/api/posts/${moment.id}`, { title: 'a title' });
    expect(wrongKind.body.error.code).toBe('space.wrong_kind');
    const unknown = await alice.api('GET', `/api/posts/${PHOTO}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('space.not_found');
    expect((await alice.api('GET', '/api/drafts?cursor=%%%')).body.error.code).toBe('space.bad_cursor');
  });

  it('limits how many items one account writes a minute', async () => {
    const alice = await platform.person();
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) {
      codes.push(
        (await alice.api('POST', '/api/posts', { kind: 'moment', text: `n${i}`, status: 'draft' })).status,
      );
    }
    expect(codes.filter((c) => c === 201)).toHaveLength(30);
    const over = await alice.api('POST', '/api/posts', { kind: 'moment', text: 'one more' });
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('space.rate_limited');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('mentions', () => {
  it('tells mentioned people who may see the item, once it is published', async () => {
    const [alice, bob, carol] = [
      await platform.person('Alice'),
      await platform.person(),
      await platform.person(),
    ];
    const bell = async (who: SpacePerson) =>
      ((await hub(who, 'GET', '/api/notifications')).body.items as { type: string; url: string }[]).filter(
        (n) => n.type === 'space.mention',
      );
    const hidden = await write(alice, {
      kind: 'moment',
      text: `only me, @${bob.account.handle}`,
      audience: { type: 'only_me' },
    });
    const draft = await write(alice, {
      kind: 'moment',
      text: `hello @${carol.account.handle}`,
      audience: { type: 'friends' },
      status: 'draft',
    });
    expect(await bell(bob)).toEqual([]);
    expect(await bell(carol)).toEqual([]);
    await alice.api('POST', `/api/posts/${draft.id}/publish`);
    expect((await bell(carol)).map((n) => n.url)).toEqual([`${spaceUrl}/p/${draft.id}`]);
    // A mention lets Carol see it, though she isn't Alice's friend; only-me stays Alice's.
    expect((await carol.api('GET', `/api/posts/${draft.id}`)).status).toBe(200);
    expect((await bob.api('GET', `/api/posts/${hidden.id}`)).status).toBe(404);

    // An edit tells only whom it newly mentions.
    const text = `hello @${carol.account.handle} and @${bob.account.handle}`;
    expect((await alice.api('PATCH', `/api/posts/${draft.id}`, { text })).status).toBe(200);
    expect((await bell(bob)).map((n) => n.url)).toEqual([`${spaceUrl}/p/${draft.id}`]);
    expect(await bell(carol)).toHaveLength(1);
  });
});

describe('shares (转发)', () => {
  it('shares only public, published items, and never shows the original to whom it hides from', async () => {
    const [alice, bob, carol] = [await platform.person(), await platform.person(), await platform.person()];
    await platform.befriend(bob, carol);
    const open = await write(alice, { kind: 'moment', text: 'for everyone', audience: { type: 'public' } });
    const closed = await write(alice, { kind: 'moment', text: 'friends', audience: { type: 'friends' } });
    const draft = await write(alice, {
      kind: 'post',
      title: 'd',
      body: 'd',
      status: 'draft',
      audience: { type: 'public' },
    });
    for (const id of [closed.id, draft.id, PHOTO]) {
      const refused = await bob.api('POST', '/api/posts', { kind: 'moment', sharedPostId: id });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('space.share_not_allowed');
    }
    const share = await write(bob, {
      kind: 'moment',
      text: 'look',
      sharedPostId: open.id,
      audience: { type: 'friends' },
    });
    expect(share.shared).toMatchObject({ id: open.id, bodyHtml: 'for everyone' });
    expect((await carol.api('GET', `/api/posts/${share.id}`)).body.post.shared.id).toBe(open.id);

    // Alice narrows the original: Carol still sees Bob's share, but not what it shared.
    await alice.api('PATCH', `/api/posts/${open.id}`, { audience: { type: 'friends' } });
    const after = await carol.api('GET', `/api/posts/${share.id}`);
    expect(after.body.post.shared).toEqual({ unavailable: true });
    expect((await carol.api('GET', `/api/timeline`)).body.items[0].shared).toEqual({ unavailable: true });
  });
});

describe('POST /api/service/share', () => {
  it('posts a moment with a link card on a user’s behalf, and refuses a service acting as itself', async () => {
    const origin = `http://localhost:${await freePort()}`;
    const games = defineManifest({
      id: 'share-games',
      name: 'Games',
      description: 'Shares scores.',
      icon: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>',
      defaultPort: 4199,
      scopes: ['openid', 'profile'],
      api: { calls: [{ service: 'space', scopes: ['space:share'] }] },
    });
    const credentials = await registerService(platform.launched, games, origin);
    const alice = await platform.person();
    const mine = await userTokens(platform.launched, alice.browser, credentials, {
      redirectUri: `${origin}/auth/callback`,
    });
    const exchanged = await requestToken(platform.launched, credentials, {
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: mine.access_token,
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      resource: spaceUrl,
      scope: 'space:share',
    });
    const share = (token: string | null, body: unknown) =>
      fetch(`${spaceUrl}/api/service/share`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
    const link = { url: 'https://games.example/score/1', title: 'I scored 9000' };

    const res = await share(exchanged.access_token, {
      text: 'new record!',
      link,
      audience: { type: 'public' },
    });
    expect(res.status).toBe(201);
    const { id, url } = (await res.json()) as { id: string; url: string };
    expect(url).toBe(`${spaceUrl}/p/${id}`);
    const post = (await alice.api('GET', `/api/posts/${id}`)).body.post;
    expect(post).toMatchObject({ kind: 'moment', mine: true, bodyHtml: 'new record!' });
    expect(post.link).toEqual({ ...link, description: '', service: 'share-games' });

    const asItself = await serviceToken(platform.launched, credentials, { resource: spaceUrl });
    const refused = await share(asItself.access_token, { link });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('space.user_required');
    expect((await share(null, { link })).status).toBe(401);
    const invalid = await share(exchanged.access_token, { text: 'no link' });
    expect(invalid.status).toBe(400);
  });
});
