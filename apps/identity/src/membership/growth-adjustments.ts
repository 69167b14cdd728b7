import type { GrowthEntryView } from '@orbit/contracts';
import { MAX_ADJUSTMENT, MAX_ADJUSTMENT_NOTE, MAX_GROWTH_ENTRIES } from '@orbit/contracts';
import { and, desc, eq, sum } from 'drizzle-orm';
import type { Within } from '../admin/index.js';
import type { Clock } from '../clock.js';
import { accounts } from '../db/schema.js';
import { AppError, type FieldProblem, invalidRequest } from '../http/errors.js';
import type { IdentityDb } from '../kernel/db.js';
import type { RequestOrigin } from '../kernel/guards.js';
import type { SecurityLog } from '../security/index.js';
import type { MembershipChangeNotifier } from './changes.js';
import type { Growth } from './growth.js';
import { type Levels, vipLevelFor } from './levels.js';
import { localDay, zoneOrUtc } from './local-days.js';
import { type GrowthKind, growthCursors, growthEntries } from './schema.js';

/**
 * The largest change one adjustment may make either way, the longest note, and how many entries an admin may read
 * at once: the API's own limits, from `@orbit/contracts`.
 */
export { MAX_ADJUSTMENT, MAX_ADJUSTMENT_NOTE, MAX_GROWTH_ENTRIES as MAX_ENTRIES };

/** The security log entry an adjustment leaves in the member's log. */
export const GROWTH_ADJUSTED = 'membership.growth_adjusted';

export interface AdjustmentInput {
  /** Points to add (negative to take away): a whole number, not 0, at most `MAX_ADJUSTMENT` either way. */
  delta: number;
  /** Why: 1 … 500 characters once trimmed. */
  note: string;
}

/** One row of the growth ledger as admins see it. */
export type { GrowthEntryView };

/** An adjustment made, with the account's growth total after it. */
export interface Adjusted {
  entry: GrowthEntryView;
  total: number;
}

const NO_ORIGIN: RequestOrigin = { ip: null, userAgent: '' };

/** Checks an adjustment as the route's schema does, for callers that are not the route (tools, tests). */
export function checkAdjustment(input: AdjustmentInput): AdjustmentInput {
  const problems: FieldProblem[] = [];
  const { delta } = input;
  if (!Number.isInteger(delta)) problems.push({ path: 'delta', message: 'must be a whole number' });
  else if (delta === 0) problems.push({ path: 'delta', message: 'must not be 0' });
  else if (Math.abs(delta) > MAX_ADJUSTMENT)
    problems.push({ path: 'delta', message: `must be between -${MAX_ADJUSTMENT} and ${MAX_ADJUSTMENT}` });
  const note = typeof input.note === 'string' ? input.note.trim() : '';
  if (note.length === 0) problems.push({ path: 'note', message: 'is required' });
  else if (note.length > MAX_ADJUSTMENT_NOTE)
    problems.push({ path: 'note', message: `must be at most ${MAX_ADJUSTMENT_NOTE} characters` });
  else if (note.includes('\u0000'))
    problems.push({ path: 'note', message: 'must not contain NUL characters' });
  if (problems.length > 0) throw invalidRequest(problems);
  return { delta, note };
}

/**
 * Admin adjustments of an account's growth: an `adjustment` row in the growth ledger, dated the account's local
 * today, with the admin's note; recorded in the member's security log (with who made it), and told to services
 * when it moves a member's VIP level. Settlement counts adjustments into the total from the start of their day,
 * and `rebuild` leaves them out of the rows it recomputes, so neither is disturbed.
 */
