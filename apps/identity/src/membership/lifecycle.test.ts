import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BillingHub,
  CARDS,
  DAY_MS,
  ledgerOf,
  type Member,
  moveTo,
  newMember,
  rowsOf,
  runBillingJobs,
  sandboxChargesLike,
  signInAgain,
  startBillingHub,
  subscribe,
} from './billing-testkit.js';
import { addPeriod } from './subscriptions.js';

describe('the billing lifecycle, run by the period-end jobs', () => {
  let hub: BillingHub;

  beforeAll(async () => {
    hub = await startBillingHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  // What `GET /api/me/membership` answers (read in-process: sessions end while these tests move by months).
  const membership = (member: Member) => hub.services.billing.subscriptionsOf(member.id);
  const tiersHeld = async (member: Member) => (await hub.services.entitlements.of(member.id, 'mail')).tiers;
  const newCard = async (member: Member, id: string, card: typeof CARDS.succeeds) =>
    (await signInAgain(member)).browser.request('PUT', `/api/me/subscriptions/${id}/payment-method`, {
      card,
    });

  it('renews at the new price, then after a declined renewal keeps the perks through grace and expires after 3 days', async () => {
    const member = await newMember(hub);
    const sub = await subscribe(member);
    const firstEnd = new Date(sub.currentPeriodEnd);

    // An admin raises the price: the period already paid keeps its price; the renewal pays the new one.
    hub.clock.advance(DAY_MS);
    await hub.services.tiers.setPrices('vip', {
      prices: [{ period: 'month', currency: 'CNY', amountMinor: 1800 }],
    });
    expect((await membership(member))[0]).toMatchObject({ amountMinor: 1500 });
    expect(await runBillingJobs(hub)).toBe(0);

    moveTo(hub, firstEnd);
    await runBillingJobs(hub);
    const secondEnd = addPeriod(firstEnd, 'month');
    expect((await membership(member))[0]).toMatchObject({
      id: sub.id,
      status: 'active',
      amountMinor: 1800,
      currentPeriodStart: firstEnd.toISOString(),
      currentPeriodEnd: secondEnd.toISOString(),
    });
    expect((await ledgerOf(hub, member.id)).map((e) => [e.kind, e.amountMinor])).toEqual([
      ['charge', 1500],
      ['charge', 1800],
    ]);
    expect(await runBillingJobs(hub)).toBe(0);

    // The member switches to a card that declines: the next renewal fails and the subscription is past due.
    const switched = await newCard(member, sub.id, CARDS.declines);
    expect(switched.status, JSON.stringify(switched.body)).toBe(200);
    expect(switched.body.subscription).toMatchObject({
      status: 'active',
      card: { brand: 'visa', last4: '0002' },
    });
    moveTo(hub, secondEnd);
    await runBillingJobs(hub);
    const graceUntil = new Date(secondEnd.getTime() + 3 * DAY_MS).toISOString();
    expect((await membership(member))[0]).toMatchObject({
      status: 'past_due',
      graceUntil,
      currentPeriodEnd: secondEnd.toISOString(),
    });
    expect(await tiersHeld(member)).toContain('vip');

    // Retried daily; the perks stay until the grace period ends, then it ends for good.
    for (const day of [1, 2]) {
      hub.clock.advance(DAY_MS);
      expect(await runBillingJobs(hub), `day ${day}`).toBe(1);
      expect((await membership(member))[0]).toMatchObject({ status: 'past_due' });
    }
    expect(await tiersHeld(member)).toContain('vip');
    hub.clock.advance(DAY_MS);
    await runBillingJobs(hub);
    expect((await membership(member))[0]).toMatchObject({
      status: 'ended',
      endReason: 'payment_failed',
      endedAt: graceUntil,
    });
    expect(await tiersHeld(member)).toEqual([]);
    const renewals = await sandboxChargesLike(hub, `renew:${sub.id}:`);
    expect(renewals.map((c) => c.status)).toEqual([
      'succeeded',
      'declined',
      'declined',
      'declined',
      'declined',
    ]);
    expect(await ledgerOf(hub, member.id)).toHaveLength(2);
    hub.clock.advance(30 * DAY_MS);
    expect(await runBillingJobs(hub)).toBe(0);
    expect(await hub.services.billing.lifecycle.sweep()).toBe(0);
  });

  it('charges the 0341 card once, declines its renewal, and retries at once with a new card from the old end', async () => {
    const member = await newMember(hub);
    const sub = await subscribe(member, { card: CARDS.failsLater });
    const end = new Date(sub.currentPeriodEnd);
    moveTo(hub, end);
    await runBillingJobs(hub);
    expect((await membership(member))[0]).toMatchObject({ status: 'past_due' });

    hub.clock.advance(DAY_MS / 2);
    const fixed = await newCard(member, sub.id, CARDS.succeeds);
    expect(fixed.status).toBe(200);
    await runBillingJobs(hub);
    expect((await membership(member))[0]).toMatchObject({
      status: 'active',
      graceUntil: null,
      currentPeriodStart: end.toISOString(),
      currentPeriodEnd: addPeriod(end, 'month').toISOString(),
      card: { last4: '4242' },
    });
    const renewals = await sandboxChargesLike(hub, `renew:${sub.id}:`);
    expect(renewals.map((c) => c.status)).toEqual(['declined', 'succeeded']);
    // The daily retry scheduled by the decline finds the period paid and does nothing.
    hub.clock.advance(DAY_MS);
    expect(await runBillingJobs(hub)).toBe(1);
    expect(await sandboxChargesLike(hub, `renew:${sub.id}:`)).toHaveLength(2);
  });

  it('cancels at period end (perks until then), resumes before it, and expires without a charge', async () => {
    const member = await newMember(hub);
    const sub = await subscribe(member);
    const cancel = () => member.browser.request('POST', `/api/me/subscriptions/${sub.id}/cancel`);
    const cancelled = await cancel();
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.subscription).toMatchObject({
      autoRenew: false,
      cancelledAt: hub.clock.now().toISOString(),
    });
    const resumed = await member.browser.request('POST', `/api/me/subscriptions/${sub.id}/resume`);
    expect(resumed.body.subscription).toMatchObject({ autoRenew: true, cancelledAt: null, status: 'active' });
    expect((await cancel()).body.subscription).toMatchObject({ autoRenew: false });
    expect((await cancel()).status).toBe(200);

    moveTo(hub, new Date(new Date(sub.currentPeriodEnd).getTime() - 1));
    await runBillingJobs(hub);
    expect(await tiersHeld(member)).toContain('vip');
    hub.clock.advance(1);
    await runBillingJobs(hub);
    expect((await membership(member))[0]).toMatchObject({
      status: 'ended',
      endReason: 'expired',
      endedAt: sub.currentPeriodEnd,
    });
    expect(await tiersHeld(member)).toEqual([]);
    expect(await sandboxChargesLike(hub, `renew:${sub.id}:`)).toEqual([]);
    const late = await (await signInAgain(member)).browser.request(
      'POST',
      `/api/me/subscriptions/${sub.id}/resume`,
    );
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('membership.subscription_ended');
  });

  it('catches up after downtime one period at a time, each charged once', async () => {
    const member = await newMember(hub);
    const sub = await subscribe(member, { tierId: 'mail-plus' });
    const ends = [new Date(sub.currentPeriodEnd)];
    for (let i = 0; i < 3; i++) ends.push(addPeriod(ends.at(-1)!, 'month'));
    // The hub was down for three periods and a bit; the jobs run at start.
    moveTo(hub, new Date(ends[2]!.getTime() + DAY_MS));
    await runBillingJobs(hub);
    expect((await membership(member))[0]).toMatchObject({
      status: 'active',
      currentPeriodStart: ends[2]!.toISOString(),
      currentPeriodEnd: ends[3]!.toISOString(),
    });
    const charges = (await ledgerOf(hub, member.id)).filter((e) => e.kind === 'charge');
    expect(charges.map((e) => e.periodStart?.toISOString())).toEqual([
      sub.currentPeriodStart,
      ends[0]!.toISOString(),
      ends[1]!.toISOString(),
      ends[2]!.toISOString(),
    ]);
    expect(await sandboxChargesLike(hub, `renew:${sub.id}:`)).toHaveLength(3);
    expect(await hub.services.billing.lifecycle.sweep()).toBe(0);
    expect(await runBillingJobs(hub)).toBe(0);
  });

  it('does not renew a retired tier: its subscribers keep it until the period ends', async () => {
    await hub.services.tiers.create({
      id: 'gold',
      name: 'Gold',
      description: 'For a while.',
      color: '#ffaa00',
      scope: 'platform',
      rank: 3,
      prices: [{ period: 'month', currency: 'CNY', amountMinor: 2500 }],
    });
    const member = await newMember(hub);
    const sub = await subscribe(member, { tierId: 'gold' });
    await hub.services.tiers.retire('gold');
    expect(await tiersHeld(member)).toContain('gold');
    moveTo(hub, sub.currentPeriodEnd);
    await runBillingJobs(hub);
    const [row] = await rowsOf(hub, member.id);
    expect(row).toMatchObject({ status: 'ended', endReason: 'expired', endNote: 'Gold is retired' });
    expect(row!.endedAt?.toISOString()).toBe(sub.currentPeriodEnd);
    expect(await sandboxChargesLike(hub, `renew:${sub.id}:`)).toEqual([]);
  });

  it('the safety sweep schedules a period end whose job is missing', async () => {
    const member = await newMember(hub);
    const sub = await subscribe(member, { tierId: 'svip' });
    await hub.db.execute(
      `delete from jobs.jobs where dedupe_key = 'period-end:${sub.id}:${new Date(sub.currentPeriodEnd).toISOString()}'`,
    );
    moveTo(hub, sub.currentPeriodEnd);
    await runBillingJobs(hub);
    expect((await membership(member))[0]).toMatchObject({
      status: 'active',
      currentPeriodEnd: sub.currentPeriodEnd,
    });
    expect(await hub.services.billing.lifecycle.sweep()).toBe(1);
    expect(await hub.services.billing.lifecycle.sweep()).toBe(0);
    await runBillingJobs(hub);
    expect((await membership(member))[0]).toMatchObject({
      status: 'active',
      currentPeriodStart: sub.currentPeriodEnd,
    });
  });
});
