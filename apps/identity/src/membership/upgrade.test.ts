import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBilling } from './billing.js';
import {
  type BillingHub,
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
import { createSandboxProvider } from './payments/sandbox.js';
import { addPeriod } from './subscriptions.js';
import { unusedCredit } from './upgrade.js';

describe('changing plans: upgrades at once with a prorated credit, downgrades at period end', () => {
  let hub: BillingHub;

  beforeAll(async () => {
    hub = await startBillingHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  const upgrade = (member: Member, id: string, body: unknown, key: string = randomUUID()) =>
    member.browser.request('POST', `/api/me/subscriptions/${id}/upgrade`, body, {
      headers: { 'idempotency-key': key },
    });
  const downgrade = (member: Member, id: string, body: unknown) =>
    member.browser.request('POST', `/api/me/subscriptions/${id}/downgrade`, body);

  /** The start of the next month with 31 days (UTC): a calendar on which the proration's numbers are exact. */
  function nextLongMonth(now: Date): Date {
    for (let month = now.getUTCMonth() + 1; ; month++) {
      const start = new Date(Date.UTC(now.getUTCFullYear(), month, 1));
      if (new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).getUTCDate() === 31)
        return start;
    }
  }
  const plus = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS).toISOString();

  it('credits the unused part, rounded down: 1500 × 21/31 = 1016 off SVIP 3000, so 1984 is charged', async () => {
    const start = nextLongMonth(hub.clock.now());
    moveTo(hub, start);
    const member = await newMember(hub);
    const vip = await subscribe(member);
    expect(vip.currentPeriodEnd).toBe(plus(start, 31));
    moveTo(hub, plus(start, 10));
    await signInAgain(member);
    const key = randomUUID();
    const reply = await upgrade(member, vip.id, { tierId: 'svip', period: 'month' }, key);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({
      credit: 1016,
      subscription: {
        tierId: 'svip',
        status: 'active',
        amountMinor: 3000,
        currentPeriodStart: plus(start, 10),
        currentPeriodEnd: addPeriod(new Date(plus(start, 10)), 'month').toISOString(),
        card: { last4: '4242' },
      },
      receipt: { kind: 'charge', tierId: 'svip', amountMinor: 1984 },
    });
    const [old, current] = await rowsOf(hub, member.id);
    expect(old).toMatchObject({ status: 'ended', endReason: 'upgraded', replacedBy: current!.id });
    expect(old!.endedAt?.toISOString()).toBe(plus(start, 10));
    expect((await ledgerOf(hub, member.id)).map((e) => [e.kind, e.tierId, e.amountMinor])).toEqual([
      ['charge', 'vip', 1500],
      ['credit', 'vip', 1016],
      ['charge', 'svip', 1984],
    ]);
    // The same key answers the same; the card was charged for the upgrade once.
    const again = await upgrade(member, vip.id, { tierId: 'svip', period: 'month' }, key);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(reply.body);
    expect(await sandboxChargesLike(hub, `purchase:${member.id}:${key}`)).toHaveLength(1);
  });

  it('computes the credit in whole minor units, never above what was paid', () => {
    const start = new Date('2031-03-01T00:00:00Z');
    const end = new Date('2031-04-01T00:00:00Z');
    expect(unusedCredit(1500, start, end, new Date('2031-03-11T00:00:00Z'))).toBe(1016);
    expect(unusedCredit(1500, start, end, start)).toBe(1500);
    expect(unusedCredit(1500, start, end, end)).toBe(0);
    expect(unusedCredit(1500, start, end, new Date('2031-05-01T00:00:00Z'))).toBe(0);
    expect(unusedCredit(Number.MAX_SAFE_INTEGER, start, end, new Date('2031-03-01T00:00:00.001Z'))).toBe(
      9007199251378088,
    );
  });

  it('upgrades monthly to yearly, and a credit above the new price pays it whole with nothing charged', async () => {
    const member = await newMember(hub);
    const vip = await subscribe(member, { period: 'year' });
    hub.clock.advance(DAY_MS);
    const reply = await upgrade(member, vip.id, { tierId: 'svip', period: 'month' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({
      credit: 3000,
      receipt: null,
      subscription: { tierId: 'svip', period: 'month' },
    });
    expect((await ledgerOf(hub, member.id)).map((e) => [e.kind, e.amountMinor])).toEqual([
      ['charge', 15000],
      ['credit', 3000],
    ]);
    const yearly = await upgrade(member, reply.body.subscription.id, { tierId: 'svip', period: 'year' });
    expect(yearly.status, JSON.stringify(yearly.body)).toBe(200);
    expect(yearly.body.subscription).toMatchObject({ tierId: 'svip', period: 'year', amountMinor: 30000 });
    expect(yearly.body.receipt.amountMinor).toBe(30000 - yearly.body.credit);
  });

  it('refuses what is not an upgrade, another lane or currency, and other accounts', async () => {
    const member = await newMember(hub);
    const svip = await subscribe(member, { tierId: 'svip' });
    for (const [body, code] of [
      [{ tierId: 'vip', period: 'month' }, 'membership.not_an_upgrade'],
      [{ tierId: 'svip', period: 'month' }, 'membership.not_an_upgrade'],
      [{ tierId: 'mail-plus', period: 'year' }, 'membership.other_lane'],
      [{ tierId: 'svip', period: 'year', currency: 'USD' }, 'membership.currency_mismatch'],
      [{ tierId: 'nope', period: 'year' }, 'membership.unknown_tier'],
      [{ tierId: 'svip', period: 'year', amountMinor: 1 }, 'request.invalid'],
    ] as const) {
      const reply = await upgrade(member, svip.id, body);
      expect(reply.status, code).toBe(400);
      expect(reply.body.error.code).toBe(code);
    }
    const stranger = await newMember(hub);
    expect((await upgrade(stranger, svip.id, { tierId: 'svip', period: 'year' })).status).toBe(404);
    expect((await downgrade(stranger, svip.id, { tierId: 'vip', period: 'month' })).status).toBe(404);
    expect((await upgrade(member, 'not-a-uuid', { tierId: 'svip', period: 'year' })).status).toBe(404);
    const keyless = await member.browser.request('POST', `/api/me/subscriptions/${svip.id}/upgrade`, {
      tierId: 'svip',
      period: 'year',
    });
    expect(keyless.body.error.code).toBe('membership.idempotency_key_required');
    expect(await rowsOf(hub, member.id)).toHaveLength(1);
  });

  it('schedules a downgrade for the period end and charges the lower price then; the current plan cancels it', async () => {
    const member = await newMember(hub);
    const svip = await subscribe(member, { tierId: 'svip' });
    const higher = await downgrade(member, svip.id, { tierId: 'svip', period: 'year' });
    expect(higher.status).toBe(400);
    expect(higher.body.error.code).toBe('membership.not_a_downgrade');
    const scheduled = await downgrade(member, svip.id, { tierId: 'vip', period: 'month' });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.subscription).toMatchObject({
      tierId: 'svip',
      nextTierId: 'vip',
      nextPeriod: 'month',
    });
    const kept = await downgrade(member, svip.id, { tierId: 'svip', period: 'month' });
    expect(kept.body.subscription).toMatchObject({ nextTierId: null, nextPeriod: null });
    await downgrade(member, svip.id, { tierId: 'vip', period: 'month' });
    expect(await ledgerOf(hub, member.id)).toHaveLength(1);

    moveTo(hub, svip.currentPeriodEnd);
    await runBillingJobs(hub);
    const [old, current] = await rowsOf(hub, member.id);
    expect(old).toMatchObject({ status: 'ended', endReason: 'changed', replacedBy: current!.id });
    expect(old!.endedAt?.toISOString()).toBe(svip.currentPeriodEnd);
    expect(current).toMatchObject({ tierId: 'vip', status: 'active', amountMinor: 1500, nextTierId: null });
    expect(current!.currentPeriodStart.toISOString()).toBe(svip.currentPeriodEnd);
    expect((await ledgerOf(hub, member.id)).map((e) => [e.kind, e.tierId, e.amountMinor])).toEqual([
      ['charge', 'svip', 3000],
      ['charge', 'vip', 1500],
    ]);
  });
  it('refunds a paid upgrade whose subscription was revoked while it was being charged', async () => {
    const member = await newMember(hub);
    const vip = await subscribe(member);
    const sandbox = createSandboxProvider({ db: hub.db, clock: hub.clock });
    const origin = { ip: null, userAgent: 'test' };
    // The provider takes the charge; meanwhile an admin revokes the subscription being upgraded.
    const billing = createBilling({
      db: hub.db,
      clock: hub.clock,
      queue: hub.services.queue,
      notifier: hub.services.membershipNotifier,
      securityLog: hub.services.securityLog,
      provider: {
        ...sandbox,
        async charge(request) {
          const result = await sandbox.charge(request);
          await hub.services.billing.complimentary.revoke(member.id, vip.id, 'Chargeback', origin);
          return result;
        },
      },
    });
    const key = randomUUID();
    const answer = await billing.purchases.upgrade(member.id, vip.id, key, {
      tierId: 'svip',
      period: 'month',
    });
    expect(answer).toMatchObject({
      status: 409,
      body: { error: { code: 'membership.subscription_changed' } },
    });
    expect(
      await billing.purchases.upgrade(member.id, vip.id, key, { tierId: 'svip', period: 'month' }),
    ).toEqual(answer);
    const [charge] = await sandboxChargesLike(hub, `purchase:${member.id}:${key}`);
    const [refund] = await sandboxChargesLike(hub, `refund:purchase:${member.id}:${key}`);
    expect(refund).toMatchObject({ kind: 'refund', refunds: charge!.id, amountMinor: charge!.amountMinor });
    expect((await ledgerOf(hub, member.id)).map((e) => [e.kind, e.amountMinor])).toEqual([
      ['charge', 1500],
      ['charge', charge!.amountMinor],
      ['refund', charge!.amountMinor],
    ]);
    expect((await rowsOf(hub, member.id)).map((row) => [row.tierId, row.endReason])).toEqual([
      ['vip', 'revoked'],
    ]);
  });
});
