import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import {
  activityIcons,
  activityLevelFor,
  DEFAULT_VIP_THRESHOLDS,
  daysForActivityLevel,
  validThresholds,
  vipLevelFor,
} from './levels.js';
import { activeDays, growthEntries, subscriptions } from './schema.js';

describe('VIP level from growth', () => {
  it('is the highest level whose threshold growth meets', () => {
    const t = DEFAULT_VIP_THRESHOLDS;
    expect(vipLevelFor(0, t)).toBe(1);
    expect(vipLevelFor(599, t)).toBe(1);
    expect(vipLevelFor(600, t)).toBe(2);
    expect(vipLevelFor(1799, t)).toBe(2);
    expect(vipLevelFor(1800, t)).toBe(3);
    expect(vipLevelFor(29_999, t)).toBe(7);
    expect(vipLevelFor(30_000, t)).toBe(8);
    expect(vipLevelFor(1_000_000, t)).toBe(8);
  });

  it('follows thresholds an admin changed, and is 0 below the first', () => {
    expect(vipLevelFor(50, [0, 50, 100])).toBe(2);
    expect(vipLevelFor(5, [10, 50])).toBe(0);
    expect(vipLevelFor(5, [])).toBe(0);
  });

  it('accepts only 8 strictly increasing whole thresholds from 0', () => {
    expect(validThresholds(DEFAULT_VIP_THRESHOLDS)).toBe(true);
    expect(validThresholds([1, 600, 1800, 3600, 6000, 10800, 18000, 30000])).toBe(false);
    expect(validThresholds([0, 600, 600, 3600, 6000, 10800, 18000, 30000])).toBe(false);
    expect(validThresholds([0, 600, 1800, 3600, 6000, 10800, 18000])).toBe(false);
    expect(validThresholds([0, 600.5, 1800, 3600, 6000, 10800, 18000, 30000])).toBe(false);
  });
});

describe('activity level from active days', () => {
  it('needs n² + 4n days for level n', () => {
    expect([1, 2, 3, 4, 5, 10].map(daysForActivityLevel)).toEqual([5, 12, 21, 32, 45, 140]);
  });

  it('changes exactly at each boundary', () => {
    expect(activityLevelFor(0)).toBe(0);
    expect(activityLevelFor(4)).toBe(0);
    expect(activityLevelFor(5)).toBe(1);
    expect(activityLevelFor(11)).toBe(1);
    expect(activityLevelFor(12)).toBe(2);
    expect(activityLevelFor(20)).toBe(2);
    expect(activityLevelFor(21)).toBe(3);
    expect(activityLevelFor(31)).toBe(3);
    expect(activityLevelFor(32)).toBe(4);
    for (let n = 1; n <= 200; n += 1) {
      expect(activityLevelFor(daysForActivityLevel(n))).toBe(n);
      expect(activityLevelFor(daysForActivityLevel(n) - 1)).toBe(n - 1);
    }
  });

  it('shows the level in base 4: stars, moons, suns, crowns', () => {
    expect(activityIcons(0)).toEqual({ crowns: 0, suns: 0, moons: 0, stars: 0 });
    expect(activityIcons(3)).toEqual({ crowns: 0, suns: 0, moons: 0, stars: 3 });
    expect(activityIcons(4)).toEqual({ crowns: 0, suns: 0, moons: 1, stars: 0 });
    expect(activityIcons(16)).toEqual({ crowns: 0, suns: 1, moons: 0, stars: 0 });
    expect(activityIcons(21)).toEqual({ crowns: 0, suns: 1, moons: 1, stars: 1 });
    expect(activityIcons(64)).toEqual({ crowns: 1, suns: 0, moons: 0, stars: 0 });
    expect(activityIcons(200)).toEqual({ crowns: 3, suns: 0, moons: 2, stars: 0 });
  });
});

describe('an account’s levels', () => {
  let hub: TestHub;
  const make = async () =>
    (
      await hub.services.accounts.create({
        handle: uniqueHandle('lv'),
        displayName: 'L',
        password: GOOD_PASSWORD,
      })
    ).id;

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.services.seedDefaultTiers();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('reads growth, membership and active days, for one account or many', async () => {
    const member = await make();
    const lapsed = await make();
    const nobody = await make();
    const now = hub.clock.now();
    await hub.db.insert(growthEntries).values([
      { accountId: member, day: '2030-01-01', delta: 400, kind: 'adjustment', createdAt: now },
      { accountId: member, day: '2030-01-02', delta: 250, kind: 'accrual', tierId: 'vip', createdAt: now },
      { accountId: lapsed, day: '2030-01-01', delta: 2000, kind: 'adjustment', createdAt: now },
    ]);
    const row = (accountId: string, status: 'active' | 'past_due' | 'ended') => ({
      accountId,
      tierId: 'vip',
      lane: 'platform',
      source: 'complimentary' as const,
      status,
      autoRenew: false,
      currentPeriodStart: now,
      currentPeriodEnd: new Date(now.getTime() + 86_400_000),
      startedAt: now,
      endedAt: status === 'ended' ? now : null,
      endReason: status === 'ended' ? ('revoked' as const) : null,
      createdAt: now,
      updatedAt: now,
    });
    await hub.db.insert(subscriptions).values([row(member, 'past_due'), row(lapsed, 'ended')]);
    await hub.db.insert(activeDays).values(
      ['2030-01-01', '2030-01-02', '2030-01-03', '2030-01-04', '2030-01-05'].map((day) => ({
        accountId: member,
        day,
        createdAt: now,
      })),
    );

    expect(await hub.services.levels.of(member)).toEqual({
      growth: 650,
      level: 2,
      vipLevel: 2,
      member: true,
      activityLevel: 1,
      activeDays: 5,
    });
    const many = await hub.services.levels.ofMany([lapsed, nobody, lapsed]);
    expect([...many.keys()]).toEqual([lapsed, nobody]);
    // Growth reaches level 3, but without a live membership the VIP level is 0.
    expect(many.get(lapsed)).toMatchObject({ growth: 2000, level: 3, vipLevel: 0, member: false });
    const exported = await hub.services.levelsExport(member);
    expect(exported).toMatchObject({
      timeZone: 'UTC',
      showBadges: true,
      levels: { growth: 650, vipLevel: 2 },
      growth: [
        { day: '2030-01-01', kind: 'adjustment', delta: 400, tierId: null },
        { day: '2030-01-02', kind: 'accrual', delta: 250, tierId: 'vip' },
      ],
      activeDays: ['2030-01-01', '2030-01-02', '2030-01-03', '2030-01-04', '2030-01-05'],
    });
    expect(many.get(nobody)).toEqual({
      growth: 0,
      level: 1,
      vipLevel: 0,
      member: false,
      activityLevel: 0,
      activeDays: 0,
    });
  });

  it('uses the thresholds an admin set', async () => {
    const id = await make();
    await hub.db.insert(growthEntries).values({
      accountId: id,
      day: '2030-01-01',
      delta: 100,
      kind: 'adjustment',
      createdAt: hub.clock.now(),
    });
    await hub.services.levels.setThresholds([0, 50, 100, 150, 200, 250, 300, 350]);
    expect((await hub.services.levels.of(id)).level).toBe(3);
    await expect(hub.services.levels.setThresholds([0, 1, 1, 2, 3, 4, 5, 6])).rejects.toThrow();
    await hub.services.levels.setThresholds([...DEFAULT_VIP_THRESHOLDS]);
    expect((await hub.services.levels.of(id)).level).toBe(1);
  });
});