export function createGrowthAdjustments({
  db,
  clock,
  levels,
  growth,
  notifier,
  securityLog,
}: {
  db: IdentityDb;
  clock: Clock;
  levels: Pick<Levels, 'thresholds' | 'isMember'>;
  /** Settles the account's days before adjusting, so a negative adjustment is checked against a settled total. */
  growth?: Pick<Growth, 'settleAccountIn'> | undefined;
  notifier: MembershipChangeNotifier;
  securityLog: Pick<SecurityLog, 'record'>;
}) {
  return {
    /**
     * Adds `delta` points (negative: takes them away) to the account's growth. 404 `account.not_found`;
     * 409 `membership.growth_below_zero` (details: the current `total`) when it would take the total below zero;
     * 400 `request.invalid` for a bad delta or note.
     */
    async adjust(
      accountId: string,
      input: AdjustmentInput,
      adminId: string,
      origin: RequestOrigin = NO_ORIGIN,
      within?: Within<Adjusted>,
    ): Promise<Adjusted> {
      const { delta, note } = checkAdjustment(input);
      return db.transaction(async (tx) => {
        // Days that ended unsettled may still decay: settle them here first, which takes the cursor row's lock
        // until this transaction ends, so the total checked below is settled and stays so. The cursor first,
        // then the account, in that order (the account row is what a first settlement's insert waits on), so
        // adjustments and settlement of one account take turns and each sees the other's rows.
        await growth?.settleAccountIn(tx, accountId);
        await tx
          .select({ accountId: growthCursors.accountId })
          .from(growthCursors)
          .where(eq(growthCursors.accountId, accountId))
          .for('update');
        const [account] = await tx
          .select({ timeZone: accounts.timeZone })
          .from(accounts)
          .where(eq(accounts.id, accountId))
          .for('update');
        if (!account) throw new AppError(404, 'account.not_found', 'No such account.');

        const [sumRow] = await tx
          .select({ total: sum(growthEntries.delta) })
          .from(growthEntries)
          .where(eq(growthEntries.accountId, accountId));
        const before = Number(sumRow?.total ?? 0);
        const after = before + delta;
        if (after < 0) {
          throw new AppError(
            409,
            'membership.growth_below_zero',
            `The account has ${before} growth points; an adjustment may not take it below zero.`,
            { total: before },
          );
        }

        const now = clock.now();
        const [row] = await tx
          .insert(growthEntries)
          .values({
            accountId,
            day: localDay(now, zoneOrUtc(account.timeZone)),
            delta,
            kind: 'adjustment',
            note,
            createdBy: adminId,
            createdAt: now,
          })
          .returning();
        const entry = row!;

        // Services see `vipLevel`: the level growth reaches while a member, else 0 (a non-member's never moves).
        if (await levels.isMember(accountId, tx)) {
          const minimums = (await levels.thresholds(tx)).map((t) => t.minGrowth);
          if (vipLevelFor(before, minimums) !== vipLevelFor(after, minimums)) {
            await notifier.changed(tx, accountId, 'level_changed');
          }
        }
        await securityLog.record(
          {
            accountId,
            type: GROWTH_ADJUSTED,
            ...origin,
            details: { entryId: entry.id, delta, note, day: entry.day, total: after, by: adminId },
          },
          tx,
        );
        const [admin] = await tx
          .select({ handle: accounts.handle })
          .from(accounts)
          .where(eq(accounts.id, adminId));
        const adjusted: Adjusted = {
          entry: {
            id: entry.id,
            day: entry.day,
            kind: entry.kind,
            delta: entry.delta,
            tierId: entry.tierId,
            note: entry.note,
            createdAt: entry.createdAt.toISOString(),
            by: { id: adminId, handle: admin?.handle ?? null },
          },
          total: after,
        };
        await within?.(tx, adjusted);
        return adjusted;
      });
    },

    /**
     * The account's latest growth entries, newest day first (`kind` to see only adjustments, say); undefined for
     * an unknown account. An adjustment names its admin.
     */
    async entries(
      accountId: string,
      { limit, kind }: { limit: number; kind?: GrowthKind | undefined },
    ): Promise<GrowthEntryView[] | undefined> {
      const [account] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId));
      if (!account) return undefined;
      const rows = await db
        .select({
          id: growthEntries.id,
          day: growthEntries.day,
          kind: growthEntries.kind,
          delta: growthEntries.delta,
          tierId: growthEntries.tierId,
          note: growthEntries.note,
          createdAt: growthEntries.createdAt,
          by: growthEntries.createdBy,
          byHandle: accounts.handle,
        })
        .from(growthEntries)
        .leftJoin(accounts, eq(accounts.id, growthEntries.createdBy))
        .where(and(eq(growthEntries.accountId, accountId), kind ? eq(growthEntries.kind, kind) : undefined))
        .orderBy(desc(growthEntries.day), desc(growthEntries.createdAt))
        .limit(Math.min(Math.max(1, limit), MAX_GROWTH_ENTRIES));
      return rows.map((r) => ({
        id: r.id,
        day: r.day,
        kind: r.kind,
        delta: r.delta,
        tierId: r.tierId,
        note: r.note,
        createdAt: r.createdAt.toISOString(),
        by: r.by ? { id: r.by, handle: r.byHandle ?? null } : null,
      }));
    },
  };
}

export type GrowthAdjustments = ReturnType<typeof createGrowthAdjustments>;
