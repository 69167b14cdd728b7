import { jobs } from '@orbit/jobs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testManifest } from '../services/testkit.js';
import { GOOD_PASSWORD, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { MEMBERSHIP_EVENTS_QUEUE } from './events.js';
import { createGrowth } from './growth.js';
import { growthCursors, growthEntries, subscriptions } from './schema.js';

const HOUR = 3_600_000;

describe('growth settlement and VIP level events', () => {
  let hub: TestHub;
  /** Moves the test clock to an instant (forwards or back). */
  const at = (iso: string) => hub.clock.advance(Date.parse(iso) - hub.clock.now().getTime());

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.services.seedDefaultTiers();
    // Two services that read membership (the entitlements API; the ID-token claim) and one that reads none.
    await hub.services.serviceRegistry.register(testManifest(), 'http://localhost:4998');
    await hub.services.serviceRegistry.register(
      testManifest({
        id: 'notes',
        name: 'Notes',
        scopes: ['openid', 'profile', 'membership'],
        hubScopes: [],
        perks: [],
        badge: false,
      }),
      'http://localhost:4997',
    );
    await hub.services.serviceRegistry.register(
      testManifest({ id: 'clock', name: 'Clock', hubScopes: [], perks: [], badge: false }),
      'http://localhost:4999',
    );
  });
  afterAll(async () => {
    await hub?.close();
  });

  async function account(): Promise<string> {
    const handle = uniqueHandle('lvl');
    return (await hub.services.accounts.create({ handle, displayName: handle, password: GOOD_PASSWORD })).id;
  }

  /**
   * A VIP subscription row as the billing core writes it (monthly purchase), live unless `to` is given: a live
   * one as it looks after two renewals, so its current period runs past every day these tests settle.
   */
  async function subscribe(accountId: string, from: string, to: string | null = null): Promise<void> {
    const start = new Date(from);
    await hub.db.insert(subscriptions).values({
      accountId,
      tierId: 'vip',
      lane: 'platform',
      source: 'purchase',
      status: to ? 'ended' : 'active',
      period: 'month',
      currency: 'CNY',
      amountMinor: 1500,
      provider: 'sandbox',
      paymentMethod: 'pm_test',
      autoRenew: false,
      currentPeriodStart: new Date(start.getTime() + (to ? 0 : 60) * 24 * HOUR),
      currentPeriodEnd: new Date(start.getTime() + (to ? 30 : 90) * 24 * HOUR),
      startedAt: start,
      endedAt: to ? new Date(to) : null,
      endReason: to ? 'expired' : null,
      createdAt: start,
      updatedAt: start,
    });
  }

  const deliveriesFor = async (accountId: string) =>
    (
      await hub.db
        .select({ payload: jobs.payload })
        .from(jobs)
        .where(
          and(eq(jobs.queue, MEMBERSHIP_EVENTS_QUEUE), sql`${jobs.payload}->>'accountId' = ${accountId}`),
        )
    )
      .map((j) => j.payload as { serviceId: string; reason: string })
      .sort((a, b) => a.serviceId.localeCompare(b.serviceId));

  const levelsOf = (accountId: string) => hub.services.levels.of(accountId);

  it('tells each service that reads membership once when a member crosses the VIP2 threshold', async () => {
    const id = await account();
    await subscribe(id, '2031-01-01T10:00:00Z');
    // 2031-01-01 … 02-28 is 59 days at 10: 590, still VIP1.
    at('2031-02-28T12:00:00Z');
    await hub.services.growth.settleAccount(id);
    expect(await levelsOf(id)).toMatchObject({ growth: 590, vipLevel: 1 });
    expect(await deliveriesFor(id)).toEqual([]);

    // 03-01 brings it to 600: VIP2. The pass the hub runs every few minutes settles it.
    at('2031-03-01T00:30:00Z');
    await hub.services.growth.settle();
    expect(await levelsOf(id)).toMatchObject({ growth: 600, vipLevel: 2 });
    expect(await deliveriesFor(id)).toEqual([
      { serviceId: 'mail', accountId: id, reason: 'level_changed' },
      { serviceId: 'notes', accountId: id, reason: 'level_changed' },
    ]);

    // Settling again, and the next day's accrual within VIP2, tell no one.
    await hub.services.growth.settle();
    at('2031-03-02T12:00:00Z');
    await hub.services.growth.settleAccount(id);
    expect(await levelsOf(id)).toMatchObject({ growth: 610, vipLevel: 2 });
    expect(await deliveriesFor(id)).toHaveLength(2);
  });

  it('tells no one when a non-member’s growth crosses a threshold (its vipLevel stays 0)', async () => {
    const id = await account();
    const now = hub.clock.now();
    // An admin adjustment put it just under VIP2 before a one-hour membership.
    await hub.db.insert(growthEntries).values({
      accountId: id,
      day: '2031-05-01',
      delta: 595,
      kind: 'adjustment',
      note: 'test',
      createdAt: now,
    });
    await subscribe(id, '2031-05-01T10:00:00Z', '2031-05-01T11:00:00Z');
    at('2031-05-02T12:00:00Z');
    await hub.services.growth.settleAccount(id);
    expect(await levelsOf(id)).toMatchObject({ growth: 605, level: 2, vipLevel: 0, member: false });
    at('2031-05-04T12:00:00Z');
    await hub.services.growth.settleAccount(id);
    expect(await levelsOf(id)).toMatchObject({ growth: 595, level: 1, vipLevel: 0 });
    expect(await deliveriesFor(id)).toEqual([]);
  });

  it('tells services in the settlement’s transaction: a failing notifier leaves no growth rows behind', async () => {
    const id = await account();
    await subscribe(id, '2031-07-01T10:00:00Z');
    at('2031-08-28T12:00:00Z'); // 07-01 … 08-28: 59 days, 590
    await hub.services.growth.settleAccount(id);
    const told: string[] = [];
    const failing = createGrowth({
      db: hub.db,
      clock: hub.clock,
      notifier: {
        changed: async (_tx, accountId, reason) => {
          told.push(`${accountId} ${reason}`);
          throw new Error('the queue is down');
        },
      },
    });
    at('2031-08-29T12:00:00Z');
    await expect(failing.settleAccount(id)).rejects.toThrow('the queue is down');
    expect(told).toEqual([`${id} level_changed`]);
    expect(await levelsOf(id)).toMatchObject({ growth: 590, vipLevel: 1 });
    const [cursor] = await hub.db.select().from(growthCursors).where(eq(growthCursors.accountId, id));
    expect(cursor?.throughDay).toBe('2031-08-28');
    // The hub's own settlement then writes the day and queues the events together.
    expect(await hub.services.growth.settleAccount(id)).toBe(1);
    expect(await levelsOf(id)).toMatchObject({ growth: 600, vipLevel: 2 });
    expect((await deliveriesFor(id)).map((d) => d.serviceId)).toEqual(['mail', 'notes']);
  });
});
