import { and, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { MailDb } from '../db/open.js';
import { messages } from '../db/schema.js';
import { deleteCopies } from './attachments.js';
import { isUuid } from './cursor.js';
import { notFound, notInTrash } from './errors.js';
import type { Flags } from './input.js';
import { ownedRow, summaryOf } from './reading.js';
import type { MessageSummary } from './views.js';

/** Changing one owner's copies: flags, the trash, and deleting for good (which frees quota). */
export function createFiling({ db }: { db: MailDb }) {
  const owned = (owner: string, id: string) => and(eq(messages.ownerSub, owner), eq(messages.id, id));

  async function update(owner: string, id: string, set: PgUpdateSetSource<typeof messages>) {
    const changed = isUuid(id)
      ? await db.update(messages).set(set).where(owned(owner, id)).returning({ id: messages.id })
      : [];
    if (changed.length === 0) throw notFound();
    return summaryOf(db, owner, id);
  }

  return {
    /** `PATCH /api/messages/:id`: mark read or unread, star or unstar. */
    async setFlags(owner: string, id: string, flags: Flags): Promise<MessageSummary> {
      const set = {
        ...(flags.read === undefined ? {} : { read: flags.read }),
        ...(flags.starred === undefined ? {} : { starred: flags.starred }),
      };
      return Object.keys(set).length === 0 ? summaryOf(db, owner, id) : update(owner, id, set);
    },

    /** `POST /api/messages/:id/trash`: remembers the folder it came from; a copy already there stays. */
    async trash(owner: string, id: string): Promise<MessageSummary> {
      return update(owner, id, {
        previousFolder: sql`case when ${messages.folder} = 'trash' then ${messages.previousFolder} else ${messages.folder} end`,
        folder: 'trash',
      });
    },

    /** `POST /api/messages/:id/restore`: back to the folder it was trashed from; elsewhere it stays. */
    async restore(owner: string, id: string): Promise<MessageSummary> {
      return update(owner, id, {
        folder: sql`case when ${messages.folder} = 'trash' then coalesce(${messages.previousFolder}, 'inbox') else ${messages.folder} end`,
        previousFolder: null,
      });
    },

    /** `DELETE /api/messages/:id`: only from the trash (409 `mail.not_in_trash` otherwise). */
    async deleteForever(owner: string, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const row = await ownedRow(tx, owner, id, 'update');
        if (row.folder !== 'trash') throw notInTrash();
        await deleteCopies(tx, owner, [row.id]);
      });
    },

    /** `POST /api/trash/empty`: deletes every copy in the owner's trash; answers how many. */
    async emptyTrash(owner: string): Promise<number> {
      return db.transaction(async (tx) => {
        const rows = await tx
          .select({ id: messages.id })
          .from(messages)
          .where(and(eq(messages.ownerSub, owner), eq(messages.folder, 'trash')))
          .for('update');
        return deleteCopies(
          tx,
          owner,
          rows.map((r) => r.id),
        );
      });
    },
  };
}

export type Filing = ReturnType<typeof createFiling>;
