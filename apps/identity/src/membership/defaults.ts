import type { LocalizedText, ManifestPerk, PerkTier, ServiceManifest } from '@orbit/contracts';
import { asc, eq } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { IdentityDb } from '../kernel/db.js';
import type { ServiceRegistry } from '../services/index.js';
import { services } from '../services/index.js';
import { type TierPerkSources, type TierPerks, type TierRow, tierPrices, tiers } from './schema.js';
import { TIER_ID_PATTERN } from './validation.js';

interface DefaultTier {
  tier: Omit<typeof tiers.$inferInsert, 'createdAt' | 'updatedAt' | 'perks' | 'perkSources'>;
  /** The perk values the manifests name for this tier: what it grants unless an admin changed a perk. */
  perks: TierPerks;
  /** CNY, in fen. */
  monthly: number;
  yearly: number;
}

/** What the seeder reads of a registered service: its names, perks, and whether it asks for a tier of its own. */
interface RegisteredService {
  id: string;
  name: string;
  names: LocalizedText;
  perks: ManifestPerk[];
  plusTier: boolean;
}

/** The values the services' manifests name for one default tier (`tiers: { vip: 14 }`), by perk key. */
function namedFor(list: RegisteredService[], tier: PerkTier): TierPerks {
  const named: TierPerks = {};
  for (const service of list) {
    for (const perk of service.perks) {
      const value = perk.tiers?.[tier];
      if (value !== undefined) named[perk.key] = value;
    }
  }
  return named;
}

/**
 * A service's own `<service>-plus` tier, when its manifest asks for one (`plusTier: true`) and declares perks: each perk at the
 * value the manifest names for `plus`, else every boolean perk on and every number perk doubled.
 */
function serviceTier(service: RegisteredService): DefaultTier | undefined {
  const id = `${service.id}-plus`;
  // A tier of its own that grants nothing would sell nothing.
  if (!service.plusTier || service.perks.length === 0 || !TIER_ID_PATTERN.test(id)) return undefined;
  const perks = Object.fromEntries(
    service.perks.map((perk) => [
      perk.key,
      perk.tiers?.plus ?? (perk.type === 'boolean' ? true : Math.max(1, Math.trunc(perk.default) * 2)),
    ]),
  );
  return {
    tier: {
      id,
      name: `${service.name} Plus`,
      names: {
        en: `${service.name} Plus`,
        ...(service.names['zh-CN'] && { 'zh-CN': `${service.names['zh-CN']}会员` }),
      },
      description: `More of ${service.name}.`,
      descriptions: {
        ...(service.names['zh-CN'] && { 'zh-CN': `${service.names['zh-CN']}的更多权益。` }),
      },
      color: '#2f7de1',
      scope: 'service',
      serviceId: service.id,
      rank: 1,
      growthPerDay: 10,
      growthPerDayYearly: 15,
    },
    perks,
    monthly: 1000,
    yearly: 10000,
  };
}

function platformTiers(list: RegisteredService[]): DefaultTier[] {
  return [
    {
      tier: {
        id: 'vip',
        name: 'VIP',
        names: { en: 'VIP', 'zh-CN': '会员' },
        description: 'More of every Orbit service.',
        descriptions: { 'zh-CN': '所有 Orbit 服务的更多权益。' },
        color: '#e0a100',
        scope: 'platform',
        serviceId: null,
        rank: 1,
        growthPerDay: 10,
        growthPerDayYearly: 15,
      },
      perks: namedFor(list, 'vip'),
      monthly: 1500,
      yearly: 15000,
    },
    {
      tier: {
        id: 'svip',
        name: 'SVIP',
        names: { en: 'SVIP', 'zh-CN': '超级会员' },
        description: 'The most of every Orbit service; includes VIP.',
        descriptions: { 'zh-CN': '所有 Orbit 服务的最多权益，包含会员权益。' },
        color: '#c2185b',
        scope: 'platform',
        serviceId: null,
        rank: 2,
        growthPerDay: 15,
        growthPerDayYearly: 20,
      },
      perks: namedFor(list, 'svip'),
      monthly: 3000,
      yearly: 30000,
    },
  ];
}

const allManifest = (perks: TierPerks): TierPerkSources =>
  Object.fromEntries(Object.keys(perks).map((key) => [key, 'manifest' as const]));

/**
 * A default tier's perks brought in step with what the manifests name, leaving every perk an admin set (or took
 * away) alone. A perk the manifest set that it no longer names is taken away; a perk no service declares any
 * more is kept as it is (entitlements ignore it), as for any tier. Undefined when nothing changes.
 */
