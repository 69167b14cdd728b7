import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { Queryable } from '../db/open.js';
import { idempotencyKeys } from '../db/schema.js';
import type { SendInput } from './input.js';

/** How long a key is remembered; after that the same key sends anew. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60_000;

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** A fingerprint of everything a send asks for, files by their content hash, in one fixed field order. */
export function requestHash(input: SendInput): string {
  return sha256(
    JSON.stringify([
      input.draftId ?? null,
      input.to ?? null,
      input.cc ?? null,
      input.subject ?? null,
      input.bodyHtml ?? null,
      input.bodyText ?? null,
      input.inReplyTo ?? null,
      input.forwardOf ?? null,
      (input.attachments ?? []).map((a) => [a.filename, a.contentType, sha256(a.data)]),
    ]),
  );
}

export interface KeyRecord {
  requestHash: string;
  messageId: string;
}

export async function findKey(db: Queryable, owner: string, key: string): Promise<KeyRecord | undefined> {
  const [row] = await db
    .select({ requestHash: idempotencyKeys.requestHash, messageId: idempotencyKeys.messageId })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.ownerSub, owner), eq(idempotencyKeys.key, key)));
  return row;
}

/**
 * Claims the key for this send inside its transaction. When another transaction holds or has committed the
 * same key, Postgres makes this insert wait for it and then do nothing; the record it committed is returned
 * instead, and this send must deliver nothing.
 */
export async function claimKey(
  db: Queryable,
  owner: string,
  key: string,
  record: KeyRecord,
  now: Date,
): Promise<{ claimed: true } | { claimed: false; earlier: KeyRecord }> {
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ ownerSub: owner, key, ...record, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return { claimed: true };
  const earlier = await findKey(db, owner, key);
  if (!earlier) throw new Error('An idempotency key conflicted but cannot be read back.');
  return { claimed: false, earlier };
}

/** Forgets keys older than `IDEMPOTENCY_KEY_TTL_MS`; answers how many. */
export async function pruneIdempotencyKeys(db: Queryable, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS);
  const pruned = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, cutoff))
    .returning({ key: idempotencyKeys.key });
  return pruned.length;
}
