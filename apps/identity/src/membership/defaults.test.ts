import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/commands.js';
import { TEST_ICON, testManifest } from '../services/test-manifest.js';
import { startTestHub, type TestHub } from '../test/hub.js';

/** Mail as it ships: quota and attachment size. */
const mailManifest = () =>
  testManifest({
    perks: [
      { key: 'mail.quota_mb', type: 'number', default: 1024, description: 'Mailbox size in MiB' },
      { key: 'mail.attachment_mb', type: 'number', default: 10, description: 'Largest attachment in MiB' },
    ],
  });

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

  it('adds a tier for a service that declares perks, and its perks to the untouched VIP tiers', async () => {
    await hub.services.serviceRegistry.register(mailManifest());
    await hub.services.serviceRegistry.register(testManifest({ id: 'plain', defaultPort: 4103, perks: [] }));
    expect(await hub.services.seedDefaultTiers()).toEqual(['vip', 'svip', 'mail-plus']);
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

  it('leaves tiers an admin has edited or retired alone', async () => {
    hub.clock.advance(1000);
    await hub.services.tiers.update('vip', { perks: {} });
    await hub.services.tiers.retire('mail-plus');
    await hub.services.serviceRegistry.register(
      testManifest({
        perks: [
          ...mailManifest().perks,
          { key: 'mail.aliases', type: 'number', default: 1, description: 'Addresses' },
        ],
      }),
    );
    expect(await hub.services.seedDefaultTiers()).toEqual([]);
    expect((await hub.services.tiers.get('vip'))!.perks).toEqual({});
    expect((await hub.services.tiers.get('mail-plus'))!.retired).toBe(true);
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
        { key: 'notes.count', type: 'number', default: 100, description: 'Notes you can keep' },
      ],
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
      ['vip', {}],
      ['svip', {}],
      ['notes-plus', { 'notes.sync': true, 'notes.count': 200 }],
    ]);
  });
});
