import { describe, expect, it } from 'vitest';
import type { Subscription, Tier } from '../api/membership-types';
import { changeKind, changeOptions, previewUpgrade, priceOf } from './changes';
import { currenciesOf, heldFor, heldLanes, keepChoice, periodsOf } from './checkout';
import { actionsFor, statusLine } from './status';

function tier(id: string, rank: number, prices: [Tier['prices'][number]['period'], string, number][]): Tier {
  return {
    id,
    name: id.toUpperCase(),
    names: {},
    description: '',
    descriptions: {},
    color: '#e0a100',
    scope: 'platform',
    serviceId: null,
    rank,
    growthPerDay: 10,
    growthPerDayYearly: 15,
    perks: {},
    retired: false,
    retiredAt: null,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    prices: prices.map(([period, currency, amountMinor]) => ({
      period,
      currency: currency as Tier['prices'][number]['currency'],
      amountMinor,
      effectiveFrom: '2026-01-01T00:00:00Z',
    })),
  };
}

const vip = tier('vip', 1, [
  ['month', 'CNY', 1500],
  ['year', 'CNY', 15000],
]);
const svip = tier('svip', 2, [
  ['month', 'CNY', 3000],
  ['year', 'CNY', 30000],
  ['month', 'USD', 500],
]);
const mailPlus = {
  ...tier('mail-plus', 1, [['month', 'CNY', 1000]]),
  scope: 'service' as const,
  serviceId: 'mail',
};

function subscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: 's1',
    tierId: 'vip',
    tier: vip,
    lane: 'platform',
    source: 'purchase',
    status: 'active',
    period: 'month',
    currency: 'CNY',
    amountMinor: 3000,
    autoRenew: true,
    cancelledAt: null,
    currentPeriodStart: '2026-03-01T00:00:00Z',
    currentPeriodEnd: '2026-03-31T00:00:00Z',
    graceUntil: null,
    nextTierId: null,
    nextPeriod: null,
    card: { brand: 'visa', last4: '4242' },
    grantReason: null,
    startedAt: '2026-03-01T00:00:00Z',
    endedAt: null,
    endReason: null,
    ...overrides,
  };
}

describe('changeKind', () => {
  it('calls a higher rank or a longer period an upgrade, and the reverse a downgrade', () => {
    expect(changeKind({ tier: vip, period: 'month' }, { tier: svip, period: 'month' })).toBe('upgrade');
    expect(changeKind({ tier: vip, period: 'year' }, { tier: svip, period: 'month' })).toBe('upgrade');
    expect(changeKind({ tier: vip, period: 'month' }, { tier: vip, period: 'year' })).toBe('upgrade');
    expect(changeKind({ tier: svip, period: 'month' }, { tier: vip, period: 'year' })).toBe('downgrade');
    expect(changeKind({ tier: vip, period: 'year' }, { tier: vip, period: 'month' })).toBe('downgrade');
    expect(changeKind({ tier: vip, period: 'month' }, { tier: vip, period: 'month' })).toBe('same');
  });
});

describe('previewUpgrade', () => {
  it('credits the unused part of the period, rounded down, and charges the rest', () => {
    // 30-day period, 10 days used: 20/30 of 3000 = 2000 credited.
    const now = new Date('2026-03-11T00:00:00Z');
    expect(previewUpgrade(subscription(), 15000, now)).toEqual({
      credit: 2000,
      price: 15000,
      due: 13000,
      currency: 'CNY',
    });
    // One millisecond later the credit rounds down.
    expect(previewUpgrade(subscription(), 15000, new Date(now.getTime() + 1))?.credit).toBe(1999);
  });

  it('never charges below zero, nor credits outside the period', () => {
    const early = new Date('2026-02-01T00:00:00Z');
    expect(previewUpgrade(subscription({ amountMinor: 30000 }), 3000, early)).toMatchObject({
      credit: 30000,
      due: 0,
    });
    const late = new Date('2026-04-05T00:00:00Z');
    expect(previewUpgrade(subscription(), 3000, late)).toMatchObject({ credit: 0, due: 3000 });
  });

  it('stays exact where amount × milliseconds passes 2^53', () => {
    const big = subscription({
      amountMinor: 900_000_000_001,
      currentPeriodStart: '2026-01-01T00:00:00Z',
      currentPeriodEnd: '2027-01-01T00:00:00Z',
    });
    const half = new Date(Date.parse('2026-01-01T00:00:00Z') + (365 * 86_400_000) / 2);
    expect(previewUpgrade(big, 1, half)?.credit).toBe(450_000_000_000);
  });

  it('has nothing to preview for a complimentary membership', () => {
    expect(
      previewUpgrade(subscription({ amountMinor: null, currency: null }), 100, new Date()),
    ).toBeUndefined();
  });
});

