import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.js';
import { services } from '../services/index.js';
import { testManifest } from '../services/testkit.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { tierPrices, tiers as tiersTable } from './schema.js';
import type { CreateTierInput } from './validation.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What a call refused with: its AppError status, code and details. */
async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const { status, code, details } = error as AppError;
  return { status, code, details };
}

/** Mail as it ships (quota and attachment size), and a second service with a boolean perk. */
const mailManifest = () =>
  testManifest({
    perks: [
      { key: 'mail.quota_mb', type: 'number', default: 1024, description: 'Mailbox size in MiB' },
      { key: 'mail.attachment_mb', type: 'number', default: 10, description: 'Largest attachment in MiB' },
    ],
  });
const notesManifest = () =>
  testManifest({
    id: 'notes',
    name: 'Notes',
    defaultPort: 4102,
    perks: [{ key: 'notes.sync', type: 'boolean', default: false, description: 'Sync notes' }],
  });

const gold = (overrides: Partial<CreateTierInput> = {}): CreateTierInput => ({
  id: 'gold',
  name: 'Gold',
  names: { 'zh-CN': '黄金会员' },
  description: 'More of everything.',
  color: '#FFAA00',
  scope: 'platform',
  rank: 3,
  perks: { 'mail.quota_mb': 20480, 'notes.sync': true },
  prices: [
    { period: 'month', currency: 'CNY', amountMinor: 2000 },
    { period: 'year', currency: 'CNY', amountMinor: 20000 },
  ],
  ...overrides,
});

