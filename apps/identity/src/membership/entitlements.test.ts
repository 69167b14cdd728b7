import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIL_PERKS, testManifest } from '../services/testkit.js';
import { GOOD_PASSWORD, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { perksFor } from './entitlements.js';
import { activeDays, growthEntries, type TierPerks } from './schema.js';
import { endForTest, grantForTest } from './test-memberships.js';

describe('entitlements from live subscriptions', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
    await hub.services.serviceRegistry.register(
      testManifest({
        perks: [...MAIL_PERKS],
      }),
    );
    await hub.services.serviceRegistry.register(
      testManifest({
        id: 'notes',
        name: 'Notes',
        defaultPort: 4102,
        perks: [
          { key: 'notes.pages', type: 'number', default: 100, description: 'Pages' },
          { key: 'notes.sync', type: 'boolean', default: false, description: 'Sync' },
        ],
      }),
    );
    // vip (rank 1) and svip (rank 2) grant Mail's perks; mail-plus and notes-plus their own service's.
    await hub.services.seedDefaultTiers();
  });
  afterAll(async () => {
    await hub.close();
  });

  async function account(): Promise<string> {
    const handle = uniqueHandle('ent');
    return (await hub.services.accounts.create({ handle, displayName: handle, password: GOOD_PASSWORD })).id;
  }
  const entitlementsOf = (accountId: string, serviceId = 'mail') =>
    hub.services.entitlements.of(accountId, serviceId);

  it('gives an account without a membership no tier, level 0 and no perks', async () => {
    const id = await account();
    expect(await entitlementsOf(id)).toEqual({
      sub: id,
      tiers: [],
      vipLevel: 0,
      activityLevel: 0,
      perks: {},
    });
  });

  it('gives an SVIP every lower platform tier too, and the best of their perks', async () => {
    const id = await account();
    await grantForTest(hub, id, 'svip');
    expect(await entitlementsOf(id)).toEqual({
      sub: id,
      tiers: ['svip', 'vip'],
      // A member with no growth yet is at level 1 (its threshold is 0).
      vipLevel: 1,
      activityLevel: 0,
      perks: { 'mail.quota_mb': 51200, 'mail.attachment_mb': 100 },
    });
  });

  it('answers a service tier’s perks only to its own service', async () => {
    const id = await account();
    await grantForTest(hub, id, 'notes-plus');
    expect(await entitlementsOf(id, 'notes')).toMatchObject({
      tiers: ['notes-plus'],
      perks: { 'notes.pages': 200, 'notes.sync': true },
    });
    expect(await entitlementsOf(id, 'mail')).toMatchObject({ tiers: ['notes-plus'], perks: {} });
  });

  it('merges a platform and a service tier: the larger number wins', async () => {
    const id = await account();
    await grantForTest(hub, id, 'vip');
    await grantForTest(hub, id, 'mail-plus');
    expect(await entitlementsOf(id)).toMatchObject({
      tiers: ['vip', 'mail-plus'],
      perks: { 'mail.quota_mb': 10240, 'mail.attachment_mb': 50 },
    });
  });

  it('still grants while a renewal is past due, and no longer once the subscription ended', async () => {
    const due = await account();
    await grantForTest(hub, due, 'vip', 'past_due');
    expect(await entitlementsOf(due)).toMatchObject({ tiers: ['vip'], vipLevel: 1 });

    const gone = await account();
    await grantForTest(hub, gone, 'svip', 'ended');
    expect(await entitlementsOf(gone)).toMatchObject({ tiers: [], vipLevel: 0, perks: {} });

    const revoked = await account();
    const subscription = await grantForTest(hub, revoked, 'mail-plus');
    expect((await entitlementsOf(revoked)).perks).toEqual({
      'mail.quota_mb': 5120,
      'mail.attachment_mb': 25,
    });
    await endForTest(hub, subscription);
    expect(await entitlementsOf(revoked)).toMatchObject({ tiers: [], perks: {} });
  });

  it('reads the activity level from the days the account signed in', async () => {
    const id = await account();
    const now = hub.clock.now();
    const days = ['2030-01-01', '2030-01-02', '2030-01-03', '2030-01-04', '2030-01-05'];
    await hub.db.insert(activeDays).values(days.map((day) => ({ accountId: id, day, createdAt: now })));
    expect(await entitlementsOf(id)).toMatchObject({ vipLevel: 0, activityLevel: 1 });
  });

  it('answers in one statement what the tiers held and the levels answer, for accounts in every state', async () => {
    const now = hub.clock.now();
    const growth = async (accountId: string, deltas: number[]) =>
      hub.db.insert(growthEntries).values(
        deltas.map((delta, i) => ({
          accountId,
          day: `2030-02-0${i + 1}`,
          delta,
          kind: 'adjustment' as const,
          createdAt: now,
        })),
      );
    const plain = await account();
    const svip = await account();
    await grantForTest(hub, svip, 'svip');
    await growth(svip, [700, 1200]);
    const mixed = await account();
    await grantForTest(hub, mixed, 'vip', 'past_due');
    await grantForTest(hub, mixed, 'notes-plus');
    await grantForTest(hub, mixed, 'mail-plus');
    await growth(mixed, [650]);
    const lapsed = await account();
    await grantForTest(hub, lapsed, 'svip', 'ended');
    await growth(lapsed, [4000]);
    await hub.db.insert(activeDays).values(
      ['2030-03-01', '2030-03-02', '2030-03-03', '2030-03-04', '2030-03-05'].map((day) => ({
        accountId: lapsed,
        day,
        createdAt: now,
      })),
    );
    const ids = [plain, svip, mixed, lapsed];

    /** What `held` and `levels.of` answer, the way the hub answered before the one statement. */
    const expected = async (accountId: string, serviceId: string) => {
      const held = await hub.services.membershipEntitlements.held(accountId);
      const levels = await hub.services.levels.of(accountId);
      return {
        sub: accountId,
        tiers: held.map((tier) => tier.id),
        vipLevel: levels.vipLevel,
        activityLevel: levels.activityLevel,
        perks: perksFor(held, serviceId),
      };
    };
    const compare = async () => {
      for (const id of ids) {
        for (const serviceId of ['mail', 'notes', 'portal']) {
          expect(await entitlementsOf(id, serviceId)).toEqual(await expected(id, serviceId));
        }
      }
    };
    await compare();
    expect(await entitlementsOf(svip)).toMatchObject({ tiers: ['svip', 'vip'], vipLevel: 3 });
    expect(await entitlementsOf(mixed)).toMatchObject({
      tiers: ['vip', 'mail-plus', 'notes-plus'],
      vipLevel: 2,
    });
    expect(await entitlementsOf(lapsed)).toMatchObject({ tiers: [], vipLevel: 0, activityLevel: 1 });
    // Thresholds an admin changed are read too (the defaults above, these now).
    await hub.services.levels.setThresholds([0, 100, 200, 300, 400, 500, 600, 5000]);
    await compare();
    expect(await entitlementsOf(svip)).toMatchObject({ vipLevel: 7 });
    // No such account: the service API's 404.
    await expect(entitlementsOf('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({
      code: 'account.not_found',
    });
  });
});

describe('perksFor', () => {
  it('keeps one service’s keys: the largest number, and true if any tier grants it', () => {
    const held: { perks: TierPerks }[] = [
      { perks: { 'mail.quota_mb': 100, 'mail.vip': false, 'notes.pages': 9 } },
      { perks: { 'mail.quota_mb': 300, 'mail.vip': true } },
      { perks: { 'mail.quota_mb': 200, 'mail.vip': false, 'mailbox.size': 1 } },
    ];
    expect(perksFor(held, 'mail')).toEqual({ 'mail.quota_mb': 300, 'mail.vip': true });
    expect(perksFor(held, 'notes')).toEqual({ 'notes.pages': 9 });
    expect(perksFor(held, 'portal')).toEqual({});
  });
});
