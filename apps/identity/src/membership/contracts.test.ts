import { randomUUID } from 'node:crypto';
import { membershipAdminApi, membershipApi } from '@orbit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractClient as clientOf } from '../test/contracts.js';
import {
  type Admin,
  type BillingHub,
  CARDS,
  type Member,
  newAdmin,
  newMember,
  startBillingHub,
} from './billing-testkit.js';

/** Every membership endpoint of a real hub through the typed client, each answer parsed by its declaration. */
describe('the membership endpoints answer as @orbit/contracts declares them', () => {
  let hub: BillingHub;
  let admin: Admin;
  let member: Member;

  beforeAll(async () => {
    hub = await startBillingHub();
    admin = await newAdmin(hub);
    member = await newMember(hub);
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('for a member: tiers, buying, changing, receipts, levels and preferences', async () => {
    const api = membershipApi;
    const as = clientOf(member.browser);
    const { tiers } = await as.call(api.tiersOnSale);
    expect(tiers.map((tier) => tier.id)).toEqual(expect.arrayContaining(['vip', 'svip']));

    const bought = await clientOf(member.browser, { 'idempotency-key': randomUUID() }).call(api.buy, {
      body: { tierId: 'vip', period: 'month', currency: 'CNY', card: CARDS.succeeds },
    });
    expect(bought.subscription).toMatchObject({ tierId: 'vip', status: 'active', source: 'purchase' });
    expect(bought.receipt).toMatchObject({ kind: 'charge', tierId: 'vip', currency: 'CNY' });
    const id = bought.subscription.id;

    const upgraded = await clientOf(member.browser, { 'idempotency-key': randomUUID() }).call(api.upgrade, {
      params: { id },
      body: { tierId: 'svip', period: 'month' },
    });
    expect(upgraded.subscription.tierId).toBe('svip');
    expect(upgraded.credit).toBeGreaterThan(0);
    const svip = upgraded.subscription.id;

    const scheduled = await as.call(api.downgrade, {
      params: { id: svip },
      body: { tierId: 'vip', period: 'month' },
    });
    expect(scheduled.subscription).toMatchObject({ nextTierId: 'vip', nextPeriod: 'month' });
    expect((await as.call(api.cancel, { params: { id: svip } })).subscription.autoRenew).toBe(false);
    expect((await as.call(api.resume, { params: { id: svip } })).subscription.autoRenew).toBe(true);
    const carded = await as.call(api.updateCard, { params: { id: svip }, body: { card: CARDS.succeeds } });
    expect(carded.subscription.card).toMatchObject({ last4: '4242' });

    const { subscriptions } = await as.call(api.mine);
    expect(subscriptions.map((s) => s.tierId)).toEqual(expect.arrayContaining(['vip', 'svip']));
    expect((await as.call(api.receipts)).receipts.map((r) => r.kind)).toEqual(
      expect.arrayContaining(['charge', 'credit']),
    );
    expect((await as.call(api.levels)).growth.member).toBe(true);
    expect((await as.call(api.growth, { query: { days: 7 } })).points).toHaveLength(7);
    expect(
      await as.call(api.updatePreferences, { body: { timeZone: 'Asia/Shanghai', showBadges: false } }),
    ).toEqual({ timeZone: 'Asia/Shanghai', showBadges: false });
  });

  it('for an admin: tiers and prices, grants, revenue, growth and VIP thresholds', async () => {
    const api = membershipAdminApi;
    await admin.signIn();
    const as = clientOf(admin.browser);

    const created = await as.call(api.createTier, {
      body: {
        id: 'contract-gold',
        name: 'Gold',
        description: 'A tier made by the contract test.',
        color: '#C9A227',
        scope: 'platform',
        rank: 5,
        prices: [{ period: 'month', currency: 'CNY', amountMinor: 3000 }],
      },
    });
    expect(created.tier).toMatchObject({ id: 'contract-gold', color: '#c9a227', retired: false });
    const tier = { params: { id: 'contract-gold' } };
    expect((await as.call(api.updateTier, { ...tier, body: { name: 'Gold+' } })).tier.name).toBe('Gold+');
    const priced = await as.call(api.setPrices, {
      ...tier,
      body: { prices: [{ period: 'year', currency: 'USD', amountMinor: 9900 }] },
    });
    expect(priced.tier.prices).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ period: 'year', currency: 'USD', amountMinor: 9900 }),
      ]),
    );
    expect((await as.call(api.retireTier, tier)).tier.retired).toBe(true);
    const { tiers } = await as.call(api.tiers);
    expect(tiers.find((t) => t.id === 'contract-gold')?.priceHistory).toHaveLength(2);

    const account = { params: { id: member.id } };
    const until = new Date(hub.clock.now().getTime() + 30 * 86_400_000).toISOString();
    const granted = await as.call(api.grant, {
      ...account,
      body: { tierId: 'vip', until, reason: 'Contract test' },
    });
    expect(granted.subscription).toMatchObject({ source: 'complimentary', grantReason: 'Contract test' });
    const revoked = await as.call(api.revoke, {
      params: { id: granted.subscription.id },
      body: { reason: 'Done' },
    });
    expect(revoked.subscription).toMatchObject({ status: 'ended', endReason: 'revoked' });
    const held = await as.call(api.accountMembership, account);
    expect(held.subscriptions.length).toBeGreaterThan(0);
    expect(held.receipts.length).toBeGreaterThan(0);
    expect((await as.call(api.revenue)).tiers.length).toBeGreaterThan(0);

    const adjusted = await as.call(api.adjustGrowth, {
      ...account,
      body: { delta: 25, note: 'Contract test' },
    });
    expect(adjusted.entry).toMatchObject({ kind: 'adjustment', delta: 25, by: { id: admin.id } });
    expect(adjusted.levels.growth.total).toBeGreaterThanOrEqual(25);
    const { entries } = await as.call(api.growthEntries, { ...account, query: { kind: 'adjustment' } });
    expect(entries.map((e) => e.delta)).toEqual([25]);
    expect((await as.call(api.accountLevels, account)).growth.total).toBe(adjusted.levels.growth.total);

    const { levels } = await as.call(api.vipLevels);
    const raised = levels.map((l) => ({ level: l.level, minGrowth: l.level === 1 ? 0 : l.minGrowth + 1 }));
    expect((await as.call(api.setVipLevels, { body: { levels: raised } })).levels).toEqual(raised);
  });
});
