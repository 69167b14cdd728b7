import { and, desc, eq, sql } from 'drizzle-orm';
import type { SpacePerson } from '../contracts/common.js';
import { MAX_VISITORS } from '../contracts/talk.js';
import type { SpaceCore } from '../deps.js';
import { notFound } from '../errors.js';
import { visits } from '../schema.js';
import { sameSub } from '../visibility.js';
import { blockedEitherWay } from './hidden.js';

/** Visits of one visitor to one space within this time count once (a refresh is not a new visit). */
export const VISIT_WINDOW_MS = 10 * 60_000;

/**
 * The visitor log (最近访客): each visitor's latest visit to a space and how many there were. A visit to one's
 * own space, or by a member whose perk hides their footprints, leaves nothing; the owner is not notified (as in
 * Qzone: the log is where they look).
 */
export function createVisitors(core: SpaceCore) {
  const { db } = core;

  return {
    /**
     * Records `visitor`'s visit to `owner`'s space; 404 when the visitor may not see the space at all (a block
     * either way, or no such account). Answers whether a visit was counted.
     */
    async visit(visitor: { sub: string }, owner: string): Promise<{ recorded: boolean }> {
      if (sameSub(visitor.sub, owner)) return { recorded: false };
      const space = { ownerSub: owner, audience: { type: 'public' as const } };
      if (!(await core.visibility.canSee(visitor.sub, space))) throw notFound();
      if ((await core.people.card(owner)).deleted) throw notFound();
      if (await core.orbit.perk(visitor, 'space.hide_footprints')) return { recorded: false };
      const now = core.clock.now();
      const windowStart = new Date(now.getTime() - VISIT_WINDOW_MS).toISOString();
      // One statement: a new visitor is inserted, one seen within the window is left as it was.
      const written = await db
        .insert(visits)
        .values({ ownerSub: owner.toLowerCase(), visitorSub: visitor.sub.toLowerCase(), lastVisitAt: now })
        .onConflictDoUpdate({
          target: [visits.ownerSub, visits.visitorSub],
          set: { lastVisitAt: now, visitCount: sql`${visits.visitCount} + 1` },
          setWhere: sql`${visits.lastVisitAt} <= ${windowStart}::timestamptz`,
        })
        .returning({ count: visits.visitCount });
      return { recorded: written.length > 0 };
    },

    /** `owner`'s visitors, latest first (at most 100), without accounts a block stands between with them. */
    async list(owner: string) {
      const rows = await db
        .select()
        .from(visits)
        .where(eq(visits.ownerSub, owner.toLowerCase()))
        .orderBy(desc(visits.lastVisitAt), desc(visits.visitorSub))
        .limit(MAX_VISITORS);
      const hidden = await blockedEitherWay(
        core.orbit,
        owner,
        rows.map((r) => r.visitorSub),
      );
      const kept = rows.filter((r) => !hidden.has(r.visitorSub));
      const cards = await core.people.cards(kept.map((r) => r.visitorSub));
      return kept.map((r) => ({
        person: cards.get(r.visitorSub) as SpacePerson,
        lastVisitAt: r.lastVisitAt.toISOString(),
        visitCount: r.visitCount,
      }));
    },

    /** Clears `owner`'s log, or takes one visitor off it. */
    async clear(owner: string, visitor?: string): Promise<void> {
      await db
        .delete(visits)
        .where(
          and(
            eq(visits.ownerSub, owner.toLowerCase()),
            visitor ? eq(visits.visitorSub, visitor.toLowerCase()) : undefined,
          ),
        );
    },
  };
}

export type Visitors = ReturnType<typeof createVisitors>;
