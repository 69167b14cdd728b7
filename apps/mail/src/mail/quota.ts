import { eq, inArray, sql } from 'drizzle-orm';
import type { MailDb, Queryable } from '../db/open.js';
import { messages } from '../db/schema.js';
import type { Body } from './sanitize.js';

/**
 * Serialises everything that adds to these mailboxes until the transaction ends, so two sends (or a send and
 * a draft save) cannot both fit in the last free bytes. Taken in one order everywhere, so they cannot deadlock.
 */
export async function lockMailboxes(db: Queryable, subs: string[]): Promise<void> {
  for (const sub of [...new Set(subs)].sort()) {
    await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`orbit:mail:mailbox:${sub}`}))`);
  }
}

/** Bytes each of these mailboxes uses: the sizes of all its copies, in every folder. */
export async function usageOf(db: Queryable, subs: string[]): Promise<Map<string, number>> {
  const usage = new Map(subs.map((sub) => [sub, 0]));
  if (subs.length === 0) return usage;
  const rows = await db
    .select({
      sub: messages.ownerSub,
      bytes: sql<number>`coalesce(sum(${messages.size}), 0)`.mapWith(Number),
    })
    .from(messages)
    .where(inArray(messages.ownerSub, subs))
    .groupBy(messages.ownerSub);
  for (const row of rows) usage.set(row.sub, row.bytes);
  return usage;
}

export async function usedBytes(db: MailDb, owner: string): Promise<number> {
  const [row] = await db
    .select({ bytes: sql<number>`coalesce(sum(${messages.size}), 0)`.mapWith(Number) })
    .from(messages)
    .where(eq(messages.ownerSub, owner));
  return row?.bytes ?? 0;
}

/** What one copy counts against its owner's quota: subject, both bodies, and every attached file. */
export function copySize(subject: string, body: Body, attachmentSizes: number[]): number {
  const text = Buffer.byteLength(subject) + Buffer.byteLength(body.html) + Buffer.byteLength(body.text);
  return attachmentSizes.reduce((sum, size) => sum + size, text);
}
