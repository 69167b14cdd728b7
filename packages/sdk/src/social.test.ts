import { randomUUID } from 'node:crypto';
import { BLOCK_ADDED_EVENT, FRIEND_ADDED_EVENT, MEMBERSHIP_CHANGED_EVENT } from '@orbit/contracts';
import { uniqueHandle } from '@orbit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SocialChange, VisibleItem } from './social.js';
import { eventually, type SdkFixture, startSdkFixture } from './testing/fixture.js';

const HOUR_MS = 3_600_000;

let f: SdkFixture;
const reported: SocialChange[] = [];
const warned: string[] = [];

beforeAll(async () => {
  // Cached for an hour: only the hub's events can make a change show before then.
  f = await startSdkFixture({
    socialCacheMs: HOUR_MS,
    onSocialChange: (change) => void reported.push(change),
    logger: {
      error: (_, message) => void warned.push(message),
      warn: (_, message) => void warned.push(message),
    },
  });
});
afterAll(async () => {
  await f?.close();
});

const hub = () => f.launched.hub.services;

async function account(): Promise<string> {
  const handle = uniqueHandle('sdk');
  return (
    await hub().accounts.create({ handle, displayName: handle, password: 'correct horse battery staple' })
  ).id;
}

/** `a` asks `b`, filing them in `a`'s `group`; `b` accepts. */
async function befriend(a: string, b: string, group: string | null = null) {
  const { request } = await hub().social.sendRequest(a, { to: b, message: '', groupId: group });
  await hub().social.accept(b, request!.id, {});
}

