import { eq } from 'drizzle-orm';
import type { MailDb } from '../db/open.js';
import { idempotencyKeys, messages, sendCounts } from '../db/schema.js';
import { deleteCopies } from './attachments.js';
import { lockMailboxes } from './quota.js';

/** Copies deleted per statement: a large mailbox goes in slices, inside the one transaction. */
const SLICE = 500;

/** What erasing a mailbox removed. */
export interface ErasedMailbox {
  messages: number;
}

/**
 * Deletes everything Mail holds about one account, for `account.deleted` (docs/data-rights.md, "Deletion"): every
 * copy the account owns in every folder (drafts and trash too) with its search tokens, its attachment links and the
 * files no other copy carries, its idempotency keys and its send counts — in one transaction, under the mailbox's
 * lock (a send to it waits, and its copy is found). Copies in other people's mailboxes stay, as with any mail they
 * received. Idempotent: a second call finds nothing and deletes nothing.
 */
export async function eraseMailbox(db: MailDb, sub: string): Promise<ErasedMailbox> {
  return db.transaction(async (tx) => {
    await lockMailboxes(tx, [sub]);
    const owned = await tx.select({ id: messages.id }).from(messages).where(eq(messages.ownerSub, sub));
    let deleted = 0;
    for (let i = 0; i < owned.length; i += SLICE) {
      const ids = owned.slice(i, i + SLICE).map((row) => row.id);
      deleted += await deleteCopies(tx, sub, ids);
    }
    await tx.delete(idempotencyKeys).where(eq(idempotencyKeys.ownerSub, sub));
    await tx.delete(sendCounts).where(eq(sendCounts.ownerSub, sub));
    return { messages: deleted };
  });
}
