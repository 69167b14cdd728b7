import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../db/schema.js';
import { GOOD_PASSWORD, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { growthDays } from './growth-days.js';
import { dayStart, localDay } from './local-days.js';
import { growthCursors, growthEntries, subscriptions, tiers } from './schema.js';

const HOUR = 3_600_000;

describe('local days', () => {
  it('are as long as the zone makes them: 23 and 25 hours on New York’s DST changes', () => {
    const length = (day: string, next: string) =>
      (dayStart(next, 'America/New_York').getTime() - dayStart(day, 'America/New_York').getTime()) / HOUR;
    expect(dayStart('2030-03-10', 'America/New_York').toISOString()).toBe('2030-03-10T05:00:00.000Z');
    expect(length('2030-03-10', '2030-03-11')).toBe(23);
    expect(length('2030-11-03', '2030-11-04')).toBe(25);
    expect(length('2030-07-01', '2030-07-02')).toBe(24);
  });

  it('begin where the zone’s midnight is, however far from UTC', () => {
    expect(dayStart('2030-06-02', 'Pacific/Kiritimati').toISOString()).toBe('2030-06-01T10:00:00.000Z');
    expect(dayStart('2030-06-01', 'Pacific/Pago_Pago').toISOString()).toBe('2030-06-01T11:00:00.000Z');
    expect(dayStart('2030-01-01', 'Asia/Kathmandu').toISOString()).toBe('2029-12-31T18:15:00.000Z');
    expect(localDay(new Date('2030-06-01T10:00:00Z'), 'Pacific/Kiritimati')).toBe('2030-06-02');
    expect(localDay(new Date('2030-06-01T10:59:59Z'), 'Pacific/Pago_Pago')).toBe('2030-05-31');
  });

  it('growthDays takes the best rate at the first covered instant of a day and stops at today when nothing covers it', () => {
    const { rows, settledThrough } = growthDays(
      [
        { start: new Date('2030-01-01T12:00Z'), end: new Date('2030-01-03T01:00Z'), rate: 10, tierId: 'vip' },
        {
          start: new Date('2030-01-02T23:00Z'),
          end: new Date('2030-01-03T00:30Z'),
          rate: 15,
          tierId: 'svip',
        },
      ],
      'UTC',
      '2030-01-01',
      '2030-01-05',
      { now: new Date('2030-01-05T08:00Z') },
    );
    expect(rows).toEqual([
      { day: '2030-01-01', kind: 'accrual', delta: 10, tierId: 'vip' },
      // VIP covered 01-02 from midnight; SVIP only from 23:00.
      { day: '2030-01-02', kind: 'accrual', delta: 10, tierId: 'vip' },
      { day: '2030-01-03', kind: 'accrual', delta: 15, tierId: 'svip' },
      { day: '2030-01-04', kind: 'decay', delta: -5, tierId: null },
    ]);
    expect(settledThrough).toBe('2030-01-04');
  });

  it('growthDays leaves the days past a live row’s sure end to the lifecycle', () => {
    const live = {
      start: new Date('2030-01-01T12:00Z'),
      end: null,
      coveredUntil: new Date('2030-01-03T12:00Z'),
      rate: 10,
      tierId: 'vip',
    };
    const { rows, settledThrough } = growthDays([live], 'UTC', '2030-01-01', '2030-01-06', {
      now: new Date('2030-01-06T08:00Z'),
    });
    expect(rows.map((r) => r.day)).toEqual(['2030-01-01', '2030-01-02', '2030-01-03']);
    expect(settledThrough).toBe('2030-01-03');
  });

  it('growthDays reads a rate with a history at the first covered instant of each day', () => {
    const change = Date.parse('2030-01-02T06:00Z');
    const { rows } = growthDays(
      [
        {
          start: new Date('2030-01-01T12:00Z'),
          end: new Date('2030-01-03T12:00Z'),
          rate: 99,
          rateAt: (at) => (at < change ? 10 : 12),
          tierId: 'vip',
        },
      ],
      'UTC',
      '2030-01-01',
      '2030-01-03',
      { now: new Date('2030-01-04T00:00Z') },
    );
    expect(rows.map((r) => r.delta)).toEqual([10, 10, 12]);
  });
});

describe('daily growth settlement', () => {
  let hub: TestHub;
  /** Moves the test clock to an instant (forwards or back). */
  const at = (iso: string) => hub.clock.advance(Date.parse(iso) - hub.clock.now().getTime());
  const settle = (accountId: string) => hub.services.growth.settleAccount(accountId);

  async function account(timeZone = 'UTC'): Promise<string> {
    const { id } = await hub.services.accounts.create({
      handle: uniqueHandle('gr'),
      displayName: 'Grower',
      password: GOOD_PASSWORD,
    });
    await hub.db.update(accounts).set({ timeZone }).where(eq(accounts.id, id));
    return id;
  }

  /** A subscription row as the billing core writes it: purchased when it has a period, else complimentary. */
  async function subscribe(
    accountId: string,
    tierId: string,
    from: string,
    to: string | null,
    period: 'month' | 'year' | null = null,
  ): Promise<string> {
    const start = new Date(from);
    const [row] = await hub.db
      .insert(subscriptions)
      .values({
        accountId,
        tierId,
        lane: 'platform',
        source: period ? 'purchase' : 'complimentary',
        status: to ? 'ended' : 'active',
        period,
        ...(period
          ? { currency: 'CNY', amountMinor: 1500, provider: 'sandbox', paymentMethod: 'pm_test' }
          : {}),
        autoRenew: false,
        currentPeriodStart: start,
        currentPeriodEnd: new Date(start.getTime() + 30 * 24 * HOUR),
        startedAt: start,
        endedAt: to ? new Date(to) : null,
        endReason: to ? 'expired' : null,
        createdAt: start,
        updatedAt: start,
      })
      .returning({ id: subscriptions.id });
    return row!.id;
  }

  async function end(subscriptionId: string, iso: string) {
    await hub.db
      .update(subscriptions)
      .set({ status: 'ended', endedAt: new Date(iso), endReason: 'revoked', updatedAt: new Date(iso) })
      .where(eq(subscriptions.id, subscriptionId));
  }

  async function rows(accountId: string) {
    return hub.db
      .select({
        day: growthEntries.day,
        kind: growthEntries.kind,
        delta: growthEntries.delta,
        tierId: growthEntries.tierId,
      })
      .from(growthEntries)
      .where(eq(growthEntries.accountId, accountId))
      .orderBy(asc(growthEntries.day));
  }
  const accrual = (day: string, delta: number, tierId = 'vip') => ({ day, kind: 'accrual', delta, tierId });
  const decay = (day: string, delta: number) => ({ day, kind: 'decay', delta: -delta, tierId: null });
  const total = async (accountId: string) => (await hub.services.levels.of(accountId)).growth;

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.services.seedDefaultTiers();
    const now = hub.clock.now();
    // A tier whose rate is not a multiple of the decay, to see decay stop at zero.
    await hub.db.insert(tiers).values({
      id: 'odd',
      name: 'Odd',
      names: {},
      description: 'Seven a day.',
      descriptions: {},
      color: '#123456',
      scope: 'platform',
      rank: 5,
      growthPerDay: 7,
      growthPerDayYearly: 7,
      perks: {},
      createdAt: now,
      updatedAt: now,
    });
  });
  afterAll(async () => {
    await hub.close();
  });

  it('accrues 10 a day for a monthly membership, counting today as soon as it starts', async () => {
    const id = await account();
    at('2030-01-10T15:00:00Z');
    const sub = await subscribe(id, 'vip', '2030-01-10T15:00:00Z', null, 'month');
    expect(await settle(id)).toBe(1);
    expect(await rows(id)).toEqual([accrual('2030-01-10', 10)]);
    at('2030-01-13T01:00:00Z');
    await settle(id);
    expect(await total(id)).toBe(40);
    expect((await rows(id)).map((r) => r.day)).toEqual([
      '2030-01-10',
      '2030-01-11',
      '2030-01-12',
      '2030-01-13',
    ]);
    await end(sub, '2030-01-13T02:00:00Z');
  });

  it('accrues 15 a day for a yearly membership', async () => {
    const id = await account();
    await subscribe(id, 'vip', '2030-02-01T00:00:00Z', '2030-02-03T12:00:00Z', 'year');
    at('2030-02-03T13:00:00Z');
    await settle(id);
    expect(await rows(id)).toEqual([
      accrual('2030-02-01', 15),
      accrual('2030-02-02', 15),
      accrual('2030-02-03', 15),
    ]);
  });

  it('takes the best rate of the memberships covering a day from its first covered instant', async () => {
    const id = await account();
    const vip = await subscribe(id, 'vip', '2030-02-10T08:00:00Z', null, 'month');
    await subscribe(id, 'svip', '2030-02-11T20:00:00Z', '2030-02-13T01:00:00Z');
    at('2030-02-14T12:00:00Z');
    await settle(id);
    expect(await rows(id)).toEqual([
      accrual('2030-02-10', 10),
      // VIP covered 02-11 from midnight, SVIP from 20:00: the day had begun at VIP's rate.
      accrual('2030-02-11', 10),
      accrual('2030-02-12', 15, 'svip'),
      accrual('2030-02-13', 15, 'svip'),
      accrual('2030-02-14', 10),
    ]);
    await end(vip, '2030-02-14T13:00:00Z');
  });

  it('decays by 5 a completed day after a lapse, never below zero', async () => {
    const id = await account();
    await subscribe(id, 'odd', '2030-03-01T10:00:00Z', '2030-03-01T11:00:00Z');
    at('2030-03-06T12:00:00Z');
    await settle(id);
    expect(await rows(id)).toEqual([
      accrual('2030-03-01', 7, 'odd'),
      decay('2030-03-02', 5),
      decay('2030-03-03', 2),
    ]);
    expect(await total(id)).toBe(0);
    const [cursor] = await hub.db.select().from(growthCursors).where(eq(growthCursors.accountId, id));
    // Today (03-06) has not ended, so it is not settled yet.
    expect(cursor?.throughDay).toBe('2030-03-05');
  });

  it('counts days by the account’s zone on New York’s DST days', async () => {
    const spring = await account('America/New_York');
    // 00:30–02:00 EDT on 03-11: the 23-hour 03-10 ended at 04:00 UTC, so this is 03-11 only.
    await subscribe(spring, 'vip', '2030-03-11T04:30:00Z', '2030-03-11T06:00:00Z');
    const before = await account('America/New_York');
    // 23:30 EST on 03-09 to 00:30 EST on 03-10.
    await subscribe(before, 'vip', '2030-03-10T04:30:00Z', '2030-03-10T05:30:00Z');
    at('2030-03-12T12:00:00Z');
    await settle(spring);
    await settle(before);
    expect(await rows(spring)).toEqual([accrual('2030-03-11', 10)]);
    expect(await rows(before)).toEqual([
      accrual('2030-03-09', 10),
      accrual('2030-03-10', 10),
      decay('2030-03-11', 5),
    ]);
  });

  it('settles a 10-day gap with the same rows as daily runs, and a re-run adds nothing', async () => {
    const daily = await account('Asia/Shanghai');
    const caughtUp = await account('Asia/Shanghai');
    const history = async (id: string) => {
      await subscribe(id, 'vip', '2030-04-01T06:00:00Z', '2030-04-05T06:00:00Z', 'month');
      return subscribe(id, 'vip', '2030-04-09T18:00:00Z', null, 'year');
    };
    const live = [await history(daily), await history(caughtUp)];
    at('2030-04-01T12:00:00Z');
    await hub.services.growth.settle();
    for (let day = 0; day < 12; day += 1) {
      hub.clock.advance(24 * HOUR);
      await settle(daily);
    }
    expect(await rows(caughtUp)).toEqual([accrual('2030-04-01', 10)]);
    // The hub was down for ten days: one pass catches up.
    await hub.services.growth.settle();
    const expected = [
      ...['01', '02', '03', '04', '05'].map((d) => accrual(`2030-04-${d}`, 10)),
      // The yearly row starts at 02:00 on 04-10 in Shanghai: 04-09 had no membership.
      ...['06', '07', '08', '09'].map((d) => decay(`2030-04-${d}`, 5)),
      ...['10', '11', '12', '13'].map((d) => accrual(`2030-04-${d}`, 15)),
    ];
    expect(await rows(daily)).toEqual(expected);
    expect(await rows(caughtUp)).toEqual(expected);

    expect(await hub.services.growth.settle()).toMatchObject({ entries: 0 });
    expect(await Promise.all([settle(caughtUp), settle(caughtUp)])).toEqual([0, 0]);
    expect(await rows(caughtUp)).toEqual(expected);
    for (const sub of live) await end(sub, '2030-04-13T13:00:00Z');
  });

  it('settles accounts in parallel without writing a day twice', async () => {
    const id = await account();
    await subscribe(id, 'vip', '2030-04-20T00:00:00Z', '2030-04-23T00:00:00Z');
    at('2030-04-24T12:00:00Z');
    await Promise.all([settle(id), settle(id), hub.services.growth.settle()]);
    expect(await rows(id)).toEqual([
      accrual('2030-04-20', 10),
      accrual('2030-04-21', 10),
      accrual('2030-04-22', 10),
      decay('2030-04-23', 5),
    ]);
  });

  it('rebuilds every total from the subscription records, and shows a row that does not belong', async () => {
    const all = await hub.db.selectDistinct({ id: growthCursors.accountId }).from(growthCursors);
    expect(all.length).toBeGreaterThanOrEqual(8);
    for (const { id } of all) {
      const rebuilt = await hub.services.growth.rebuild(id);
      expect(rebuilt.matches, id).toBe(true);
      expect(rebuilt.total.expected).toBe(rebuilt.total.actual);
      expect(rebuilt.total.actual).toBe(await total(id));
    }
    const tampered = all[0]!.id;
    await hub.db.delete(growthEntries).where(eq(growthEntries.accountId, tampered));
    expect((await hub.services.growth.rebuild(tampered)).matches).toBe(false);
  });

  it('counts days in zones far east and west of UTC around a UTC midnight', async () => {
    const utc = await account('UTC');
    const east = await account('Pacific/Kiritimati');
    const west = await account('Pacific/Pago_Pago');
    for (const id of [utc, east, west])
      await subscribe(id, 'vip', '2030-06-01T23:00:00Z', '2030-06-02T01:00:00Z');
    at('2030-06-04T12:00:00Z');
    for (const id of [utc, east, west]) await settle(id);
    // UTC: 06-01 and 06-02. Kiritimati (UTC+14): 13:00–15:00 on 06-02. Pago Pago (UTC−11): 12:00–14:00 on 06-01.
    expect(await rows(utc)).toEqual([
      accrual('2030-06-01', 10),
      accrual('2030-06-02', 10),
      decay('2030-06-03', 5),
    ]);
    expect(await rows(east)).toEqual([
      accrual('2030-06-02', 10),
      decay('2030-06-03', 5),
      decay('2030-06-04', 5),
    ]);
    expect(await rows(west)).toEqual([
      accrual('2030-06-01', 10),
      decay('2030-06-02', 5),
      decay('2030-06-03', 5),
    ]);
  });

  it('accrues a live membership’s local today even when that is already tomorrow in UTC', async () => {
    const east = await account('Pacific/Kiritimati');
    const west = await account('Pacific/Pago_Pago');
    const subs = [
      await subscribe(east, 'vip', '2030-06-10T09:00:00Z', null, 'month'),
      await subscribe(west, 'vip', '2030-06-10T09:00:00Z', null, 'month'),
    ];
    at('2030-06-10T10:30:00Z'); // 00:30 on 06-11 in Kiritimati, 23:30 on 06-09 in Pago Pago
    await hub.services.growth.settle();
    expect(await rows(east)).toEqual([accrual('2030-06-10', 10), accrual('2030-06-11', 10)]);
    expect(await rows(west)).toEqual([accrual('2030-06-09', 10)]);
    // Both are settled through their local today: the next pass has nothing to do for them.
    expect(await hub.services.growth.settle()).toMatchObject({ entries: 0 });
    for (const sub of subs) await end(sub, '2030-06-10T10:30:00Z');
    expect((await hub.services.growth.rebuild(east)).matches).toBe(true);
    expect((await hub.services.growth.rebuild(west)).matches).toBe(true);
  });

  it('counts the 25-hour day of the autumn change as one day', async () => {
    const id = await account('America/New_York');
    // 23:30–23:45 EST on 11-03: after the change at 06:00 UTC the offset is −5, so this is still 11-03.
    await subscribe(id, 'vip', '2030-11-04T04:30:00Z', '2030-11-04T04:45:00Z');
    at('2030-11-04T12:00:00Z');
    await settle(id);
    expect(await rows(id)).toEqual([accrual('2030-11-03', 10)]);
  });
  it('counts an upgrade later in the day from the next day, so a day settled in the morning stays rebuildable', async () => {
    const id = await account();
    const vip = await subscribe(id, 'vip', '2030-07-01T08:00:00Z', null, 'month');
    at('2030-07-01T08:05:00Z');
    await settle(id);
    at('2030-07-01T20:00:00Z');
    await end(vip, '2030-07-01T20:00:00Z');
    const svip = await subscribe(id, 'svip', '2030-07-01T20:00:00Z', null, 'month');
    at('2030-07-03T12:00:00Z');
    await settle(id);
    expect(await rows(id)).toEqual([
      accrual('2030-07-01', 10),
      accrual('2030-07-02', 15, 'svip'),
      accrual('2030-07-03', 15, 'svip'),
    ]);
    expect((await hub.services.growth.rebuild(id)).matches).toBe(true);
    await end(svip, '2030-07-03T12:00:00Z');
  });

  it('keeps the days settled before an admin changes a rate, and counts the new rate from the next day', async () => {
    const id = await account();
    const sub = await subscribe(id, 'vip', '2030-07-10T06:00:00Z', null, 'month');
    at('2030-07-11T12:00:00Z');
    await settle(id);
    at('2030-07-11T13:00:00Z');
    await hub.services.tiers.update('vip', { growthPerDay: 12 });
    at('2030-07-13T12:00:00Z');
    await settle(id);
    expect(await rows(id)).toEqual([
      accrual('2030-07-10', 10),
      accrual('2030-07-11', 10),
      accrual('2030-07-12', 12),
      accrual('2030-07-13', 12),
    ]);
    const rebuilt = await hub.services.growth.rebuild(id);
    expect(rebuilt.matches).toBe(true);
    expect(rebuilt.total).toEqual({ expected: 44, actual: 44 });
    await hub.services.tiers.update('vip', { growthPerDay: 10 });
    await end(sub, '2030-07-13T12:00:00Z');
  });

  it('waits for the lifecycle when a live membership is past its period end', async () => {
    const id = await account();
    // Its period ends at 06:00 on 07-20 (30 days); no job has renewed or ended it yet (the hub was down).
    const sub = await subscribe(id, 'vip', '2030-06-20T06:00:00Z', null, 'month');
    at('2030-07-23T12:00:00Z');
    await settle(id);
    const settled = await rows(id);
    expect(settled).toHaveLength(31);
    expect(settled.at(-1)).toEqual(accrual('2030-07-20', 10));
    // The period-end job then ends it where the period ended: the days after decay.
    await end(sub, '2030-07-20T06:00:00Z');
    await settle(id);
    expect((await rows(id)).slice(31)).toEqual([decay('2030-07-21', 5), decay('2030-07-22', 5)]);
    expect((await hub.services.growth.rebuild(id)).matches).toBe(true);
  });
  it('keeps the days counted in the old zone when the member changes zone, and rebuilds each stretch in its own', async () => {
    const id = await account('Asia/Shanghai');
    const sub = await subscribe(id, 'vip', '2030-08-01T00:00:00Z', null, 'month'); // 08:00 on 08-01 in Shanghai
    at('2030-08-03T12:00:00Z'); // 20:00 on 08-03 in Shanghai
    await settle(id);
    await hub.services.preferences.update(id, { timeZone: 'America/Los_Angeles' });
    at('2030-08-05T12:00:00Z'); // 05:00 on 08-05 in Los Angeles
    await settle(id);
    expect((await rows(id)).map((r) => r.day)).toEqual([
      '2030-08-01',
      '2030-08-02',
      '2030-08-03',
      '2030-08-04',
      '2030-08-05',
    ]);
    const rebuilt = await hub.services.growth.rebuild(id);
    expect(rebuilt.matches).toBe(true);
    expect(rebuilt.total).toEqual({ expected: 50, actual: 50 });
    await end(sub, '2030-08-05T12:00:00Z');
  });
});
