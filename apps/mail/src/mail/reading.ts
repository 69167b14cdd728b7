import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../db/open.js';
import { attachments, messageAttachments, messages } from '../db/schema.js';
import { isUuid } from './cursor.js';
import { notFound } from './errors.js';
import {
  type AttachmentView,
  type FullRow,
  type Message,
  type MessageSummary,
  messageColumns,
  summaryColumns,
  toMessage,
  toSummary,
} from './views.js';

/** This owner's copy with this id, locked for the transaction when asked; undefined for anyone else's. */
export async function findOwned(
  db: Queryable,
  owner: string,
  id: string,
  lock: 'update' | 'none' = 'none',
): Promise<FullRow | undefined> {
  if (!isUuid(id)) return undefined;
  const query = db
    .select(messageColumns)
    .from(messages)
    .where(and(eq(messages.ownerSub, owner), eq(messages.id, id)));
  const [row] = lock === 'update' ? await query.for('update') : await query;
  return row;
}

/** Like `findOwned`, but another account's id (or none at all) is a 404 `mail.not_found`. */
export async function ownedRow(
  db: Queryable,
  owner: string,
  id: string,
  lock: 'update' | 'none' = 'none',
): Promise<FullRow> {
  const row = await findOwned(db, owner, id, lock);
  if (!row) throw notFound();
  return row;
}

export async function summaryOf(db: Queryable, owner: string, id: string): Promise<MessageSummary> {
  const [row] = isUuid(id)
    ? await db
        .select(summaryColumns)
        .from(messages)
        .where(and(eq(messages.ownerSub, owner), eq(messages.id, id)))
    : [];
  if (!row) throw notFound();
  return toSummary(row);
}

/** Attachments (without their bytes) of these copies, in the order they were added. */
async function attachmentsOf(db: Queryable, messageIds: string[]): Promise<Map<string, AttachmentView[]>> {
  const byMessage = new Map<string, AttachmentView[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db
    .select({
      messageId: messageAttachments.messageId,
      id: attachments.id,
      filename: attachments.filename,
      contentType: attachments.contentType,
      size: attachments.size,
    })
    .from(messageAttachments)
    .innerJoin(attachments, eq(attachments.id, messageAttachments.attachmentId))
    .where(inArray(messageAttachments.messageId, messageIds))
    .orderBy(messageAttachments.position, attachments.id);
  for (const { messageId, ...attachment } of rows) {
    byMessage.set(messageId, [...(byMessage.get(messageId) ?? []), attachment]);
  }
  return byMessage;
}

/**
 * The owner's own copies of the messages these answer, by send id: a reply in Bob's inbox points at Bob's
 * Sent copy of what he wrote. A copy outside the trash is preferred.
 */
async function answeredCopies(db: Queryable, owner: string, sendIds: string[]): Promise<Map<string, string>> {
  const bySendId = new Map<string, string>();
  if (sendIds.length === 0) return bySendId;
  const rows = await db
    .select({ id: messages.id, sendId: messages.sendId })
    .from(messages)
    .where(and(eq(messages.ownerSub, owner), inArray(messages.sendId, sendIds)))
    .orderBy(sql`${messages.folder} = 'trash'`, messages.date, messages.id);
  for (const row of rows) if (row.sendId && !bySendId.has(row.sendId)) bySendId.set(row.sendId, row.id);
  return bySendId;
}

/** Whole messages for rows of one owner's mailbox, with attachments and the answered message resolved. */
export async function hydrate(db: Queryable, owner: string, rows: FullRow[]): Promise<Message[]> {
  const sendIds = [...new Set(rows.flatMap((r) => (r.inReplyToSendId ? [r.inReplyToSendId] : [])))];
  const [files, answered] = await Promise.all([
    attachmentsOf(
      db,
      rows.map((r) => r.id),
    ),
    answeredCopies(db, owner, sendIds),
  ]);
  return rows.map((row) =>
    toMessage(
      row,
      files.get(row.id) ?? [],
      row.inReplyToSendId ? (answered.get(row.inReplyToSendId) ?? null) : null,
    ),
  );
}

export async function messageOf(db: Queryable, owner: string, id: string): Promise<Message> {
  const [message] = await hydrate(db, owner, [await ownedRow(db, owner, id)]);
  return message!;
}

/** What a reply needs of the message it answers: its thread and send id. Drafts cannot be answered. */
export async function answeredMessage(
  db: Queryable,
  owner: string,
  id: string,
): Promise<{ threadId: string; sendId: string }> {
  const row = await findOwned(db, owner, id);
  if (!row?.sendId) throw notFound();
  return { threadId: row.threadId, sendId: row.sendId };
}
