import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, type Reply, TestBrowser, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { authenticatorFor, enroll, stepUp } from '../test/passkeys.js';
import { DEFAULT_VIP_THRESHOLDS } from './levels.js';
import { addDays, localDay } from './local-days.js';
import { growthEntries, subscriptions } from './schema.js';

const thresholds = (mins: readonly number[]) => ({
  levels: mins.map((minGrowth, i) => ({ level: i + 1, minGrowth })),
});

function expectError(reply: Reply, status: number, code: string) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
}

describe('the levels API', () => {
  let hub: TestHub;
  let admin: TestBrowser;
  let adminKey: ReturnType<typeof authenticatorFor>;
  let user: TestBrowser;
  let userId: string;

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.services.seedDefaultTiers();
    const handle = uniqueHandle('admin');
    await hub.services.accounts.create({
      handle,
      displayName: 'Admin',
      password: GOOD_PASSWORD,
      roles: ['admin'],
    });
    admin = new TestBrowser(hub);
    expect((await admin.signIn(handle)).status).toBe(200);
    adminKey = authenticatorFor(hub);
    await enroll(admin, adminKey, 'Key');
    user = new TestBrowser(hub);
    userId = (await user.signUp()).body.account.id;
  });
  afterAll(async () => {
    await hub.close();
  });

  it('shows a new account its levels', async () => {
    const res = await user.request('GET', '/api/me/levels');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({
      growth: {
        total: 0,
        level: 1,
        vipLevel: 0,
        member: false,
        nextLevel: { level: 2, minGrowth: 600 },
        ratePerDay: 0,
      },
      // Signing up signed in: that day is active.
      activity: {
        activeDays: 1,
        level: 0,
        nextLevelDays: 5,
        icons: { crowns: 0, suns: 0, moons: 0, stars: 0 },
      },
      timeZone: 'UTC',
      showBadges: true,
    });
  });

  it('shows a member its VIP level and what a day earns', async () => {
    const now = hub.clock.now();
    await hub.db.insert(subscriptions).values({
      accountId: userId,
      tierId: 'vip',
      lane: 'platform',
      source: 'purchase',
      status: 'active',
      period: 'year',
      currency: 'CNY',
      amountMinor: 15000,
      provider: 'sandbox',
      paymentMethod: 'pm_test',
      autoRenew: true,
      currentPeriodStart: now,
      currentPeriodEnd: new Date(now.getTime() + 365 * 86_400_000),
      startedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    const today = localDay(now, 'UTC');
    await hub.db.insert(growthEntries).values([
      { accountId: userId, day: addDays(today, -10), delta: 600, kind: 'adjustment', createdAt: now },
      {
        accountId: userId,
        day: addDays(today, -1),
        delta: 15,
        kind: 'accrual',
        tierId: 'vip',
        createdAt: now,
      },
      { accountId: userId, day: today, delta: 15, kind: 'accrual', tierId: 'vip', createdAt: now },
    ]);
    const res = await user.request('GET', '/api/me/levels');
    expect(res.body.growth).toEqual({
      total: 630,
      level: 2,
      vipLevel: 2,
      member: true,
      nextLevel: { level: 3, minGrowth: 1800 },
      ratePerDay: 15,
    });
  });

  it('counts today’s growth as soon as the member looks, not at the next settlement pass', async () => {
    const member = new TestBrowser(hub);
    const memberId: string = (await member.signUp()).body.account.id;
    const now = hub.clock.now();
    await hub.db.insert(subscriptions).values({
      accountId: memberId,
      tierId: 'vip',
      lane: 'platform',
      source: 'complimentary',
      status: 'active',
      autoRenew: false,
      currentPeriodStart: now,
      currentPeriodEnd: new Date(now.getTime() + 30 * 86_400_000),
      startedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    const res = await member.request('GET', '/api/me/levels');
    expect(res.body.growth).toMatchObject({ total: 10, member: true, vipLevel: 1 });
    // Looking again writes nothing more: today is settled once.
    expect((await member.request('GET', '/api/me/levels')).body.growth.total).toBe(10);
  });

  it('answers one point per local day for the growth chart', async () => {
    const today = localDay(hub.clock.now(), 'UTC');
    const res = await user.request('GET', '/api/me/levels/growth?days=3');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      points: [
        { day: addDays(today, -2), total: 600, delta: 0 },
        { day: addDays(today, -1), total: 615, delta: 15 },
        { day: today, total: 630, delta: 15 },
      ],
    });
    expect((await user.request('GET', '/api/me/levels/growth')).body.points).toHaveLength(90);
    expect((await user.request('GET', '/api/me/levels/growth?days=730')).body.points).toHaveLength(730);
    for (const days of ['0', '731', 'abc', '1.5', '-3']) {
      expectError(await user.request('GET', `/api/me/levels/growth?days=${days}`), 400, 'request.invalid');
    }
  });

  it('keeps the time zone and badge preferences, refusing names that are not IANA zones', async () => {
    for (const timeZone of ['Mars/Olympus_Mons', 'EST', '+05:00', 'utc']) {
      expectError(
        await user.request('PATCH', '/api/me/preferences', { timeZone }),
        400,
        'account.invalid_time_zone',
      );
    }
    expectError(
      await user.request('PATCH', '/api/me/preferences', { showBadges: 'no' }),
      400,
      'request.invalid',
    );
    expectError(
      await user.request('PATCH', '/api/me/preferences', { theme: 'dark' }),
      400,
      'request.invalid',
    );

    const saved = await user.request('PATCH', '/api/me/preferences', {
      timeZone: 'Asia/Kolkata',
      showBadges: false,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ timeZone: 'Asia/Kolkata', showBadges: false });
    expect((await user.request('PATCH', '/api/me/preferences', { timeZone: 'UTC' })).body).toEqual({
      timeZone: 'UTC',
      showBadges: false,
    });
    expect((await user.request('GET', '/api/me/levels')).body).toMatchObject({
      timeZone: 'UTC',
      showBadges: false,
    });
    expectError(await new TestBrowser(hub).request('GET', '/api/me/levels'), 401, 'session.required');
  });

  it('shows any account’s levels to admins only', async () => {
    expectError(await user.request('GET', `/api/admin/accounts/${userId}/levels`), 403, 'auth.forbidden');
    const res = await admin.request('GET', `/api/admin/accounts/${userId}/levels`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual((await user.request('GET', '/api/me/levels')).body);
    expectError(await admin.request('GET', '/api/admin/accounts/nope/levels'), 404, 'account.not_found');
    expectError(
      await admin.request('GET', '/api/admin/accounts/00000000-0000-4000-8000-000000000000/levels'),
      404,
      'account.not_found',
    );
  });

  it('lets admins change the VIP thresholds, behind step-up, only to a valid table', async () => {
    expectError(await user.request('GET', '/api/admin/vip-levels'), 403, 'auth.forbidden');
    expect((await admin.request('GET', '/api/admin/vip-levels')).body).toEqual(
      thresholds(DEFAULT_VIP_THRESHOLDS),
    );

    const lower = [0, 100, 200, 300, 400, 500, 600, 700];
    expectError(
      await admin.request('PUT', '/api/admin/vip-levels', thresholds(lower)),
      401,
      'step_up_required',
    );
    expect((await stepUp(admin, adminKey)).status).toBe(200);

    const invalid = [
      thresholds([0, 100, 200, 300, 400, 500, 600]),
      thresholds([10, 100, 200, 300, 400, 500, 600, 700]),
      thresholds([0, 100, 100, 300, 400, 500, 600, 700]),
      thresholds([0, 100, 50, 300, 400, 500, 600, 700]),
      thresholds([0, -1, 200, 300, 400, 500, 600, 700]),
      thresholds([0, 100.5, 200, 300, 400, 500, 600, 700]),
      { levels: lower.map((minGrowth, i) => ({ level: 8 - i, minGrowth })) },
      { levels: lower.map((minGrowth) => ({ level: 1, minGrowth })) },
      {},
    ];
    for (const body of invalid) {
      expectError(await admin.request('PUT', '/api/admin/vip-levels', body), 400, 'request.invalid');
    }
    expect((await admin.request('GET', '/api/admin/vip-levels')).body).toEqual(
      thresholds(DEFAULT_VIP_THRESHOLDS),
    );

    const saved = await admin.request('PUT', '/api/admin/vip-levels', thresholds(lower));
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual(thresholds(lower));
    const [audited] = (await hub.services.audit.search({ action: 'vip_levels.set' })).entries;
    expect(audited?.details).toEqual({ minGrowth: lower });
    // 630 points now reach level 7 of 8.
    expect((await user.request('GET', '/api/me/levels')).body.growth).toMatchObject({
      level: 7,
      vipLevel: 7,
      nextLevel: { level: 8, minGrowth: 700 },
    });
    await admin.request('PUT', '/api/admin/vip-levels', thresholds(DEFAULT_VIP_THRESHOLDS));
  });
});
