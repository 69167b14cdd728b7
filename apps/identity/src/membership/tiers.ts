import type { PriceView, TierView } from '@orbit/contracts';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Within } from '../admin/index.js';
import type { Clock } from '../clock.js';
import { AppError } from '../http/errors.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import type { ServiceRegistry } from '../services/index.js';
import { checkPerks, perkSourcesAfterEdit } from './perks.js';
import { type TierPriceRow, type TierRow, tierPrices, tiers } from './schema.js';
import {
  type CreateTierInput,
  createTierInput,
  type PriceInput,
  parse,
  type SetPricesInput,
  setPricesInput,
  tierId,
  type UpdateTierInput,
  updateTierInput,
} from './validation.js';

/** A price, and a tier as the API answers it (current prices; for admins every price it had or will have). */
export type { PriceView, TierView };

const viewPrice = (row: TierPriceRow): PriceView => ({
  period: row.period,
  currency: row.currency,
  amountMinor: row.amountMinor,
  effectiveFrom: row.effectiveFrom.toISOString(),
});

/** The latest row per period and currency that is in force at `at` (rows sorted by `effectiveFrom`). */
function currentPrices(rows: TierPriceRow[], at: Date): TierPriceRow[] {
  const current = new Map<string, TierPriceRow>();
  for (const row of rows) {
    if (row.effectiveFrom.getTime() <= at.getTime()) current.set(`${row.period} ${row.currency}`, row);
  }
  return [...current.values()];
}

function viewTier(tier: TierRow, prices: TierPriceRow[], now: Date, withHistory: boolean): TierView {
  return {
    id: tier.id,
    name: tier.name,
    names: tier.names,
    description: tier.description,
    descriptions: tier.descriptions,
    color: tier.color,
    scope: tier.scope,
    serviceId: tier.serviceId,
    rank: tier.rank,
    growthPerDay: tier.growthPerDay,
    growthPerDayYearly: tier.growthPerDayYearly,
    perks: tier.perks,
    retired: tier.retiredAt !== null,
    retiredAt: tier.retiredAt?.toISOString() ?? null,
    createdAt: tier.createdAt.toISOString(),
    updatedAt: tier.updatedAt.toISOString(),
    prices: currentPrices(prices, now).map(viewPrice),
    ...(withHistory ? { priceHistory: prices.map(viewPrice) } : {}),
  };
}

const notFound = (id: string) => new AppError(404, 'membership.tier_not_found', `No tier ${id}.`);
const retired = (id: string) =>
  new AppError(409, 'membership.tier_retired', `Tier ${id} is retired; a retired tier can't be changed.`);

