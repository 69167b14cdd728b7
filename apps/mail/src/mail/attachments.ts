import { and, eq, exists, inArray, notExists, sql } from 'drizzle-orm';
import type { MailDb, Queryable } from '../db/open.js';
import { attachments, messageAttachments, messages } from '../db/schema.js';
import type { Clock } from './clock.js';
import { isUuid } from './cursor.js';
import { attachmentTooLarge, notFound } from './errors.js';
import type { NewAttachment } from './input.js';

/** A file already stored, as a message refers to it. */
export interface StoredAttachment {
  id: string;
  size: number;
  /** For the search document of the copies that carry it. */
  filename: string;
}

export interface LinkedAttachment extends StoredAttachment {
  position: number;
}

/** Refuses the first file larger than the account may attach. */
export function checkAttachmentSizes(files: NewAttachment[], limitBytes: number): void {
  const tooLarge = files.find((f) => f.data.byteLength > limitBytes);
  if (tooLarge) throw attachmentTooLarge(tooLarge.filename, limitBytes);
}

export async function storeAttachments(
  db: Queryable,
  clock: Clock,
  files: NewAttachment[],
): Promise<StoredAttachment[]> {
  if (files.length === 0) return [];
  const createdAt = clock.now();
  return db
    .insert(attachments)
    .values(files.map((f) => ({ ...f, size: f.data.byteLength, createdAt })))
    .returning({ id: attachments.id, size: attachments.size, filename: attachments.filename });
}

/** The files a copy carries, in order. */
export async function attachmentsOfMessage(db: Queryable, messageId: string): Promise<LinkedAttachment[]> {
  return db
    .select({
      id: attachments.id,
      size: attachments.size,
      filename: attachments.filename,
      position: messageAttachments.position,
    })
    .from(messageAttachments)
    .innerJoin(attachments, eq(attachments.id, messageAttachments.attachmentId))
    .where(eq(messageAttachments.messageId, messageId))
    .orderBy(messageAttachments.position, attachments.id);
}

/** Links the same files, in this order, to each of these copies. */
export async function linkAttachments(
  db: Queryable,
  messageIds: string[],
  files: StoredAttachment[],
  firstPosition = 0,
): Promise<void> {
  if (files.length === 0 || messageIds.length === 0) return;
  await db
    .insert(messageAttachments)
    .values(
      messageIds.flatMap((messageId) =>
        files.map((f, i) => ({ messageId, attachmentId: f.id, position: firstPosition + i })),
      ),
    )
    .onConflictDoNothing();
}

/** Locks these files until the transaction ends, in one order (see `deleteCopies`). */
async function lockFiles(db: Queryable, fileIds: string[]): Promise<void> {
  if (fileIds.length === 0) return;
  await db
    .select({ id: attachments.id })
    .from(attachments)
    .where(inArray(attachments.id, fileIds))
    .orderBy(attachments.id)
    .for('update');
}

/** Takes these files off one copy, deleting those no other copy carries. */
export async function unlinkAttachments(db: Queryable, messageId: string, fileIds: string[]): Promise<void> {
  if (fileIds.length === 0) return;
  await lockFiles(db, fileIds);
  await db
    .delete(messageAttachments)
    .where(
      and(eq(messageAttachments.messageId, messageId), inArray(messageAttachments.attachmentId, fileIds)),
    );
  await freeUnlinked(db, fileIds);
}

/**
 * Deletes copies and every file no copy links to any more. The files are locked first, so that when the last
 * two copies of a send are deleted at the same time, the transaction that goes second sees the other's link
 * gone and deletes the file.
 */
export async function deleteCopies(db: Queryable, owner: string, messageIds: string[]): Promise<number> {
  if (messageIds.length === 0) return 0;
  const linked = await db
    .selectDistinct({ id: messageAttachments.attachmentId })
    .from(messageAttachments)
    .where(inArray(messageAttachments.messageId, messageIds));
  const fileIds = linked.map((l) => l.id);
  await lockFiles(db, fileIds);
  const deleted = await db
    .delete(messages)
    .where(and(eq(messages.ownerSub, owner), inArray(messages.id, messageIds)))
    .returning({ id: messages.id });
  await freeUnlinked(db, fileIds);
  return deleted.length;
}

/** Deletes those of these files that no copy links to. */
async function freeUnlinked(db: Queryable, fileIds: string[]): Promise<void> {
  if (fileIds.length === 0) return;
  await db
    .delete(attachments)
    .where(
      and(
        inArray(attachments.id, fileIds),
        notExists(
          db
            .select({ one: sql`1` })
            .from(messageAttachments)
            .where(eq(messageAttachments.attachmentId, attachments.id)),
        ),
      ),
    );
}

export interface Download {
  filename: string;
  contentType: string;
  size: number;
  data: Buffer;
}

/** `GET /api/attachments/:id`: a file, only when a copy in the owner's mailbox carries it. */
export async function downloadAttachment(db: MailDb, owner: string, id: string): Promise<Download> {
  if (!isUuid(id)) throw notFound();
  const [file] = await db
    .select({
      filename: attachments.filename,
      contentType: attachments.contentType,
      size: attachments.size,
      data: attachments.data,
    })
    .from(attachments)
    .where(
      and(
        eq(attachments.id, id),
        exists(
          db
            .select({ one: sql`1` })
            .from(messageAttachments)
            .innerJoin(messages, eq(messages.id, messageAttachments.messageId))
            .where(and(eq(messageAttachments.attachmentId, attachments.id), eq(messages.ownerSub, owner))),
        ),
      ),
    );
  if (!file) throw notFound();
  return file;
}
