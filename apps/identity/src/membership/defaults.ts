import type { ManifestPerk } from '@orbit/contracts';
import { and, eq } from 'drizzle-orm';
import type { IdentityDb } from '../accounts/accounts.js';
import type { Clock } from '../clock.js';
import type { ServiceRegistry, ServiceView } from '../services/registry.js';
import { type TierPerks, tierPrices, tiers } from './schema.js';
import { TIER_ID_PATTERN } from './validation.js';

interface DefaultTier {
  tier: Omit<typeof tiers.$inferInsert, 'createdAt' | 'updatedAt'>;
  /** CNY, in fen. */
  monthly: number;
  yearly: number;
}

/** The values a default tier grants, keyed by perk; a perk is granted only when its service declares it. */
const VIP_PERKS: TierPerks = { 'mail.quota_mb': 10240, 'mail.attachment_mb': 50 };
const SVIP_PERKS: TierPerks = { 'mail.quota_mb': 51200, 'mail.attachment_mb': 100 };
/** A bundled service's own tier: its known perks, else every boolean perk on and every number perk doubled. */
const SERVICE_TIER_PERKS: Record<string, TierPerks> = {
  mail: { 'mail.quota_mb': 5120, 'mail.attachment_mb': 25 },
};

/** Keeps the perks some registered service declares, of the declared type. */
function declaredOnly(perks: TierPerks, declared: ManifestPerk[]): TierPerks {
  return Object.fromEntries(
    Object.entries(perks).filter(([key, value]) =>
      declared.some((perk) => perk.key === key && typeof perk.default === typeof value),
    ),
  );
}

function serviceTier(service: ServiceView): DefaultTier | undefined {
  const id = `${service.id}-plus`;
  if (service.perks.length === 0 || !TIER_ID_PATTERN.test(id)) return undefined;
  const generic = Object.fromEntries(
    service.perks.map((perk) => [
      perk.key,
      perk.type === 'boolean' ? true : Math.max(1, Math.trunc(perk.default) * 2),
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
      perks: declaredOnly({ ...generic, ...SERVICE_TIER_PERKS[service.id] }, service.perks),
    },
    monthly: 1000,
    yearly: 10000,
  };
}

function platformTiers(declared: ManifestPerk[]): DefaultTier[] {
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
        perks: declaredOnly(VIP_PERKS, declared),
      },
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
        perks: declaredOnly(SVIP_PERKS, declared),
      },
      monthly: 3000,
      yearly: 30000,
    },
  ];
}

/**
 * Seeds the default tiers: platform VIP and SVIP, and a `<service>-plus` tier for each registered service that
 * declares perks. Safe to call any number of times, in one transaction: a missing tier is created with its CNY
 * prices; a default tier that no admin has edited yet (`updated_at = created_at`) gains the default perks of
 * services registered since (so VIP grants Mail's perks when Mail registers after the hub's first start); a
 * tier an admin edited, or retired, is left alone. Called at the hub's start and after `services:register`.
 * Answers the ids of the tiers it created or completed.
 */
export function createDefaultTierSeeder({
  db,
  clock,
  registry,
}: {
  db: IdentityDb;
  clock: Clock;
  registry: Pick<ServiceRegistry, 'list'>;
}) {
  return async function seedDefaultTiers(): Promise<string[]> {
    const services = await registry.list();
    const declared = services.flatMap((service) => service.perks);
    const defaults = [
      ...platformTiers(declared),
      ...services.flatMap((service) => serviceTier(service) ?? []),
    ];
    return db.transaction(async (tx) => {
      const now = clock.now();
      const seeded: string[] = [];
      for (const { tier, monthly, yearly } of defaults) {
        const [created] = await tx
          .insert(tiers)
          .values({ ...tier, createdAt: now, updatedAt: now })
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
        const untouched =
          existing &&
          !existing.retiredAt &&
          existing.updatedAt.getTime() === existing.createdAt.getTime() &&
          existing.scope === tier.scope &&
          existing.serviceId === tier.serviceId;
        const missing = Object.keys(tier.perks ?? {}).filter((key) => !(existing && key in existing.perks));
        if (!untouched || missing.length === 0) continue;
        await tx
          .update(tiers)
          .set({ perks: { ...tier.perks, ...existing.perks } })
          .where(and(eq(tiers.id, tier.id), eq(tiers.updatedAt, existing.updatedAt)));
        seeded.push(tier.id);
      }
      return seeded;
    });
  };
}

export type SeedDefaultTiers = ReturnType<typeof createDefaultTierSeeder>;
