import { describe, expect, it } from 'vitest';
import type { Tier } from '../../../api/membership-types';
import { checkAdjustment, checkGrant, checkThresholds } from './levels-form';
import { checkPrices, effectiveFromOf, type PriceRow, rowsOf, scheduledPrices } from './price-rows';
import { checkTier, type DeclaredPerk, emptyTierFields, fieldsOf, perksFor } from './tier-form';

const declared: DeclaredPerk[] = [
  { serviceId: 'mail', key: 'mail.quota_mb', type: 'number', default: 1024, description: 'Quota' },
  { serviceId: 'mail', key: 'mail.attachment_mb', type: 'number', default: 10, description: 'Attachment' },
  { serviceId: 'chat', key: 'chat.hd_video', type: 'boolean', default: false, description: 'HD video' },
];

const filled = {
  ...emptyTierFields(),
  id: 'gold',
  name: ' Gold ',
  nameZh: '黄金',
  description: 'Shiny.',
  color: '#AABBCC',
  perks: {
    'mail.quota_mb': { granted: true, value: '20480' },
    'mail.attachment_mb': { granted: false, value: '99' },
    'chat.hd_video': { granted: true, value: true },
  },
};

describe('checkTier', () => {
  it('reads a new platform tier, with only the perks granted, each of its declared type', () => {
    expect(checkTier(filled, declared, true)).toEqual({
      ok: true,
      value: {
        id: 'gold',
        name: 'Gold',
        names: { en: 'Gold', 'zh-CN': '黄金' },
        description: 'Shiny.',
        descriptions: { en: 'Shiny.' },
        color: '#aabbcc',
        scope: 'platform',
        rank: 1,
        growthPerDay: 10,
        growthPerDayYearly: 15,
        perks: { 'mail.quota_mb': 20480, 'chat.hd_video': true },
      },
    });
  });

  it('lets a service tier grant only its own service’s perks, and names its service', () => {
    const service = { ...filled, scope: 'service' as const, serviceId: 'mail' };
    expect(perksFor(service, declared).map((perk) => perk.key)).toEqual([
      'mail.quota_mb',
      'mail.attachment_mb',
    ]);
    const result = checkTier(service, declared, true);
    expect(result.ok && result.value).toMatchObject({
      scope: 'service',
      serviceId: 'mail',
      perks: { 'mail.quota_mb': 20480 },
    });
    expect(checkTier({ ...service, serviceId: '' }, declared, true)).toMatchObject({
      ok: false,
      problems: { serviceId: 'service' },
    });
  });

  it('names each field that breaks the hub’s rules', () => {
    const bad = {
      ...filled,
      id: 'Gold!',
      name: '',
      description: 'x'.repeat(201),
      color: 'gold',
      rank: '-1',
      growthPerDay: '1.5',
      growthPerDayYearly: '2000000',
      perks: { 'mail.quota_mb': { granted: true, value: 'lots' } },
    };
    expect(checkTier(bad, declared, true)).toEqual({
      ok: false,
      problems: {
        id: 'id',
        name: 'required',
        description: 'tooLong',
        color: 'color',
        rank: 'count',
        growthPerDay: 'count',
        growthPerDayYearly: 'count',
        'perks.mail.quota_mb': 'count',
      },
    });
  });

  it('sends an edit without id, scope or service, and round-trips a tier', () => {
    const tier = {
      id: 'vip',
      name: 'VIP',
      names: { en: 'VIP', 'zh-CN': '会员' },
      description: 'More.',
      descriptions: {},
      color: '#e0a100',
      scope: 'platform',
      serviceId: null,
      rank: 1,
      growthPerDay: 10,
      growthPerDayYearly: 15,
      perks: { 'mail.quota_mb': 10240 },
    } as unknown as Tier;
    expect(checkTier(fieldsOf(tier), declared, false)).toEqual({
      ok: true,
      value: {
        name: 'VIP',
        names: { en: 'VIP', 'zh-CN': '会员' },
        description: 'More.',
        descriptions: { en: 'More.' },
        color: '#e0a100',
        rank: 1,
        growthPerDay: 10,
        growthPerDayYearly: 15,
        perks: { 'mail.quota_mb': 10240 },
      },
    });
  });
});

