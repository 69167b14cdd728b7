import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testManifest } from '../services/testkit.js';
import { newStaff } from '../test/admin.js';
import { GOOD_PASSWORD, type Reply, TestBrowser, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { authenticatorFor, enroll, stepUp } from '../test/passkeys.js';

const platinum = {
  id: 'platinum',
  name: 'Platinum',
  description: 'Above SVIP.',
  color: '#6a5acd',
  scope: 'platform',
  rank: 3,
  perks: { 'mail.quota_mb': 102400 },
  prices: [{ period: 'month', currency: 'CNY', amountMinor: 5000 }],
};

function expectInvalid(reply: Reply, code: string, path: string) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(400);
  expect(reply.body).toEqual({
    error: {
      code,
      message: expect.any(String),
      details: expect.arrayContaining([expect.objectContaining({ path })]),
    },
  });
}

describe('the admin API for membership tiers', () => {
  let hub: TestHub;
  let admin: TestBrowser;
  let user: TestBrowser;

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.services.serviceRegistry.register(testManifest());
    await hub.services.seedDefaultTiers();
    admin = (await newStaff(hub, ['admin'])).browser;
    user = new TestBrowser(hub);
    await user.signUp();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('lists every tier with its price history for admins', async () => {
    const res = await admin.request('GET', '/api/admin/tiers');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.tiers.map((t: { id: string }) => t.id)).toEqual(['vip', 'svip', 'mail-plus']);
    expect(res.body.tiers[0]).toMatchObject({
      id: 'vip',
      perks: { 'mail.quota_mb': 10240 },
      prices: [
        { period: 'month', currency: 'CNY', amountMinor: 1500 },
        { period: 'year', currency: 'CNY', amountMinor: 15000 },
      ],
      priceHistory: expect.any(Array),
    });
  });

  it('creates, edits, reprices and retires a tier', async () => {
    const created = await admin.request('POST', '/api/admin/tiers', platinum);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.tier).toMatchObject({ id: 'platinum', scope: 'platform', serviceId: null, rank: 3 });

    hub.clock.advance(1000);
    const edited = await admin.request('PATCH', '/api/admin/tiers/platinum', {
      names: { 'zh-CN': '白金会员' },
      growthPerDayYearly: 30,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.tier).toMatchObject({ names: { 'zh-CN': '白金会员' }, growthPerDayYearly: 30 });

    const repriced = await admin.request('PUT', '/api/admin/tiers/platinum/prices', {
      prices: [{ period: 'month', currency: 'CNY', amountMinor: 4500 }],
    });
    expect(repriced.status).toBe(200);
    expect(repriced.body.tier.prices).toEqual([
      { period: 'month', currency: 'CNY', amountMinor: 4500, effectiveFrom: hub.clock.now().toISOString() },
    ]);
    expect(repriced.body.tier.priceHistory.map((p: { amountMinor: number }) => p.amountMinor)).toEqual([
      5000, 4500,
    ]);

    const retired = await admin.request('POST', '/api/admin/tiers/platinum/retire');
    expect(retired.status).toBe(200);
    expect(retired.body.tier.retired).toBe(true);
    const again = await admin.request('PATCH', '/api/admin/tiers/platinum', { name: 'Back' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('membership.tier_retired');
    // Each write is in the audit log; the refused one is not.
    const audited = await hub.services.audit.search({ targetId: 'platinum' });
    expect(audited.entries.map((e) => e.action)).toEqual([
      'tier.retired',
      'tier.prices_set',
      'tier.updated',
      'tier.created',
    ]);
    expect(audited.entries[0]).toMatchObject({ target: { type: 'tier', id: 'platinum', label: 'Platinum' } });
    const listed = (await admin.request('GET', '/api/admin/tiers')).body.tiers;
    expect(listed.find((t: { id: string }) => t.id === 'platinum')).toMatchObject({
      id: 'platinum',
      retired: true,
    });
  });

  it('answers bad input with 400 in the one error shape, naming the field', async () => {
    const price = (amountMinor: unknown, currency = 'CNY') => ({
      prices: [{ period: 'month', currency, amountMinor }],
    });
    for (const [body, path] of [
      [price(-1500), 'prices.0.amountMinor'],
      [price(15.5), 'prices.0.amountMinor'],
      [price(0), 'prices.0.amountMinor'],
      [price(1500, 'BTC'), 'prices.0.currency'],
      [{ prices: [] }, 'prices'],
    ] as const) {
      expectInvalid(await admin.request('PUT', '/api/admin/tiers/vip/prices', body), 'request.invalid', path);
    }
    expectInvalid(
      await admin.request('POST', '/api/admin/tiers', { ...platinum, id: 'gold', ...price(-1) }),
      'request.invalid',
      'prices.0.amountMinor',
    );
    expectInvalid(
      await admin.request('POST', '/api/admin/tiers', { ...platinum, id: 'Not A Slug' }),
      'request.invalid',
      'id',
    );
    expectInvalid(
      await admin.request('POST', '/api/admin/tiers', { ...platinum, id: 'gold', perks: { 'mail.nope': 1 } }),
      'membership.unknown_perk',
      'perks.mail.nope',
    );
    expectInvalid(
      await admin.request('PATCH', '/api/admin/tiers/vip', { perks: { 'mail.quota_mb': 'lots' } }),
      'request.invalid',
      'perks.mail.quota_mb',
    );
    expectInvalid(
      await admin.request('PATCH', '/api/admin/tiers/vip', { perks: { 'mail.quota_mb': false } }),
      'membership.invalid_perk',
      'perks.mail.quota_mb',
    );
    expectInvalid(
      await admin.request('PATCH', '/api/admin/tiers/mail-plus', { scope: 'platform' }),
      'request.invalid',
      '(body)',
    );
    const duplicate = await admin.request('POST', '/api/admin/tiers', { ...platinum, id: 'vip' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('membership.tier_exists');
    const missing = await admin.request('PUT', '/api/admin/tiers/nope/prices', price(100));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('membership.tier_not_found');
    expect(
      (await admin.request('GET', '/api/admin/tiers')).body.tiers.map((t: { id: string }) => t.id),
    ).toEqual(['vip', 'svip', 'platinum', 'mail-plus']);
  });

  it('refuses everyone but admins: 403 auth.forbidden signed in, 401 signed out', async () => {
    for (const [method, path, body] of [
      ['GET', '/api/admin/tiers'],
      ['POST', '/api/admin/tiers', { ...platinum, id: 'sneaky' }],
      ['PATCH', '/api/admin/tiers/vip', { rank: 9 }],
      [
        'PUT',
        '/api/admin/tiers/vip/prices',
        { prices: [{ period: 'month', currency: 'CNY', amountMinor: 1 }] },
      ],
      ['POST', '/api/admin/tiers/vip/retire'],
    ] as const) {
      const forbidden = await user.request(method, path, body);
      expect(forbidden.status, path).toBe(403);
      expect(forbidden.body.error.code).toBe('auth.forbidden');
      expect((await new TestBrowser(hub).request(method, path, body)).status, path).toBe(401);
    }
    expect(await hub.services.tiers.get('sneaky')).toBeUndefined();
    expect((await hub.services.tiers.get('vip'))!).toMatchObject({ rank: 1, retired: false });
  });

  it('needs a step-up for every write when the admin has a passkey', async () => {
    const handle = uniqueHandle('admin');
    await hub.services.accounts.create({
      handle,
      displayName: 'Keyed',
      password: GOOD_PASSWORD,
      roles: ['admin'],
    });
    const keyed = new TestBrowser(hub);
    expect((await keyed.signIn(handle)).status).toBe(200);
    const authenticator = authenticatorFor(hub);
    await enroll(keyed, authenticator, 'Key');

    expect((await keyed.request('GET', '/api/admin/tiers')).status).toBe(200);
    const writes = [
      ['POST', '/api/admin/tiers', { ...platinum, id: 'keyed' }],
      ['PATCH', '/api/admin/tiers/svip', { rank: 5 }],
      [
        'PUT',
        '/api/admin/tiers/svip/prices',
        { prices: [{ period: 'year', currency: 'USD', amountMinor: 4999 }] },
      ],
      ['POST', '/api/admin/tiers/svip/retire'],
    ] as const;
    for (const [method, path, body] of writes) {
      const refused = await keyed.request(method, path, body);
      expect(refused.status, path).toBe(401);
      expect(refused.body.error.code).toBe('step_up_required');
    }
    expect((await hub.services.tiers.get('svip'))!).toMatchObject({ rank: 2, retired: false });

    expect((await stepUp(keyed, authenticator)).status).toBe(200);
    hub.clock.advance(1000);
    const statuses = [];
    for (const [method, path, body] of writes)
      statuses.push((await keyed.request(method, path, body)).status);
    expect(statuses).toEqual([201, 200, 200, 200]);
  });

  it('shows the tiers on sale with their current prices to anyone', async () => {
    const res = await new TestBrowser(hub).request('GET', '/api/tiers');
    expect(res.status).toBe(200);
    expect(res.body.tiers.map((t: { id: string }) => t.id)).toEqual(['vip', 'keyed', 'mail-plus']);
    expect(res.body.tiers[0].prices).toEqual([
      expect.objectContaining({ period: 'month', currency: 'CNY', amountMinor: 1500 }),
      expect.objectContaining({ period: 'year', currency: 'CNY', amountMinor: 15000 }),
    ]);
    expect(res.body.tiers[0]).not.toHaveProperty('priceHistory');
  });
});