const postEvent = (token: string) =>
  fetch(`${f.service.url}/orbit/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/secevent+jwt' },
    body: token,
  });

const none = { friend: false, groupId: null, blocking: false, blockedBy: false, muting: false };

describe('the social graph in the SDK', () => {
  it('reads relationships and friends through the hub, cached until the hub reports a block', async () => {
    const [alice, bob, carol] = [await account(), await account(), await account()];
    const close = (await hub().social.createGroup(alice, 'Close')).id!;
    await befriend(alice, bob, close);
    // The hub tells of it (and so drops what the service holds of the two) before the reads below cache anything.
    await eventually(async () => reported.some((r) => r.sub === bob && r.type === 'friend.added'));

    const unknown = Array.from({ length: 150 }, () => randomUUID());
    expect(await f.orbit.social.relationships(alice, [bob, carol, ...unknown, bob.toUpperCase()])).toEqual({
      [bob]: { ...none, friend: true, groupId: close },
      [carol]: none,
    });
    expect(await f.orbit.social.relationships(bob, [alice])).toEqual({ [alice]: { ...none, friend: true } });
    expect((await f.orbit.social.friends(alice)).friends).toEqual([{ id: bob, groupId: close }]);

    // A mute tells services nothing: the cached answer stands (for the hour it is kept).
    await hub().social.mute(alice, carol, null);
    expect((await f.orbit.social.relationships(alice, [carol]))[carol]).toEqual(none);

    // A block does: the hub's worker delivers the events, and both accounts' views are read again.
    await hub().social.block(alice, bob);
    await eventually(async () => (await f.orbit.social.relationships(alice, [bob]))[bob]?.blocking === true);
    expect(await f.orbit.social.relationships(alice, [bob])).toEqual({ [bob]: { ...none, blocking: true } });
    expect(await f.orbit.social.relationships(bob, [alice])).toEqual({
      [alice]: { ...none, blockedBy: true },
    });
    expect((await f.orbit.social.friends(alice)).friends).toEqual([]);
    // Carol's entry was not the pair's: still as cached.
    expect((await f.orbit.social.relationships(alice, [carol]))[carol]).toEqual(none);
    await eventually(async () => reported.filter((r) => r.sub === alice).length >= 2);
    expect(reported.filter((r) => r.sub === alice || r.sub === bob)).toEqual(
      expect.arrayContaining([
        { type: 'friend.added', sub: bob, other: alice },
        { type: 'friend.removed', sub: alice, other: bob },
        { type: 'block.added', sub: alice, other: bob },
      ]),
    );
  });

  it('decides many pieces of content for one viewer with canSeeAll', async () => {
    const [viewer, friend, grouped, stranger, blocker, blocked] = [
      await account(),
      await account(),
      await account(),
      await account(),
      await account(),
      await account(),
    ];
    const family = (await hub().social.createGroup(grouped, 'Family')).id!;
    const work = (await hub().social.createGroup(grouped, 'Work')).id!;
    await befriend(viewer, friend);
    // `grouped` files the viewer under Family.
    await befriend(grouped, viewer, family);
    await hub().social.block(blocker, viewer);
    await hub().social.block(viewer, blocked);

    const items: VisibleItem[] = [
      { owner: viewer, audience: { type: 'only_me' } },
      { owner: friend, audience: { type: 'friends' } },
      { owner: friend, audience: { type: 'only_me' } },
      { owner: grouped, audience: { type: 'groups', groupIds: [family] } },
      { owner: grouped, audience: { type: 'groups', groupIds: [work, null] } },
      { owner: stranger, audience: { type: 'public' } },
      { owner: stranger, audience: { type: 'friends' } },
      { owner: stranger, audience: { type: 'friends' }, mentions: [viewer] },
      { owner: stranger, audience: { type: 'chosen', ids: [viewer] } },
      { owner: blocker, audience: { type: 'public' } },
      { owner: blocked, audience: { type: 'public' }, mentions: [viewer] },
      { owner: randomUUID(), audience: { type: 'public' } },
    ];
    expect(await f.orbit.social.canSeeAll(viewer, items)).toEqual([
      true,
      true,
      false,
      true,
      false,
      true,
      false,
      true,
      true,
      false,
      false,
      true,
    ]);
    expect(await f.orbit.social.canSeeAll(null, items)).toEqual(
      items.map((item) => item.audience.type === 'public'),
    );
    expect(await f.orbit.social.canSeeAll(viewer, [])).toEqual([]);
  });

  it('takes only the hub’s social events for this service, and acts on each once', async () => {
    const [alice, bob] = [await account(), await account()];
    // Cached before the change below, which the hub is not yet allowed to tell (the service is disabled).
    expect(await f.orbit.social.relationships(alice, [bob])).toEqual({ [bob]: none });
    await hub().serviceRegistry.setDisabled('sdk-test', true);
    try {
      await befriend(alice, bob);
    } finally {
      await hub().serviceRegistry.setDisabled('sdk-test', false);
    }
    const event = (clientId: string, payload: Record<string, unknown> = { other: alice }) =>
      hub().tokens.securityEventToken({ clientId, subject: bob, event: FRIEND_ADDED_EVENT, payload });

    const forAnother = await event('another-service');
    expect((await postEvent(forAnother)).status).toBe(401);
    for (const payload of [{ other: 'alice' }, {}]) {
      const res = await postEvent(await event('sdk-test', payload));
      expect(res.status, JSON.stringify(payload)).toBe(400);
      expect(await res.json()).toMatchObject({ err: 'invalid_request' });
    }
    const unknownEvent = await hub().tokens.securityEventToken({
      clientId: 'sdk-test',
      subject: bob,
      event: 'urn:orbit:event:poked',
      payload: { other: alice },
    });
    expect((await postEvent(unknownEvent)).status).toBe(400);
    expect((await f.orbit.social.relationships(alice, [bob]))[bob]).toEqual(none);
    expect(reported.filter((r) => r.other === alice)).toEqual([]);

    const genuine = await event('sdk-test');
    expect((await postEvent(genuine)).status).toBe(202);
    expect((await f.orbit.social.relationships(alice, [bob]))[bob]).toEqual({ ...none, friend: true });
    expect((await postEvent(genuine)).status).toBe(202);
    expect(reported.filter((r) => r.other === alice)).toEqual([
      { type: 'friend.added', sub: bob, other: alice },
    ]);

    // A block event names the blocker as `sub`.
    const blockToken = await hub().tokens.securityEventToken({
      clientId: 'sdk-test',
      subject: alice,
      event: BLOCK_ADDED_EVENT,
      payload: { other: bob },
    });
    expect((await postEvent(blockToken)).status).toBe(202);
    expect(reported.filter((r) => r.sub === alice)).toEqual([
      { type: 'block.added', sub: alice, other: bob },
    ]);
    // Membership events still arrive where they did.
    const membership = await hub().tokens.securityEventToken({
      clientId: 'sdk-test',
      subject: alice,
      event: MEMBERSHIP_CHANGED_EVENT,
      payload: { reason: 'granted' },
    });
    expect((await postEvent(membership)).status).toBe(202);
  });
});

describe('notifications from a service', () => {
  it('puts a notification in the recipient’s bell at the hub, grouped by its key', async () => {
    const [alice, bob, carol] = [await account(), await account(), await account()];
    const like = (actor: string) =>
      f.orbit.notify({
        recipient: alice,
        actor,
        type: 'sdk-test.like',
        category: 'sdk-test.likes',
        groupKey: 'like:1',
        text: { en: '{actors} liked your note', 'zh-CN': '{actors} 赞了你的笔记' },
      });
    expect(await like(bob)).toMatchObject({ outcome: 'stored' });
    expect(await like(carol)).toMatchObject({ outcome: 'grouped' });
    const page = await hub().notifications.list(alice, { limit: 10 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ source: 'sdk-test', type: 'sdk-test.like', actorCount: 2 });
  });

  it('answers null and logs, rather than failing the caller, when the hub refuses', async () => {
    const before = warned.length;
    const refused = await f.orbit.notify({
      recipient: randomUUID(),
      type: 'sdk-test.like',
      category: 'sdk-test.likes',
      text: { en: 'Nobody is there' },
    });
    expect(refused).toBeNull();
    expect(warned.slice(before)).toEqual(['notification not sent']);
  });
});