/** Price rows of some tiers, oldest first (ties in a stable order). */
const pricesOf = (q: Queryable, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : q
        .select()
        .from(tierPrices)
        .where(inArray(tierPrices.tierId, ids))
        .orderBy(asc(tierPrices.effectiveFrom), asc(tierPrices.period), asc(tierPrices.currency));

/**
 * Membership tiers: what admins sell. Tiers are never deleted (subscriptions will name them): they are retired,
 * which stops new sales. Prices are an append-only history; see {@link tierPrices}.
 */
export function createTiers({
  db,
  clock,
  registry,
}: {
  db: IdentityDb;
  clock: Clock;
  registry: Pick<ServiceRegistry, 'list'>;
}) {
  async function declaredPerks() {
    return (await registry.list()).map((service) => ({ serviceId: service.id, perks: service.perks }));
  }

  /** The tier, locked for the rest of the transaction; 404 when there is none, 409 when it is retired. */
  async function lockEditable(tx: Queryable, id: string): Promise<TierRow> {
    const [tier] = await tx.select().from(tiers).where(eq(tiers.id, id)).for('update');
    if (!tier) throw notFound(id);
    if (tier.retiredAt) throw retired(id);
    return tier;
  }

  /**
   * Appends the prices that differ from the one in force at `from` (an identical price is no change). Two
   * changes of one price at the same instant can't both hold: 409 `membership.price_conflict`.
   */
  async function appendPrices(tx: Queryable, id: string, prices: PriceInput[], from: Date): Promise<void> {
    const existing = await pricesOf(tx, [id]);
    const inForce = currentPrices(existing, from);
    const changed = prices.filter(
      (price) =>
        !inForce.some(
          (row) =>
            row.period === price.period &&
            row.currency === price.currency &&
            row.amountMinor === price.amountMinor,
        ),
    );
    if (changed.length === 0) return;
    const clash = changed.find((price) =>
      existing.some(
        (row) =>
          row.period === price.period &&
          row.currency === price.currency &&
          row.effectiveFrom.getTime() === from.getTime(),
      ),
    );
    if (clash) {
      throw new AppError(
        409,
        'membership.price_conflict',
        `The ${clash.period} ${clash.currency} price of ${id} already changes at that instant.`,
      );
    }
    const now = clock.now();
    await tx
      .insert(tierPrices)
      .values(changed.map((price) => ({ tierId: id, ...price, effectiveFrom: from, createdAt: now })));
  }

  async function view(q: Queryable, id: string, withHistory = true): Promise<TierView> {
    const [tier] = await q.select().from(tiers).where(eq(tiers.id, id));
    if (!tier) throw notFound(id);
    return viewTier(tier, await pricesOf(q, [id]), clock.now(), withHistory);
  }

  /** The tier as written, after the caller's hook (an audit entry) ran in the same transaction. */
  async function done(q: Queryable, id: string, within: Within<TierView> | undefined): Promise<TierView> {
    const tier = await view(q, id);
    await within?.(q, tier);
    return tier;
  }

  return {
    /** Creates a tier, with its first prices in force from now. 409 `membership.tier_exists` for a taken id. */
    async create(input: CreateTierInput, within?: Within<TierView>): Promise<TierView> {
      const { prices, serviceId, ...tier } = parse(createTierInput, input);
      const declared = await declaredPerks();
      if (serviceId !== undefined && !declared.some((service) => service.serviceId === serviceId)) {
        throw new AppError(400, 'membership.unknown_service', `No service ${serviceId} is registered.`, [
          { path: 'serviceId', message: 'no such service' },
        ]);
      }
      checkPerks(tier.perks, { serviceId: serviceId ?? null }, declared);
      return db.transaction(async (tx) => {
        const now = clock.now();
        const [created] = await tx
          .insert(tiers)
          .values({
            ...tier,
            serviceId: serviceId ?? null,
            // An admin's tier: every perk is the admin's.
            perkSources: perkSourcesAfterEdit({}, tier.perks, {}),
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing({ target: tiers.id })
          .returning();
        if (!created) throw new AppError(409, 'membership.tier_exists', `A tier ${tier.id} exists already.`);
        await appendPrices(tx, tier.id, prices, now);
        return done(tx, tier.id, within);
      });
    },

    /**
     * Changes a tier's names, colour, rank, growth or perks (`perks` replaces the whole set); never its id, scope
     * or service. 409 `membership.tier_retired` for a retired tier.
     */
    async update(id: string, input: UpdateTierInput, within?: Within<TierView>): Promise<TierView> {
      const patch = parse(updateTierInput, input);
      const declared = await declaredPerks();
      return db.transaction(async (tx) => {
        const tier = await lockEditable(tx, id);
        if (patch.perks) checkPerks(patch.perks, tier, declared);
        // What the admin changed is theirs from now on: registration won't write over it (defaults.ts).
        const perkSources = patch.perks && perkSourcesAfterEdit(tier.perks, patch.perks, tier.perkSources);
        await tx
          .update(tiers)
          .set({ ...patch, ...(perkSources && { perkSources }), updatedAt: clock.now() })
          .where(eq(tiers.id, id));
        return done(tx, id, within);
      });
    },

    /**
     * Sets prices from now, or from a later `effectiveFrom`: appends a row for each that differs from the price
     * in force then. Prices not listed stay as they are. A subscription keeps the price it paid until renewal.
     */
    async setPrices(id: string, input: SetPricesInput, within?: Within<TierView>): Promise<TierView> {
      const { prices, effectiveFrom } = parse(setPricesInput, input);
      return db.transaction(async (tx) => {
        await lockEditable(tx, id);
        const now = clock.now();
        const from = effectiveFrom ? new Date(effectiveFrom) : now;
        if (from.getTime() < now.getTime()) {
          throw new AppError(400, 'request.invalid', 'The request is not valid.', [
            { path: 'effectiveFrom', message: 'must not be in the past' },
          ]);
        }
        await appendPrices(tx, id, prices, from);
        return done(tx, id, within);
      });
    },

    /** Stops selling a tier; subscribers keep it until their period ends. Retiring again changes nothing. */
    async retire(id: string, within?: Within<TierView>): Promise<TierView> {
      return db.transaction(async (tx) => {
        const now = clock.now();
        await tx
          .update(tiers)
          .set({ retiredAt: now, updatedAt: now })
          .where(and(eq(tiers.id, id), isNull(tiers.retiredAt)));
        return done(tx, id, within);
      });
    },

    /** A tier with its price history; undefined when there is none by that id. */
    async get(id: string): Promise<TierView | undefined> {
      if (!tierId.safeParse(id).success) return undefined;
      return view(db, id).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'membership.tier_not_found') return undefined;
        throw error;
      });
    },

    /**
     * Tiers, platform tiers first, then by rank: those on sale, or with `includeRetired` every one;
     * `withHistory` adds each tier's price history.
     */
    async list(options: { includeRetired?: boolean; withHistory?: boolean } = {}): Promise<TierView[]> {
      const rows = await db
        .select()
        .from(tiers)
        .where(options.includeRetired ? undefined : isNull(tiers.retiredAt))
        .orderBy(desc(eq(tiers.scope, 'platform')), asc(tiers.serviceId), asc(tiers.rank), asc(tiers.id));
      const prices = await pricesOf(
        db,
        rows.map((tier) => tier.id),
      );
      const now = clock.now();
      return rows.map((tier) =>
        viewTier(
          tier,
          prices.filter((price) => price.tierId === tier.id),
          now,
          options.withHistory ?? false,
        ),
      );
    },
  };
}

export type Tiers = ReturnType<typeof createTiers>;
