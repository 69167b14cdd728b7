import { jobs } from '@orbit/jobs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../db/schema.js';
import { securityEvents } from '../security/index.js';
import { testManifest } from '../services/testkit.js';
import { GOOD_PASSWORD, type Reply, TestBrowser, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { authenticatorFor, enroll, stepUp } from '../test/passkeys.js';
import { MEMBERSHIP_EVENTS_QUEUE } from './events.js';
import { addDays, localDay } from './local-days.js';
import { growthEntries, subscriptions } from './schema.js';

const DAY = 86_400_000;

function expectError(reply: Reply, status: number, code: string) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
}

describe('admin growth adjustments', () => {
  let hub: TestHub;
  let admin: TestBrowser;
  let adminId: string;
  let adminHandle: string;
  let adminKey: ReturnType<typeof authenticatorFor>;
  /**
   * A zone whose day is not UTC's right now (sign-ins need the real time: cookies' expiry is checked against it):
   * UTC+14 from 10:00 UTC on, UTC−12 before noon.
   */
  let zone: string;

  beforeAll(async () => {
    hub = await startTestHub();
    zone = hub.clock.now().getUTCHours() >= 12 ? 'Pacific/Kiritimati' : 'Etc/GMT+12';
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
    adminHandle = uniqueHandle('admin');
    adminId = (
      await hub.services.accounts.create({
        handle: adminHandle,
        displayName: 'Admin',
        password: GOOD_PASSWORD,
        roles: ['admin'],
      })
    ).id;
    admin = new TestBrowser(hub);
    expect((await admin.signIn(adminHandle)).status).toBe(200);
    adminKey = authenticatorFor(hub);
    await enroll(admin, adminKey, 'Key');
  });
  afterAll(async () => {
    await hub?.close();
  });

  const adjust = (accountId: string, body: unknown, by: TestBrowser = admin) =>
    by.request('POST', `/api/admin/accounts/${accountId}/growth-adjustments`, body);

  async function member(timeZone = 'UTC'): Promise<{ browser: TestBrowser; id: string }> {
    const browser = new TestBrowser(hub);
    const reply = await browser.signUp();
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const id: string = reply.body.account.id;
    if (timeZone !== 'UTC') await hub.db.update(accounts).set({ timeZone }).where(eq(accounts.id, id));
    return { browser, id };
  }

  /** A VIP subscription row as the billing core writes it (monthly purchase), live unless `to` is given. */
  async function subscribe(accountId: string, from: Date, to: Date | null = null): Promise<void> {
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
      currentPeriodStart: from,
      currentPeriodEnd: new Date(from.getTime() + 30 * DAY),
      startedAt: from,
      endedAt: to,
      endReason: to ? 'expired' : null,
      createdAt: from,
      updatedAt: from,
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

  const rowsOf = (accountId: string) =>
    hub.db.select().from(growthEntries).where(eq(growthEntries.accountId, accountId));
  const logOf = (accountId: string) =>
    hub.db.select().from(securityEvents).where(eq(securityEvents.accountId, accountId));

  it('asks an admin with a passkey to step up first', async () => {
    const { id } = await member();
    expectError(await adjust(id, { delta: 10, note: 'Welcome' }), 401, 'step_up_required');
    expect(await rowsOf(id)).toEqual([]);
    expect((await stepUp(admin, adminKey)).status).toBe(200);
  });

  it('adds 700 points to a member: the total and VIP level move, and every reading service is told', async () => {
    const { browser, id } = await member(zone);
    const today = localDay(hub.clock.now(), zone);
    expect(today).not.toBe(localDay(hub.clock.now(), 'UTC'));
    await subscribe(id, hub.clock.now());
    const res = await adjust(id, { delta: 700, note: '  Compensation for outage #42  ' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // Today in the member's zone. The day settled first: the membership's 10 today.
    expect(res.body.entry).toEqual({
      id: expect.any(String),
      day: today,
      kind: 'adjustment',
      delta: 700,
      tierId: null,
      note: 'Compensation for outage #42',
      createdAt: hub.clock.now().toISOString(),
      by: { id: adminId, handle: adminHandle },
    });
    expect(res.body.levels.growth).toMatchObject({ total: 710, level: 2, vipLevel: 2, member: true });
    expect(res.body.levels).toEqual((await admin.request('GET', `/api/admin/accounts/${id}/levels`)).body);
    expect((await browser.request('GET', '/api/me/levels')).body.growth).toMatchObject({
      total: 710,
      vipLevel: 2,
    });
    expect(await deliveriesFor(id)).toEqual([
      { serviceId: 'mail', accountId: id, reason: 'level_changed' },
      { serviceId: 'notes', accountId: id, reason: 'level_changed' },
    ]);

    // The member's security log says who and why, as the member reads it.
    const log = (await browser.request('GET', '/api/me/security-log')).body.events;
    expect(log[0]).toMatchObject({
      type: 'membership.growth_adjusted',
      details: {
        entryId: res.body.entry.id,
        delta: 700,
        note: 'Compensation for outage #42',
        day: today,
        total: 710,
        by: adminId,
      },
    });
    // And the audit log, in the adjustment's transaction.
    const [audited] = (
      await hub.services.audit.search({ action: 'membership.growth_adjusted', targetId: id })
    ).entries;
    expect(audited).toMatchObject({
      actor: { accountId: adminId, via: 'console' },
      details: { entryId: res.body.entry.id, delta: 700, total: 710 },
    });

    // Those went out (a delivery still waiting would take in the next change of the same reason).
    await hub.db
      .update(jobs)
      .set({ state: 'done', finishedAt: hub.clock.now() })
      .where(and(eq(jobs.queue, MEMBERSHIP_EVENTS_QUEUE), sql`${jobs.payload}->>'accountId' = ${id}`));
    // Within VIP2 no one is told; back below 600 they are, again. (A second apart, as admins would be.)
    hub.clock.advance(1000);
    expect((await adjust(id, { delta: 50, note: 'Bonus' })).body.levels.growth.total).toBe(760);
    expect(await deliveriesFor(id)).toHaveLength(2);
    hub.clock.advance(1000);
    const down = await adjust(id, { delta: -200, note: 'Reversal of the bonus' });
    expect(down.status).toBe(201);
    expect(down.body.levels.growth).toMatchObject({ total: 560, vipLevel: 1 });
    expect((await deliveriesFor(id)).map((d) => d.serviceId)).toEqual(['mail', 'mail', 'notes', 'notes']);

    // Admins read the adjustments with their notes, newest first; and all entries.
    const seen = await admin.request('GET', `/api/admin/accounts/${id}/growth-entries?kind=adjustment`);
    expect(seen.status).toBe(200);
    expect(seen.headers.get('cache-control')).toBe('no-store');
    expect(
      seen.body.entries.map((e: { delta: number; note: string; by: unknown }) => [e.delta, e.note, e.by]),
    ).toEqual([
      [-200, 'Reversal of the bonus', { id: adminId, handle: adminHandle }],
      [50, 'Bonus', { id: adminId, handle: adminHandle }],
      [700, 'Compensation for outage #42', { id: adminId, handle: adminHandle }],
    ]);
    const all = (await admin.request('GET', `/api/admin/accounts/${id}/growth-entries?limit=10`)).body
      .entries;
    expect(all.map((e: { kind: string }) => e.kind).sort()).toEqual([
      'accrual',
      'adjustment',
      'adjustment',
      'adjustment',
    ]);
    expect(all.find((e: { kind: string }) => e.kind === 'accrual')).toMatchObject({
      delta: 10,
      tierId: 'vip',
      note: null,
      by: null,
    });
    expect(
      (await admin.request('GET', `/api/admin/accounts/${id}/growth-entries?limit=1`)).body.entries,
    ).toHaveLength(1);
  });

  it('tells no one when a non-member’s growth crosses a threshold (its vipLevel stays 0)', async () => {
    const { id } = await member();
    const res = await adjust(id, { delta: 1800, note: 'Migrated from the old system' });
    expect(res.status).toBe(201);
    expect(res.body.levels.growth).toMatchObject({ total: 1800, level: 3, vipLevel: 0, member: false });
    expect(res.body.entry.day).toBe(localDay(hub.clock.now(), 'UTC'));
    expect(await deliveriesFor(id)).toEqual([]);
  });

  it('refuses to take the total below zero, writing nothing', async () => {
    const { id } = await member();
    expect((await adjust(id, { delta: 30, note: 'Start' })).status).toBe(201);
    const rows = await rowsOf(id);
    const logged = await logOf(id);
    const res = await adjust(id, { delta: -31, note: 'Too much' });
    expectError(res, 409, 'membership.growth_below_zero');
    expect(res.body.error.details).toEqual({ total: 30 });
    expect(await rowsOf(id)).toEqual(rows);
    expect(await logOf(id)).toEqual(logged);
    // Down to exactly zero is fine.
    const zero = await adjust(id, { delta: -30, note: 'All of it' });
    expect(zero.status).toBe(201);
    expect(zero.body.levels.growth.total).toBe(0);
    expectError(await adjust(id, { delta: -1, note: 'Below' }), 409, 'membership.growth_below_zero');
  });

  it('takes concurrent adjustments and settlement in turns: never below zero, never a lost row', async () => {
    const { id } = await member();
    await subscribe(id, new Date(hub.clock.now().getTime() - 3 * DAY));
    const { adjust: adjustNow } = hub.services.growthAdjustments;
    // Settled: 4 days at 10. Then 10 adjustments of −10 race each other and settlement passes.
    await hub.services.growth.settleAccount(id);
    const results = await Promise.allSettled([
      ...Array.from({ length: 10 }, (_, i) => adjustNow(id, { delta: -10, note: `Race ${i}` }, adminId)),
      hub.services.growth.settle(),
      hub.services.growth.settleAccount(id),
    ]);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(
      Array(6).fill('membership.growth_below_zero'),
    );
    expect((await hub.services.levels.of(id)).growth).toBe(0);
    expect((await rowsOf(id)).filter((r) => r.kind === 'adjustment')).toHaveLength(4);
    expect((await logOf(id)).filter((e) => e.type === 'membership.growth_adjusted')).toHaveLength(4);
  });

  it('answers bad bodies with 400 in the one error shape, writing nothing', async () => {
    const { id } = await member();
    const bad: unknown[] = [
      { delta: 0, note: 'Zero' },
      { delta: 1.5, note: 'Half' },
      { delta: 'x', note: 'Text' },
      { delta: '10', note: 'A string number' },
      { delta: 100_001, note: 'Too many' },
      { delta: -100_001, note: 'Too few' },
      { delta: null, note: 'Null' },
      { note: 'No delta' },
      { delta: 10 },
      { delta: 10, note: '' },
      { delta: 10, note: '   ' },
      { delta: 10, note: 'x'.repeat(501) },
      { delta: 10, note: 42 },
      { delta: 10, note: 'nul \u0000 inside' },
      { delta: 10, note: 'Extra', by: adminId },
      {},
      [],
      'delta=10',
    ];
    for (const body of bad) {
      const res = await adjust(id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      // Text PostgreSQL can't store is refused by the shared text rule, before the body's own schema.
      const code = JSON.stringify(body).includes('\\u0000') ? 'request.invalid_text' : 'request.invalid';
      expect(res.body.error.code, JSON.stringify(body)).toBe(code);
    }
    const broken = await admin.request('POST', `/api/admin/accounts/${id}/growth-adjustments`, undefined, {
      headers: { 'content-type': 'application/json' },
      raw: '{"delta": 10,',
    });
    expect(broken.status).toBe(400);
    expect(await rowsOf(id)).toEqual([]);
    // The limits themselves are fine.
    expect((await adjust(id, { delta: 100_000, note: 'x'.repeat(500) })).status).toBe(201);
    expect((await adjust(id, { delta: -100_000, note: 'Back' })).status).toBe(201);
    for (const query of ['limit=0', 'limit=101', 'limit=x', 'kind=bonus']) {
      expectError(
        await admin.request('GET', `/api/admin/accounts/${id}/growth-entries?${query}`),
        400,
        'request.invalid',
      );
    }
  });

  it('answers 404 for an unknown account, 403 for a non-admin, 401 without a session', async () => {
    const { browser, id } = await member();
    for (const unknown of ['nope', '00000000-0000-4000-8000-000000000000']) {
      expectError(await adjust(unknown, { delta: 10, note: 'Ghost' }), 404, 'account.not_found');
      expectError(
        await admin.request('GET', `/api/admin/accounts/${unknown}/growth-entries`),
        404,
        'account.not_found',
      );
    }
    expectError(await adjust(id, { delta: 10, note: 'Myself' }, browser), 403, 'auth.forbidden');
    expectError(
      await browser.request('GET', `/api/admin/accounts/${id}/growth-entries`),
      403,
      'auth.forbidden',
    );
    expectError(
      await adjust(id, { delta: 10, note: 'Nobody' }, new TestBrowser(hub)),
      401,
      'session.required',
    );
    expect(await rowsOf(id)).toEqual([]);
  });

  it('leaves settlement rebuildable: adjustments are neither accruals nor decay, and decay counts them', async () => {
    const { id } = await member();
    // Ten days of membership, from the middle of a day ten days ago to yesterday's: 100 points.
    const today = localDay(hub.clock.now(), 'UTC');
    const noon = (day: string) => new Date(`${day}T12:00:00Z`);
    await subscribe(id, noon(addDays(today, -10)), noon(addDays(today, -1)));
    const res = await adjust(id, { delta: -90, note: 'Chargeback' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.levels.growth.total).toBe(10);
    // Rebuilt through the settled day (yesterday): the accruals match, and both totals count today's adjustment.
    expect(await hub.services.growth.rebuild(id)).toMatchObject({
      matches: true,
      total: { expected: 10, actual: 10 },
    });

    // Without a membership the days decay by 5, from the adjusted total, and stop at zero.
    hub.clock.advance(4 * DAY);
    await hub.services.growth.settleAccount(id);
    expect((await hub.services.levels.of(id)).growth).toBe(0);
    const rebuilt = await hub.services.growth.rebuild(id);
    expect(rebuilt).toMatchObject({ matches: true, total: { expected: 0, actual: 0 } });
    expect(rebuilt.actual.filter((r) => r.kind === 'decay').map((r) => r.delta)).toEqual([-5, -5]);
  });
});
