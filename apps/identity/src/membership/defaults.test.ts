import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ManifestInput } from '@orbit/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/commands.js';
import { MAIL_PERKS, TEST_ICON, testManifest } from '../services/testkit.js';
import { GOOD_PASSWORD, uniqueHandle } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { grantForTest } from './test-memberships.js';

/** Mail as it ships: quota and attachment size, with their values in VIP, SVIP and `mail-plus`. */
const mailManifest = (perks: ManifestInput['perks'] = [...MAIL_PERKS]) => testManifest({ perks });

/** A user of VIP whose membership reads a service's perks (the service API, the SDK and userinfo read these). */
const vipMember = async (hub: TestHub) => {
  const handle = uniqueHandle('vip');
  const { id } = await hub.services.accounts.create({ handle, displayName: handle, password: GOOD_PASSWORD });
  await grantForTest(hub, id, 'vip');
  return id;
};

describe('default tiers', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  const summary = async () =>
    (await hub.services.tiers.list({ includeRetired: true })).map((t) => ({
      id: t.id,
      rank: t.rank,
      scope: t.scope,
      perks: t.perks,
      prices: t.prices.map((p) => `${p.period} ${p.currency} ${p.amountMinor}`),
    }));
  const perksOf = async (id: string) => (await hub.services.tiers.get(id))!.perks;

  it('seeds VIP and SVIP at the first start, without service perks while no service declares any', async () => {
    expect(await hub.services.seedDefaultTiers()).toEqual(['vip', 'svip']);
    expect(await summary()).toEqual([
      { id: 'vip', rank: 1, scope: 'platform', perks: {}, prices: ['month CNY 1500', 'year CNY 15000'] },
      { id: 'svip', rank: 2, scope: 'platform', perks: {}, prices: ['month CNY 3000', 'year CNY 30000'] },
    ]);
    const vip = (await hub.services.tiers.get('vip'))!;
    expect(vip).toMatchObject({ name: 'VIP', growthPerDay: 10, growthPerDayYearly: 15 });
    expect((await hub.services.tiers.get('svip'))!).toMatchObject({
      growthPerDay: 15,
      growthPerDayYearly: 20,
    });
  });

  it('changes nothing when seeded again', async () => {
    const before = await hub.services.tiers.list({ withHistory: true });
    hub.clock.advance(1000);
    expect(await hub.services.seedDefaultTiers()).toEqual([]);
    expect(await hub.services.tiers.list({ withHistory: true })).toEqual(before);
  });

  it('gives VIP members a newly registered service’s perks at the values its manifest names, with no admin edit', async () => {
    const member = await vipMember(hub);
    expect((await hub.services.entitlements.of(member, 'mail')).perks).toEqual({});
    // Registering is all it takes: no seeding call, no admin.
    await hub.services.serviceRegistry.register(mailManifest());
    await hub.services.serviceRegistry.register(
      testManifest({ id: 'plain', defaultPort: 4103, perks: [], plusTier: false }),
    );
    expect(await hub.services.entitlements.of(member, 'mail')).toMatchObject({
      tiers: ['vip'],
      perks: { 'mail.quota_mb': 10240, 'mail.attachment_mb': 50 },
    });
    // Mail's own tier is made by the seeding `services:register` runs after registering (and every start).
    expect(await hub.services.tiers.get('mail-plus')).toBeUndefined();
    expect(await hub.services.seedDefaultTiers()).toEqual(['mail-plus']);
    expect(await summary()).toEqual([
      {
        id: 'vip',
        rank: 1,
        scope: 'platform',
        perks: { 'mail.quota_mb': 10240, 'mail.attachment_mb': 50 },
        prices: ['month CNY 1500', 'year CNY 15000'],
      },
      {
        id: 'svip',
        rank: 2,
        scope: 'platform',
        perks: { 'mail.quota_mb': 51200, 'mail.attachment_mb': 100 },
        prices: ['month CNY 3000', 'year CNY 30000'],
      },
      {
        id: 'mail-plus',
        rank: 1,
        scope: 'service',
        perks: { 'mail.quota_mb': 5120, 'mail.attachment_mb': 25 },
        prices: ['month CNY 1000', 'year CNY 10000'],
      },
    ]);
    expect((await hub.services.tiers.get('mail-plus'))!).toMatchObject({
      serviceId: 'mail',
      names: { en: 'Mail Plus', 'zh-CN': '邮件会员' },
      descriptions: { 'zh-CN': '邮件的更多权益。' },
    });
    expect(await hub.services.seedDefaultTiers()).toEqual([]);
  });

  it('makes a service’s own tier only when its manifest asks for one', async () => {
    const perks = [{ key: 'quiet.rooms', type: 'number', default: 1, description: 'Rooms' }] as const;
    await hub.services.serviceRegistry.register(
      testManifest({ id: 'quiet', defaultPort: 4104, perks: [...perks], plusTier: false }),
    );
    expect(await hub.services.seedDefaultTiers()).toEqual([]);
    expect(await hub.services.tiers.get('quiet-plus')).toBeUndefined();
    await hub.services.serviceRegistry.register(
      testManifest({ id: 'quiet', defaultPort: 4104, perks: [...perks], plusTier: true }),
    );
    expect(await hub.services.seedDefaultTiers()).toEqual(['quiet-plus']);
    expect((await hub.services.tiers.get('quiet-plus'))!.perks).toEqual({ 'quiet.rooms': 2 });
  });

  it('follows a changed manifest, but never writes over a perk an admin changed or took away', async () => {
    hub.clock.advance(1000);
    // The admin raises VIP's quota, and takes SVIP's attachment perk away.
    await hub.services.tiers.update('vip', {
      perks: { 'mail.quota_mb': 20000, 'mail.attachment_mb': 50 },
    });
    await hub.services.tiers.update('svip', { perks: { 'mail.quota_mb': 51200 } });
    const [quota, attachment] = MAIL_PERKS;
    await hub.services.serviceRegistry.register(
      mailManifest([
        { ...quota, tiers: { vip: 11000, svip: 60000, plus: 6000 } },
        { ...attachment, tiers: { vip: 60, svip: 120, plus: 30 } },
      ]),
    );
    expect(await perksOf('vip')).toEqual({ 'mail.quota_mb': 20000, 'mail.attachment_mb': 60 });
    expect(await perksOf('svip')).toEqual({ 'mail.quota_mb': 60000 });
    expect(await perksOf('mail-plus')).toEqual({ 'mail.quota_mb': 6000, 'mail.attachment_mb': 30 });
    const member = await vipMember(hub);
    expect((await hub.services.entitlements.of(member, 'mail')).perks).toEqual({
      'mail.quota_mb': 20000,
      'mail.attachment_mb': 60,
    });
  });

  it('takes back a value the manifest stops naming; a perk it stops declaring stays, as for any tier', async () => {
    const [quota, attachment] = MAIL_PERKS;
    // The attachment perk names no VIP value any more; the quota perk is gone from the manifest.
    await hub.services.serviceRegistry.register(
      mailManifest([{ ...attachment, tiers: { svip: 120, plus: 30 } }]),
    );
    expect(await perksOf('vip')).toEqual({ 'mail.quota_mb': 20000 });
    expect(await perksOf('mail-plus')).toEqual({ 'mail.quota_mb': 6000, 'mail.attachment_mb': 30 });
    // Declared again, the quota follows the manifest where no admin changed it.
    await hub.services.serviceRegistry.register(mailManifest([quota, attachment]));
    expect(await perksOf('vip')).toEqual({ 'mail.quota_mb': 20000, 'mail.attachment_mb': 50 });
    expect(await perksOf('mail-plus')).toEqual({ 'mail.quota_mb': 5120, 'mail.attachment_mb': 25 });
  });

  it('leaves a retired tier alone', async () => {
    hub.clock.advance(1000);
    await hub.services.tiers.retire('mail-plus');
    const [quota, attachment] = MAIL_PERKS;
    await hub.services.serviceRegistry.register(
      mailManifest([{ ...quota, tiers: { plus: 9999 } }, attachment]),
    );
    expect(await perksOf('mail-plus')).toEqual({ 'mail.quota_mb': 5120, 'mail.attachment_mb': 25 });
    expect((await hub.services.tiers.get('mail-plus'))!.retired).toBe(true);
  });

  it('leaves alone a tier an admin made under the id a service’s own tier would take', async () => {
    await hub.services.tiers.create({
      id: 'broken-plus',
      name: 'Broken Plus',
      description: 'Not a service tier.',
      color: '#123456',
      scope: 'platform',
      rank: 9,
      prices: [{ period: 'month', currency: 'CNY', amountMinor: 100 }],
    });
    const registered = await hub.services.serviceRegistry.register(
      testManifest({ id: 'broken', defaultPort: 4105 }),
    );
    expect(registered.status).toBe('created');
    expect(await hub.services.seedDefaultTiers()).toEqual([]);
    expect((await hub.services.tiers.get('broken-plus'))!).toMatchObject({ scope: 'platform', perks: {} });
  });
});

