import {
  BLOCK_ADDED_EVENT,
  BLOCK_REMOVED_EVENT,
  FRIEND_ADDED_EVENT,
  FRIEND_REMOVED_EVENT,
} from '@orbit/contracts';
import { jobs } from '@orbit/jobs';
import { and, eq, sql } from 'drizzle-orm';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testManifest } from '../services/testkit.js';
import { GOOD_PASSWORD, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { startEventReceiver } from '../test/receiver.js';
import { SOCIAL_EVENTS_QUEUE, type SocialEventDelivery } from './events.js';

describe('social events', () => {
  let hub: TestHub;
  let space: Awaited<ReturnType<typeof startEventReceiver>>;

  beforeAll(async () => {
    hub = await startTestHub();
    space = await startEventReceiver();
    await hub.services.serviceRegistry.register(
      testManifest({ id: 'space', defaultPort: 4102, hubScopes: ['social:read'] }),
      space.origin,
    );
    // Reads no social graph: nothing for it to refresh.
    await hub.services.serviceRegistry.register(testManifest(), 'http://localhost:4999');
  });
  afterAll(async () => {
    await space?.close();
    await hub?.close();
  });

  async function account(): Promise<string> {
    const handle = uniqueHandle('soc');
    return (await hub.services.accounts.create({ handle, displayName: handle, password: GOOD_PASSWORD })).id;
  }

  /**
   * The social deliveries about `a` and `b` (either way), in a fixed order (the test clock stands still, so they
   * have no order of their own).
   */
  const deliveriesAbout = async (a: string, b: string) =>
    (
      await hub.db
        .select()
        .from(jobs)
        .where(
          and(
            eq(jobs.queue, SOCIAL_EVENTS_QUEUE),
            sql`${jobs.payload}->>'sub' in (${a}, ${b})`,
            sql`${jobs.payload}->>'other' in (${a}, ${b})`,
          ),
        )
    )
      .map((job) => job.payload as SocialEventDelivery)
      .sort(byEvent);
  const byEvent = (x: Pick<SocialEventDelivery, 'sub'> & { event: string }, y: typeof x) =>
    `${x.event} ${x.sub}`.localeCompare(`${y.event} ${y.sub}`);

  const social = () => hub.services.social;
  async function befriend(a: string, b: string) {
    const { request } = await social().sendRequest(a, { to: b, message: '' });
    await social().accept(b, request!.id, {});
  }

  it('pushes a Security Event Token signed by the hub when two become friends', async () => {
    const [alice, bob] = [await account(), await account()];
    await befriend(alice, bob);
    expect(await deliveriesAbout(alice, bob)).toEqual([
      { serviceId: 'space', event: FRIEND_ADDED_EVENT, sub: bob, other: alice },
    ]);

    const before = space.received.length;
    expect(await hub.services.socialEvents.deliverDue()).toBeGreaterThanOrEqual(1);
    const delivery = space.received.slice(before).at(-1);
    expect(delivery).toMatchObject({ path: '/orbit/events', contentType: 'application/secevent+jwt' });
    const jwks = createLocalJWKSet(await hub.services.keys.jwks());
    const { payload, protectedHeader } = await jwtVerify(delivery!.body, jwks, {
      issuer: hub.config.issuer,
      audience: 'space',
      typ: 'secevent+jwt',
      currentDate: hub.clock.now(),
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toEqual({
      iss: hub.config.issuer,
      aud: 'space',
      sub: bob,
      iat: Math.floor(hub.clock.now().getTime() / 1000),
      jti: expect.any(String),
      events: { [FRIEND_ADDED_EVENT]: { other: alice } },
    });
  });

  it('tells of a friendship made by two requests crossing, and of its removal', async () => {
    const [alice, bob] = [await account(), await account()];
    await social().sendRequest(alice, { to: bob, message: '' });
    expect(await deliveriesAbout(alice, bob)).toEqual([]);
    const crossed = await social().sendRequest(bob, { to: alice, message: '' });
    expect(crossed.friend?.id).toBe(alice);
    await social().removeFriend(alice, bob);
    // Removing a friend one no longer has is refused, and tells nothing.
    await expect(social().removeFriend(bob, alice)).rejects.toMatchObject({ code: 'social.not_friends' });
    expect(await deliveriesAbout(alice, bob)).toEqual(
      [
        { serviceId: 'space', event: FRIEND_ADDED_EVENT, sub: bob, other: alice },
        { serviceId: 'space', event: FRIEND_REMOVED_EVENT, sub: alice, other: bob },
      ].sort(byEvent),
    );
  });

  it('tells of a block (and the friendship it ends) and of an unblock, once each', async () => {
    const [alice, bob] = [await account(), await account()];
    await befriend(alice, bob);
    await social().block(alice, bob);
    await social().block(alice, bob);
    await social().unblock(alice, bob);
    await social().unblock(alice, bob);
    // A block of someone who is no friend is the block alone.
    await social().block(bob, alice);
    expect(await deliveriesAbout(alice, bob)).toEqual(
      [
        { serviceId: 'space', event: FRIEND_ADDED_EVENT, sub: bob, other: alice },
        { serviceId: 'space', event: FRIEND_REMOVED_EVENT, sub: alice, other: bob },
        { serviceId: 'space', event: BLOCK_ADDED_EVENT, sub: alice, other: bob },
        { serviceId: 'space', event: BLOCK_REMOVED_EVENT, sub: alice, other: bob },
        { serviceId: 'space', event: BLOCK_ADDED_EVENT, sub: bob, other: alice },
      ].sort(byEvent),
    );
    const before = space.received.length;
    await hub.services.socialEvents.deliverDue();
    expect(space.received.length - before).toBeGreaterThanOrEqual(5);
  });

  it('queues nothing for a disabled service, and drops a delivery to one that no longer reads the graph', async () => {
    const [alice, bob, carol] = [await account(), await account(), await account()];
    await hub.services.serviceRegistry.setDisabled('space', true);
    try {
      await social().block(alice, bob);
    } finally {
      await hub.services.serviceRegistry.setDisabled('space', false);
    }
    expect(await deliveriesAbout(alice, bob)).toEqual([]);

    await social().block(alice, carol);
    await hub.services.serviceRegistry.register(
      testManifest({ id: 'space', defaultPort: 4102, hubScopes: [] }),
      space.origin,
    );
    try {
      const before = space.received.length;
      await hub.services.socialEvents.deliverDue();
      expect(space.received.length).toBe(before);
      const [job] = await hub.db
        .select()
        .from(jobs)
        .where(and(eq(jobs.queue, SOCIAL_EVENTS_QUEUE), sql`${jobs.payload}->>'other' = ${carol}`));
      expect(job).toMatchObject({ state: 'failed' });
    } finally {
      await hub.services.serviceRegistry.register(
        testManifest({ id: 'space', defaultPort: 4102, hubScopes: ['social:read'] }),
        space.origin,
      );
    }
  });
});
