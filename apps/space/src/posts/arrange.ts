import { and, desc, eq, isNotNull, ne, sql } from 'drizzle-orm';
import { decodeCursor, encodeCursor } from '../cursor.js';
import type { SpaceCore } from '../deps.js';
import { notFound } from '../errors.js';
import { posts } from '../schema.js';
import { notPublished } from './errors.js';
import { type PostRow, postColumns } from './views.js';

/**
 * How an owner arranges their own items: the one pinned item of their space, and the list of their drafts.
 * `own` answers the owner's item or throws 404 (another's item is as absent as a missing one).
 */
export function createArrangement(
  { db, clock }: Pick<SpaceCore, 'db' | 'clock'>,
  own: (owner: string, id: string) => Promise<PostRow>,
) {
  /** Pins a published item: the one pinned before (one a space) is unpinned in the same transaction. */
  async function pin(owner: string, id: string): Promise<PostRow> {
    const row = await own(owner, id);
    if (row.status !== 'published') throw notPublished();
    return db.transaction(async (tx) => {
      await tx
        .update(posts)
        .set({ pinnedAt: null })
        .where(and(eq(posts.ownerSub, row.ownerSub), isNotNull(posts.pinnedAt), ne(posts.id, row.id)));
      const [saved] = await tx
        .update(posts)
        .set({ pinnedAt: sql`coalesce(${posts.pinnedAt}, ${clock.now().toISOString()}::timestamptz)` })
        .where(eq(posts.id, row.id))
        .returning(postColumns);
      if (!saved) throw notFound();
      return saved;
    });
  }

  async function unpin(owner: string, id: string): Promise<PostRow> {
    const row = await own(owner, id);
    const [saved] = await db
      .update(posts)
      .set({ pinnedAt: null })
      .where(eq(posts.id, row.id))
      .returning(postColumns);
    if (!saved) throw notFound();
    return saved;
  }

  /** `owner`'s drafts, last edited first. */
  async function drafts(owner: string, page: { cursor?: string | undefined; limit: number }) {
    const after = decodeCursor(page.cursor);
    const rows = await db
      .select(postColumns)
      .from(posts)
      .where(
        and(
          eq(posts.ownerSub, owner.toLowerCase()),
          eq(posts.status, 'draft'),
          after
            ? sql`(${posts.updatedAt}, ${posts.id}) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)`
            : undefined,
        ),
      )
      .orderBy(desc(posts.updatedAt), desc(posts.id))
      .limit(page.limit + 1);
    const items = rows.slice(0, page.limit);
    const last = items.at(-1);
    return {
      items,
      next: rows.length > page.limit && last ? encodeCursor({ at: last.updatedAt, id: last.id }) : null,
    };
  }

  return { pin, unpin, drafts };
}

export type Arrangement = ReturnType<typeof createArrangement>;