describe('membership tiers', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
    await hub.services.serviceRegistry.register(mailManifest());
    await hub.services.serviceRegistry.register(notesManifest());
  });
  afterAll(async () => {
    await hub.close();
  });

  const tiers = () => hub.services.tiers;

  it('creates a tier with its perks and first prices, in force from now', async () => {
    const tier = await tiers().create(gold());
    const now = hub.clock.now().toISOString();
    expect(tier).toEqual({
      id: 'gold',
      name: 'Gold',
      names: { 'zh-CN': '黄金会员' },
      description: 'More of everything.',
      descriptions: {},
      color: '#ffaa00',
      scope: 'platform',
      serviceId: null,
      rank: 3,
      growthPerDay: 10,
      growthPerDayYearly: 15,
      perks: { 'mail.quota_mb': 20480, 'notes.sync': true },
      retired: false,
      retiredAt: null,
      createdAt: now,
      updatedAt: now,
      prices: [
        { period: 'month', currency: 'CNY', amountMinor: 2000, effectiveFrom: now },
        { period: 'year', currency: 'CNY', amountMinor: 20000, effectiveFrom: now },
      ],
      priceHistory: [
        { period: 'month', currency: 'CNY', amountMinor: 2000, effectiveFrom: now },
        { period: 'year', currency: 'CNY', amountMinor: 20000, effectiveFrom: now },
      ],
    });
    expect(await tiers().get('gold')).toEqual(tier);
    expect((await tiers().list()).map((t) => t.id)).toContain('gold');
  });

  it('creates a service tier that grants its own service’s perks', async () => {
    const tier = await tiers().create({
      id: 'mail-pro',
      name: 'Mail Pro',
      description: 'A bigger mailbox.',
      color: '#2266cc',
      scope: 'service',
      serviceId: 'mail',
      rank: 1,
      perks: { 'mail.quota_mb': 8192, 'mail.attachment_mb': 40 },
      prices: [{ period: 'month', currency: 'JPY', amountMinor: 300 }],
    });
    expect(tier).toMatchObject({ scope: 'service', serviceId: 'mail', prices: [{ amountMinor: 300 }] });
  });

  it('refuses a taken id with 409 membership.tier_exists', async () => {
    expect(await refusal(tiers().create(gold({ name: 'Another' })))).toMatchObject({
      status: 409,
      code: 'membership.tier_exists',
    });
  });

  it('edits names, colour, rank, growth and perks, and nothing else', async () => {
    hub.clock.advance(1000);
    const tier = await tiers().update('gold', {
      name: 'Gold+',
      color: '#123abc',
      rank: 4,
      growthPerDay: 12,
      perks: { 'mail.quota_mb': 30720 },
    });
    expect(tier).toMatchObject({
      name: 'Gold+',
      names: { 'zh-CN': '黄金会员' },
      color: '#123abc',
      rank: 4,
      growthPerDay: 12,
      growthPerDayYearly: 15,
      perks: { 'mail.quota_mb': 30720 },
      updatedAt: hub.clock.now().toISOString(),
    });
    expect(tier.createdAt).not.toBe(tier.updatedAt);
    for (const patch of [{ scope: 'service' }, { serviceId: 'mail' }, { id: 'platinum' }, {}]) {
      expect(await refusal(tiers().update('gold', patch as never)), JSON.stringify(patch)).toMatchObject({
        status: 400,
        code: 'request.invalid',
      });
    }
    expect(await refusal(tiers().update('nope', { name: 'x' }))).toMatchObject({
      status: 404,
      code: 'membership.tier_not_found',
    });
  });

  it('appends price changes to the history; an identical price changes nothing', async () => {
    hub.clock.advance(1000);
    const before = (await tiers().get('gold'))!;
    const same = await tiers().setPrices('gold', {
      prices: [{ period: 'month', currency: 'CNY', amountMinor: 2000 }],
    });
    expect(same.priceHistory).toEqual(before.priceHistory);

    const changed = await tiers().setPrices('gold', {
      prices: [
        { period: 'month', currency: 'CNY', amountMinor: 2500 },
        { period: 'year', currency: 'CNY', amountMinor: 20000 },
        { period: 'month', currency: 'USD', amountMinor: 399 },
      ],
    });
    const now = hub.clock.now().toISOString();
    expect(changed.priceHistory).toEqual([
      ...before.priceHistory!,
      { period: 'month', currency: 'CNY', amountMinor: 2500, effectiveFrom: now },
      { period: 'month', currency: 'USD', amountMinor: 399, effectiveFrom: now },
    ]);
    expect(changed.prices).toEqual(
      expect.arrayContaining([
        { period: 'month', currency: 'CNY', amountMinor: 2500, effectiveFrom: now },
        { period: 'year', currency: 'CNY', amountMinor: 20000, effectiveFrom: before.createdAt },
        { period: 'month', currency: 'USD', amountMinor: 399, effectiveFrom: now },
      ]),
    );
    expect(changed.prices).toHaveLength(3);
    // Two changes of one price at the same instant can't both be in force.
    expect(
      await refusal(
        tiers().setPrices('gold', { prices: [{ period: 'month', currency: 'CNY', amountMinor: 2600 }] }),
      ),
    ).toMatchObject({ status: 409, code: 'membership.price_conflict' });
  });

  it('changes the current price only from its effective time', async () => {
    hub.clock.advance(1000);
    const from = new Date(hub.clock.now().getTime() + DAY_MS).toISOString();
    const scheduled = await tiers().setPrices('gold', {
      prices: [{ period: 'month', currency: 'CNY', amountMinor: 2800 }],
      effectiveFrom: from,
    });
    const monthlyCny = (tier: { prices: { period: string; currency: string; amountMinor: number }[] }) =>
      tier.prices.find((p) => p.period === 'month' && p.currency === 'CNY')?.amountMinor;
    expect(monthlyCny(scheduled)).toBe(2500);
    expect(scheduled.priceHistory!.at(-1)).toEqual({
      period: 'month',
      currency: 'CNY',
      amountMinor: 2800,
      effectiveFrom: from,
    });
    hub.clock.advance(DAY_MS - 1);
    expect(monthlyCny((await tiers().get('gold'))!)).toBe(2500);
    hub.clock.advance(1);
    expect(monthlyCny((await tiers().get('gold'))!)).toBe(2800);
    expect(monthlyCny((await tiers().list()).find((t) => t.id === 'gold')!)).toBe(2800);

    const past = new Date(hub.clock.now().getTime() - 1).toISOString();
    expect(
      await refusal(
        tiers().setPrices('gold', {
          prices: [{ period: 'month', currency: 'CNY', amountMinor: 100 }],
          effectiveFrom: past,
        }),
      ),
    ).toMatchObject({ status: 400, code: 'request.invalid', details: [{ path: 'effectiveFrom' }] });
  });

  it('refuses prices that are not positive whole minor units in a known currency', async () => {
    const cases: [unknown, string][] = [
      [{ period: 'month', currency: 'CNY', amountMinor: -100 }, 'prices.0.amountMinor'],
      [{ period: 'month', currency: 'CNY', amountMinor: 0 }, 'prices.0.amountMinor'],
      [{ period: 'month', currency: 'CNY', amountMinor: 15.5 }, 'prices.0.amountMinor'],
      [{ period: 'month', currency: 'CNY', amountMinor: '1500' }, 'prices.0.amountMinor'],
      [{ period: 'month', currency: 'XYZ', amountMinor: 1500 }, 'prices.0.currency'],
      [{ period: 'month', currency: 'cny', amountMinor: 1500 }, 'prices.0.currency'],
      [{ period: 'week', currency: 'CNY', amountMinor: 1500 }, 'prices.0.period'],
    ];
    for (const [price, path] of cases) {
      const refused = await refusal(tiers().setPrices('gold', { prices: [price as never] }));
      expect(refused, JSON.stringify(price)).toMatchObject({
        status: 400,
        code: 'request.invalid',
        details: [expect.objectContaining({ path })],
      });
      expect(
        await refusal(tiers().create(gold({ id: 'cheap', prices: [price as never] }))),
        JSON.stringify(price),
      ).toMatchObject({ status: 400, code: 'request.invalid', details: [expect.objectContaining({ path })] });
    }
    const twice = { period: 'month', currency: 'CNY', amountMinor: 1 } as const;
    expect(await refusal(tiers().setPrices('gold', { prices: [twice, twice] }))).toMatchObject({
      status: 400,
      details: [{ path: 'prices.1' }],
    });
    expect(await tiers().get('cheap')).toBeUndefined();
  });

  it('refuses perks no service declares, of the wrong type, or of another service in a service tier', async () => {
    const cases: [CreateTierInput, string, string][] = [
      [gold({ id: 'x1', perks: { 'mail.storage': 1 } }), 'membership.unknown_perk', 'perks.mail.storage'],
      [gold({ id: 'x2', perks: { 'chat.vip': true } }), 'membership.unknown_perk', 'perks.chat.vip'],
      [
        gold({ id: 'x3', perks: { 'mail.quota_mb': true } }),
        'membership.invalid_perk',
        'perks.mail.quota_mb',
      ],
      [gold({ id: 'x4', perks: { 'notes.sync': 1 } }), 'membership.invalid_perk', 'perks.notes.sync'],
      [gold({ id: 'x5', perks: { 'mail.quota_mb': -1 } }), 'membership.invalid_perk', 'perks.mail.quota_mb'],
      [gold({ id: 'x6', perks: { 'mail.quota_mb': 1.5 } }), 'membership.invalid_perk', 'perks.mail.quota_mb'],
      [
        gold({ id: 'x7', scope: 'service', serviceId: 'mail', perks: { 'notes.sync': true } }),
        'membership.invalid_perk',
        'perks.notes.sync',
      ],
    ];
    for (const [input, code, path] of cases) {
      expect(await refusal(tiers().create(input)), input.id).toMatchObject({
        status: 400,
        code,
        details: [{ path, message: expect.any(String) }],
      });
    }
    expect(await refusal(tiers().update('mail-pro', { perks: { 'notes.sync': true } }))).toMatchObject({
      status: 400,
      code: 'membership.invalid_perk',
    });
    expect(await refusal(tiers().update('gold', { perks: { 'gold.shine': true } }))).toMatchObject({
      status: 400,
      code: 'membership.unknown_perk',
    });
    expect((await tiers().list()).map((t) => t.id)).toEqual(['gold', 'mail-pro']);
  });

  it('refuses bad ids, colours and scopes', async () => {
    const cases: [CreateTierInput, string][] = [
      [gold({ id: 'Gold' }), 'id'],
      [gold({ id: 'g' }), 'id'],
      [gold({ id: '1gold' }), 'id'],
      [gold({ id: `g${'o'.repeat(32)}` }), 'id'],
      [gold({ id: 'go_ld' }), 'id'],
      [gold({ id: 'x8', color: 'gold' }), 'color'],
      [gold({ id: 'x9', rank: -1 }), 'rank'],
      [gold({ id: 'x10', growthPerDay: 1.5 }), 'growthPerDay'],
      [gold({ id: 'x11', scope: 'service', perks: {} }), 'serviceId'],
      [gold({ id: 'x12', serviceId: 'mail', perks: {} }), 'serviceId'],
      [gold({ id: 'x13', scope: 'galaxy' as never }), 'scope'],
    ];
    for (const [input, path] of cases) {
      expect(await refusal(tiers().create(input)), input.id).toMatchObject({
        status: 400,
        code: 'request.invalid',
        details: [expect.objectContaining({ path })],
      });
    }
    expect(
      await refusal(tiers().create(gold({ id: 'x14', scope: 'service', serviceId: 'chat', perks: {} }))),
    ).toMatchObject({ status: 400, code: 'membership.unknown_service', details: [{ path: 'serviceId' }] });
  });

  it('retires a tier, idempotently; a retired tier leaves the list on sale and can no longer change', async () => {
    hub.clock.advance(1000);
    const retired = await tiers().retire('mail-pro');
    expect(retired).toMatchObject({ retired: true, retiredAt: hub.clock.now().toISOString() });
    hub.clock.advance(1000);
    expect((await tiers().retire('mail-pro')).retiredAt).toBe(retired.retiredAt);

    expect((await tiers().list()).map((t) => t.id)).toEqual(['gold']);
    expect((await tiers().list({ includeRetired: true })).map((t) => t.id)).toEqual(['gold', 'mail-pro']);
    for (const change of [
      () => tiers().update('mail-pro', { name: 'Again' }),
      () =>
        tiers().setPrices('mail-pro', { prices: [{ period: 'year', currency: 'JPY', amountMinor: 3000 }] }),
    ]) {
      expect(await refusal(change())).toMatchObject({ status: 409, code: 'membership.tier_retired' });
    }
    expect(await refusal(tiers().retire('nope'))).toMatchObject({
      status: 404,
      code: 'membership.tier_not_found',
    });
    expect((await tiers().get('mail-pro'))!.name).toBe('Mail Pro');
  });

  it('keeps the rules in the database too: scope and service agree, prices are positive', async () => {
    const now = hub.clock.now();
    const row = {
      name: 'Raw',
      names: {},
      description: 'Written past the domain.',
      descriptions: {},
      color: '#000000',
      rank: 0,
      perks: {},
      createdAt: now,
      updatedAt: now,
    };
    await expect(
      hub.db.insert(tiersTable).values({ ...row, id: 'raw-a', scope: 'service', serviceId: null }),
    ).rejects.toThrow();
    await expect(
      hub.db.insert(tiersTable).values({ ...row, id: 'raw-b', scope: 'platform', serviceId: 'mail' }),
    ).rejects.toThrow();
    await expect(
      hub.db.insert(tiersTable).values({ ...row, id: 'Raw C', scope: 'platform' }),
    ).rejects.toThrow();
    await expect(
      hub.db.insert(tierPrices).values({
        tierId: 'gold',
        period: 'month',
        currency: 'CNY',
        amountMinor: -1,
        effectiveFrom: now,
        createdAt: now,
      }),
    ).rejects.toThrow();
    // A service with tiers can't be deleted from under them.
    await expect(hub.db.delete(services).where(eq(services.id, 'mail'))).rejects.toThrow();
  });
});