describe('services:register', () => {
  let hub: TestHub;
  let dir: string;
  beforeAll(async () => {
    hub = await startTestHub();
    dir = await mkdtemp(join(tmpdir(), 'orbit-tiers-cli-'));
  });
  afterAll(async () => {
    await hub.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('seeds the default tiers, with a tier for the service it registers', async () => {
    const file = join(dir, 'manifest.mjs');
    const manifest = {
      id: 'notes',
      name: 'Notes',
      description: 'Notes.',
      icon: TEST_ICON,
      defaultPort: 4102,
      scopes: ['openid'],
      perks: [
        { key: 'notes.sync', type: 'boolean', default: false, description: 'Sync' },
        {
          key: 'notes.count',
          type: 'number',
          default: 100,
          tiers: { vip: 500 },
          description: 'Notes you can keep',
        },
      ],
      plusTier: true,
    };
    await writeFile(file, `export const manifest = ${JSON.stringify(manifest)};\n`);
    const sink = { write: () => {} };
    const code = await runCli(['services:register', file], {
      hub: {
        services: hub.services,
        config: { issuer: hub.config.issuer, servicesDir: join(dir, 'services') },
      },
      out: sink,
      err: sink,
    });
    expect(code).toBe(0);
    expect((await hub.services.tiers.list()).map((t) => [t.id, t.perks])).toEqual([
      ['vip', { 'notes.count': 500 }],
      ['svip', {}],
      ['notes-plus', { 'notes.sync': true, 'notes.count': 200 }],
    ]);
  });
});