export function syncedPerks(
  current: Pick<TierRow, 'perks' | 'perkSources'>,
  named: TierPerks,
  declared: ReadonlySet<string>,
): { perks: TierPerks; perkSources: TierPerkSources } | undefined {
  const perks = { ...current.perks };
  const perkSources = { ...current.perkSources };
  let changed = false;
  for (const [key, value] of Object.entries(named)) {
    if (perkSources[key] === 'admin') continue;
    if (perks[key] !== value || perkSources[key] !== 'manifest') {
      perks[key] = value;
      perkSources[key] = 'manifest';
      changed = true;
    }
  }
  for (const [key, source] of Object.entries(current.perkSources)) {
    if (source === 'manifest' && !(key in named) && declared.has(key)) {
      delete perks[key];
      delete perkSources[key];
      changed = true;
    }
  }
  return changed ? { perks, perkSources } : undefined;
}

/**
 * Seeds and keeps the default tiers: platform VIP and SVIP, and a `<service>-plus` tier for each registered
 * service whose manifest asks for one (`plusTier`). A missing tier is created with its CNY prices. In VIP, SVIP
 * and a service's own tier, each perk a manifest names a value for (`tiers: { vip: 14, svip: 30 }`) takes that
 * value — unless an admin has changed that perk on that tier (`perk_sources`), which registration never
 * touches again; a retired tier is left alone. Safe to call any number of times; runs in one transaction, or
 * in the caller's. Called at the hub's start and after `services:register` (creating what is missing), and in
 * the transaction of every registration that creates or changes a service (`create: false`: the tiers that
 * exist follow the manifest at once, see services/registry.ts). Answers the ids of the tiers it created or
 * changed.
 */
export function createDefaultTierSeeder({
  db,
  clock,
  registry,
}: {
  db: IdentityDb;
  clock: Clock;
  /** The service registry: the seeder runs in each of its registrations that creates or changes a service. */
  registry: Pick<ServiceRegistry, 'onRegistered'>;
}) {
  // A registration brings the default tiers that exist in step with its manifest; creating missing ones is the
  // seeding's at the hub's start and after `services:register`.
  registry.onRegistered((tx) => seedDefaultTiers(tx, { create: false }));
  return seedDefaultTiers;

  async function seedDefaultTiers(tx?: IdentityDb, options: { create?: boolean } = {}): Promise<string[]> {
    if (!tx) return db.transaction((own) => seedDefaultTiers(own as IdentityDb, options));
    const rows = await tx
      .select({ id: services.id, name: services.name, names: services.names, manifest: services.manifest })
      .from(services)
      .orderBy(asc(services.createdAt), asc(services.id));
    const list: RegisteredService[] = rows.map((row) => ({
      id: row.id,
      name: row.name,
      names: row.names,
      perks: row.manifest.perks,
      // A manifest stored before `plusTier` existed asks for none (an existing `-plus` tier stays as it is).
      plusTier: (row.manifest as Partial<ServiceManifest>).plusTier === true,
    }));
    const declared = new Set(list.flatMap((service) => service.perks.map((perk) => perk.key)));
    const defaults = [...platformTiers(list), ...list.flatMap((service) => serviceTier(service) ?? [])];
    const now = clock.now();
    const seeded: string[] = [];
    for (const { tier, perks, monthly, yearly } of defaults) {
      const [created] = !(options.create ?? true)
        ? []
        : await tx
            .insert(tiers)
            .values({ ...tier, perks, perkSources: allManifest(perks), createdAt: now, updatedAt: now })
            .onConflictDoNothing({ target: tiers.id })
            .returning({ id: tiers.id });
      if (created) {
        await tx.insert(tierPrices).values([
          {
            tierId: tier.id,
            period: 'month',
            currency: 'CNY',
            amountMinor: monthly,
            effectiveFrom: now,
            createdAt: now,
          },
          {
            tierId: tier.id,
            period: 'year',
            currency: 'CNY',
            amountMinor: yearly,
            effectiveFrom: now,
            createdAt: now,
          },
        ]);
        seeded.push(tier.id);
        continue;
      }
      const [existing] = await tx.select().from(tiers).where(eq(tiers.id, tier.id)).for('update');
      // A tier an admin retired, or made by an admin under this id for something else, is not a default tier.
      if (
        !existing ||
        existing.retiredAt ||
        existing.scope !== tier.scope ||
        existing.serviceId !== tier.serviceId
      ) {
        continue;
      }
      const synced = syncedPerks(existing, perks, declared);
      if (!synced) continue;
      await tx
        .update(tiers)
        .set({ ...synced, updatedAt: now })
        .where(eq(tiers.id, tier.id));
      seeded.push(tier.id);
    }
    return seeded;
  }
}

export type SeedDefaultTiers = ReturnType<typeof createDefaultTierSeeder>;