describe('prices', () => {
  const row = (
    key: string,
    period: PriceRow['period'],
    currency: PriceRow['currency'],
    amount: string,
  ): PriceRow => ({
    key,
    period,
    currency,
    amount,
    existing: false,
  });

  it('sends each amount in exact minor units, JPY without any', () => {
    expect(
      checkPrices([
        row('a', 'month', 'CNY', '15'),
        row('b', 'year', 'JPY', '1,500'),
        row('c', 'month', 'USD', '0.29'),
      ]),
    ).toEqual({
      ok: true,
      prices: [
        { period: 'month', currency: 'CNY', amountMinor: 1500 },
        { period: 'year', currency: 'JPY', amountMinor: 1500 },
        { period: 'month', currency: 'USD', amountMinor: 29 },
      ],
    });
  });

  it('refuses a second row for one period and currency, and amounts that are not exact', () => {
    expect(
      checkPrices([
        row('a', 'month', 'CNY', '15'),
        row('b', 'month', 'CNY', '16'),
        row('c', 'month', 'JPY', '9.5'),
        row('d', 'year', 'EUR', '0'),
      ]),
    ).toEqual({ ok: false, problems: { b: 'duplicate', c: 'decimals', d: 'zero' } });
  });

  it('shows prices in force as major units, and finds the scheduled ones', () => {
    const prices = [
      {
        period: 'month' as const,
        currency: 'CNY' as const,
        amountMinor: 1500,
        effectiveFrom: '2026-01-01T00:00:00Z',
      },
      {
        period: 'month' as const,
        currency: 'JPY' as const,
        amountMinor: 300,
        effectiveFrom: '2026-09-01T00:00:00Z',
      },
    ];
    expect(rowsOf(prices).map((r) => r.amount)).toEqual(['15.00', '300']);
    expect(scheduledPrices(prices, new Date('2026-06-01T00:00:00Z'))).toEqual([prices[1]]);
  });

  it('takes an effective time only in the future', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    expect(effectiveFromOf('', now)).toBeNull();
    expect(effectiveFromOf('2020-01-01T00:00', now)).toBeUndefined();
    expect(effectiveFromOf('garbage', now)).toBeUndefined();
    expect(effectiveFromOf('2030-01-01T00:00', now)).toBe(new Date('2030-01-01T00:00').toISOString());
  });
});

describe('VIP thresholds', () => {
  it('accepts level 1 at 0 and strictly increasing whole numbers', () => {
    expect(checkThresholds(['0', '600', '1800'])).toEqual({
      ok: true,
      levels: [
        { level: 1, minGrowth: 0 },
        { level: 2, minGrowth: 600 },
        { level: 3, minGrowth: 1800 },
      ],
    });
  });

  it('names each level that breaks the order', () => {
    expect(checkThresholds(['5', '600', '600', 'x', '100'])).toEqual({
      ok: false,
      problems: { 1: 'firstZero', 3: 'increasing', 4: 'count', 5: 'increasing' },
    });
  });
});

describe('complimentary grant', () => {
  const now = new Date(2026, 5, 1, 12);

  it('runs to the end of the chosen day, with the reason trimmed', () => {
    expect(checkGrant({ tierId: 'vip', until: '2026-06-30', reason: ' Support case 12 ' }, now)).toEqual({
      ok: true,
      grant: { tierId: 'vip', until: new Date(2026, 6, 1).toISOString(), reason: 'Support case 12' },
    });
  });

  it('needs a tier, a reason and an end from today to ten years ahead', () => {
    expect(checkGrant({ tierId: '', until: '', reason: ' ' }, now)).toEqual({
      ok: false,
      problems: { tierId: 'required', until: 'required', reason: 'required' },
    });
    expect(checkGrant({ tierId: 'vip', until: '2026-05-31', reason: 'r' }, now)).toMatchObject({
      problems: { until: 'past' },
    });
    expect(checkGrant({ tierId: 'vip', until: '2026-06-01', reason: 'r' }, now).ok).toBe(true);
    expect(checkGrant({ tierId: 'vip', until: '2037-01-01', reason: 'r' }, now)).toMatchObject({
      problems: { until: 'tooFar' },
    });
  });
});

describe('growth adjustment', () => {
  it('takes a whole number of points either way, with the reason trimmed', () => {
    expect(checkAdjustment({ points: '700', reason: ' Outage #42 ' })).toEqual({
      ok: true,
      adjustment: { delta: 700, note: 'Outage #42' },
    });
    expect(checkAdjustment({ points: ' -200 ', reason: 'r' })).toMatchObject({ adjustment: { delta: -200 } });
    expect(checkAdjustment({ points: '+5', reason: 'r' })).toMatchObject({ adjustment: { delta: 5 } });
    expect(checkAdjustment({ points: '\u221250', reason: 'r' })).toMatchObject({
      adjustment: { delta: -50 },
    });
    expect(checkAdjustment({ points: '100000', reason: 'r' }).ok).toBe(true);
    expect(checkAdjustment({ points: '-100000', reason: 'r' }).ok).toBe(true);
  });

  it('needs points that are a whole number, not 0, at most 100 000 either way, and a reason', () => {
    expect(checkAdjustment({ points: '', reason: ' ' })).toEqual({
      ok: false,
      problems: { points: 'required', reason: 'required' },
    });
    for (const points of ['1.5', 'x', '1e3', '--3', '0x10']) {
      expect(checkAdjustment({ points, reason: 'r' }), points).toEqual({
        ok: false,
        problems: { points: 'wholeNumber' },
      });
    }
    expect(checkAdjustment({ points: '0', reason: 'r' })).toMatchObject({ problems: { points: 'notZero' } });
    expect(checkAdjustment({ points: '-0', reason: 'r' })).toMatchObject({ problems: { points: 'notZero' } });
    expect(checkAdjustment({ points: '100001', reason: 'r' })).toMatchObject({
      problems: { points: 'tooMany' },
    });
    expect(checkAdjustment({ points: '5', reason: 'x'.repeat(501) })).toMatchObject({
      problems: { reason: 'tooLong' },
    });
  });
});
