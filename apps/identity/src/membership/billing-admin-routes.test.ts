import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestBrowser } from '../test/client.js';
import {
  type Admin,
  type BillingHub,
  buy,
  DAY_MS,
  ledgerOf,
  type Member,
  moveTo,
  newAdmin,
  newMember,
  runBillingJobs,
  startBillingHub,
  subscribe,
} from './billing-testkit.js';
import { ledgerEntries } from './schema.js';

describe('memberships for admins: grants, revocations, an account’s memberships, revenue', () => {
  let hub: BillingHub;
  let admin: Admin;

  beforeAll(async () => {
    hub = await startBillingHub();
    admin = await newAdmin(hub);
  });
  afterAll(async () => {
    await hub.close();
  });
  // Sessions end after days unused, and these tests move the clock.
  beforeEach(async () => {
    await admin.signIn();
  });

  const inDays = (days: number) => new Date(hub.clock.now().getTime() + days * DAY_MS).toISOString();
  const grant = (accountId: string, body: unknown, by: Member = admin) =>
    by.browser.request('POST', `/api/admin/accounts/${accountId}/memberships`, body);
  const revoke = (id: string, body: unknown, by: Member = admin) =>
    by.browser.request('POST', `/api/admin/subscriptions/${id}/revoke`, body);
  const tiersHeld = async (member: Member) => (await hub.services.entitlements.of(member.id, 'mail')).tiers;
  const securityLog = async (member: Member) =>
    (await admin.browser.request('GET', `/api/admin/accounts/${member.id}/security-log`)).body.events;

  it('grants a complimentary membership with a reason until a date, when it expires', async () => {
    const member = await newMember(hub);
    const until = inDays(10);
    const granted = await grant(member.id, { tierId: 'svip', until, reason: 'Conference speaker' });
    expect(granted.status, JSON.stringify(granted.body)).toBe(201);
    expect(granted.body.subscription).toMatchObject({
      tierId: 'svip',
      source: 'complimentary',
      status: 'active',
      period: null,
      amountMinor: null,
      autoRenew: false,
      currentPeriodEnd: until,
      grantReason: 'Conference speaker',
      card: null,
    });
    expect(await tiersHeld(member)).toEqual(expect.arrayContaining(['svip', 'vip']));
    expect((await securityLog(member))[0]).toMatchObject({
      type: 'membership.granted',
      details: { tierId: 'svip', reason: 'Conference speaker', by: admin.id, until },
    });
    const again = await grant(member.id, { tierId: 'vip', until, reason: 'Twice' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'membership.already_granted',
      details: { subscriptionId: granted.body.subscription.id },
    });
    // A complimentary membership and a purchase live side by side in a lane.
    expect((await buy(member)).status).toBe(201);

    const seen = await admin.browser.request('GET', `/api/admin/accounts/${member.id}/membership`);
    expect(seen.status).toBe(200);
    expect(seen.headers.get('cache-control')).toBe('no-store');
    expect(seen.body.subscriptions.map((s: { tierId: string }) => s.tierId).sort()).toEqual(['svip', 'vip']);
    expect(seen.body.receipts).toHaveLength(1);

    moveTo(hub, until);
    await runBillingJobs(hub);
    const [ended] = (await hub.services.billing.subscriptionsOf(member.id)).filter(
      (s) => s.source === 'complimentary',
    );
    expect(ended).toMatchObject({ status: 'ended', endReason: 'expired', endedAt: until });
  });

  it('revokes any live subscription at once with a reason, without a refund', async () => {
    const member = await newMember(hub);
    const granted = (await grant(member.id, { tierId: 'vip', until: inDays(30), reason: 'Beta tester' }))
      .body;
    const revoked = await revoke(granted.subscription.id, { reason: 'Beta is over' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.subscription).toMatchObject({
      status: 'ended',
      endReason: 'revoked',
      endedAt: hub.clock.now().toISOString(),
    });
    expect(await tiersHeld(member)).toEqual([]);
    expect((await securityLog(member))[0]).toMatchObject({
      type: 'membership.revoked',
      details: { reason: 'Beta is over', by: admin.id, source: 'complimentary' },
    });
    const again = await revoke(granted.subscription.id, { reason: 'Again' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('membership.subscription_ended');

    const bought = await subscribe(member, { tierId: 'mail-plus' });
    expect((await revoke(bought.id, { reason: 'Chargeback' })).body.subscription).toMatchObject({
      status: 'ended',
      endReason: 'revoked',
    });
    expect((await ledgerOf(hub, member.id)).map((e) => e.kind)).toEqual(['charge']);
  });

  it('answers bad grants and revocations with a 4xx in the one error shape', async () => {
    const member = await newMember(hub);
    await hub.services.tiers.create({
      id: 'bronze',
      name: 'Bronze',
      description: 'Gone.',
      color: '#aa7744',
      scope: 'platform',
      rank: 0,
    });
    await hub.services.tiers.retire('bronze');
    const body = (overrides: Record<string, unknown>) => ({
      tierId: 'vip',
      until: inDays(5),
      reason: 'Why',
      ...overrides,
    });
    for (const [input, code, path] of [
      [body({ until: inDays(-1) }), 'request.invalid', 'until'],
      [body({ until: inDays(3660 + 3) }), 'request.invalid', 'until'],
      [body({ until: 'tomorrow' }), 'request.invalid', 'until'],
      [body({ reason: '  ' }), 'request.invalid', 'reason'],
      [{ tierId: 'vip', until: inDays(5) }, 'request.invalid', 'reason'],
      [body({ tierId: 'nope' }), 'membership.unknown_tier', 'tierId'],
      [body({ tierId: 'bronze' }), 'membership.tier_retired', 'tierId'],
    ] as const) {
      const reply = await grant(member.id, input);
      expect(reply.status, `${code} ${path}`).toBe(400);
      expect(reply.body.error).toMatchObject({
        code,
        details: expect.arrayContaining([expect.objectContaining({ path })]),
      });
    }
    expect((await grant('00000000-0000-4000-8000-000000000000', body({}))).status).toBe(404);
    expect((await grant('not-an-id', body({}))).status).toBe(404);
    expect((await revoke('00000000-0000-4000-8000-000000000000', { reason: 'x' })).status).toBe(404);
    expect((await revoke('00000000-0000-4000-8000-000000000000', {})).status).toBe(400);
    const malformed = await admin.browser.request(
      'POST',
      `/api/admin/accounts/${member.id}/memberships`,
      undefined,
      {
        headers: { 'content-type': 'application/json' },
        raw: '{"tierId":',
      },
    );
    expect(malformed.body.error.code).toBe('request.invalid_json');
    expect(await hub.services.billing.subscriptionsOf(member.id)).toEqual([]);
  });

  it('is for admins only, and every write needs a step-up from an admin with a passkey', async () => {
    const member = await newMember(hub);
    const until = inDays(5);
    for (const reply of [
      await grant(member.id, { tierId: 'vip', until, reason: 'x' }, member),
      await member.browser.request('GET', `/api/admin/accounts/${member.id}/membership`),
      await member.browser.request('GET', '/api/admin/revenue'),
      await revoke('00000000-0000-4000-8000-000000000000', { reason: 'x' }, member),
    ]) {
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('auth.forbidden');
    }
    expect((await new TestBrowser(hub).request('GET', '/api/admin/revenue')).status).toBe(401);

    const keyed = await newAdmin(hub);
    hub.clock.advance(10 * 60_000);
    const refused = await grant(member.id, { tierId: 'vip', until, reason: 'x' }, keyed);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('step_up_required');
    expect((await keyed.browser.request('GET', '/api/admin/revenue')).status).toBe(200);
    await keyed.stepUp();
    expect((await grant(member.id, { tierId: 'vip', until, reason: 'x' }, keyed)).status).toBe(201);
  });

  it('sums revenue per tier and currency from the ledger', async () => {
    const before = (await admin.browser.request('GET', '/api/admin/revenue')).body.tiers;
    type Line = {
      tierId: string;
      charged: number;
      credited: number;
      refunded: number;
      net: number;
      count: number;
    };
    const line = (tiers: Line[], id: string): Omit<Line, 'tierId'> =>
      tiers.find((t) => t.tierId === id) ?? { charged: 0, credited: 0, refunded: 0, net: 0, count: 0 };
    const member = await newMember(hub);
    const vip = await subscribe(member);
    // At once: the whole VIP month is unused, so all of it is credited.
    const upgraded = await member.browser.request(
      'POST',
      `/api/me/subscriptions/${vip.id}/upgrade`,
      { tierId: 'svip', period: 'month' },
      { headers: { 'idempotency-key': 'revenue-upgrade-1' } },
    );
    expect(upgraded.body).toMatchObject({ credit: 1500, receipt: { amountMinor: 1500 } });
    const after = await admin.browser.request('GET', '/api/admin/revenue');
    expect(after.status).toBe(200);
    expect(after.headers.get('cache-control')).toBe('no-store');
    const delta = (id: string) => {
      const [a, b] = [line(after.body.tiers, id), line(before, id)];
      return {
        charged: a.charged - b.charged,
        credited: a.credited - b.credited,
        net: a.net - b.net,
        count: a.count - b.count,
      };
    };
    expect(delta('vip')).toEqual({ charged: 1500, credited: 1500, net: 1500, count: 1 });
    expect(delta('svip')).toEqual({ charged: 1500, credited: 0, net: 1500, count: 1 });
    expect(line(after.body.tiers, 'vip')).toMatchObject({ tierName: 'VIP', currency: 'CNY', refunded: 0 });
  });

  it('keeps the ledger append-only: the database refuses an UPDATE', async () => {
    const refused: unknown = await hub.db
      .execute(sql`update membership.ledger_entries set amount_minor = 1`)
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    const cause = (refused as { cause?: { message?: string } } | undefined)?.cause;
    expect(cause?.message).toMatch(/membership\.ledger_entries is append-only/);
    expect(await hub.db.select().from(ledgerEntries).where(eq(ledgerEntries.amountMinor, 1))).toEqual([]);
  });
});