describe('changeOptions', () => {
  it('offers the tiers of the lane priced in the subscription’s currency', () => {
    const options = changeOptions(subscription(), [vip, svip, mailPlus]);
    expect(options.map((o) => [o.tier.id, o.period, o.kind, o.price])).toEqual([
      ['vip', 'year', 'upgrade', 15000],
      ['svip', 'month', 'upgrade', 3000],
      ['svip', 'year', 'upgrade', 30000],
    ]);
    expect(priceOf(svip, 'year', 'USD')).toBeUndefined();
  });

  it('leaves out the change already scheduled, and offers nothing for a complimentary or ended one', () => {
    const scheduled = subscription({ tier: svip, tierId: 'svip', nextTierId: 'vip', nextPeriod: 'month' });
    expect(changeOptions(scheduled, [vip, svip]).map((o) => `${o.tier.id}/${o.period}/${o.kind}`)).toEqual([
      'vip/year/downgrade',
      'svip/year/upgrade',
    ]);
    expect(changeOptions(subscription({ source: 'complimentary' }), [svip])).toEqual([]);
    expect(changeOptions(subscription({ status: 'ended' }), [svip])).toEqual([]);
  });
});

describe('statusLine and actions', () => {
  it('says renews on, ends on, past due until, or ended', () => {
    expect(statusLine(subscription())).toEqual({ kind: 'renews', date: '2026-03-31T00:00:00Z' });
    const cancelled = subscription({ autoRenew: false, cancelledAt: '2026-03-02T00:00:00Z' });
    expect(statusLine(cancelled)).toEqual({ kind: 'ends', date: '2026-03-31T00:00:00Z' });
    const pastDue = subscription({ status: 'past_due', graceUntil: '2026-04-03T00:00:00Z' });
    expect(statusLine(pastDue)).toEqual({ kind: 'pastDue', date: '2026-04-03T00:00:00Z' });
    const ended = subscription({ status: 'ended', endedAt: '2026-03-31T00:00:00Z', endReason: 'expired' });
    expect(statusLine(ended)).toEqual({ kind: 'ended', date: '2026-03-31T00:00:00Z', reason: 'expired' });
    expect(statusLine(subscription({ source: 'complimentary', autoRenew: false })).kind).toBe('ends');
  });

  it('offers cancel while renewing, resume once cancelled, and nothing for a complimentary membership', () => {
    expect(actionsFor(subscription())).toEqual({
      cancel: true,
      resume: false,
      change: true,
      updateCard: true,
    });
    expect(actionsFor(subscription({ autoRenew: false }))).toMatchObject({ cancel: false, resume: true });
    expect(actionsFor(subscription({ status: 'past_due' }))).toMatchObject({
      change: false,
      updateCard: true,
    });
    expect(actionsFor(subscription({ source: 'complimentary' }))).toEqual({
      cancel: false,
      resume: false,
      change: false,
      updateCard: false,
    });
  });
});

describe('checkout choices', () => {
  it('offers the periods and currencies a tier has prices for, and keeps a choice still offered', () => {
    expect(periodsOf(svip)).toEqual(['month', 'year']);
    expect(periodsOf(mailPlus)).toEqual(['month']);
    expect(currenciesOf(svip, 'month')).toEqual(['CNY', 'USD']);
    expect(currenciesOf(svip, 'year')).toEqual(['CNY']);
    expect(keepChoice<string>('USD', ['CNY', 'USD'])).toBe('USD');
    expect(keepChoice<string>('USD', ['CNY'])).toBe('CNY');
    expect(keepChoice<string>(undefined, [])).toBeUndefined();
    const held = heldLanes([subscription(), subscription({ id: 's2', lane: 'mail', status: 'ended' })]);
    expect(heldFor(svip, held)?.id).toBe('s1');
    expect(heldFor(mailPlus, held)).toBeUndefined();
  });
});
