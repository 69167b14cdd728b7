import { timingSafeEqual } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, or } from 'drizzle-orm';
import type { Clock } from '../../clock.js';
import { randomToken, sha256 } from '../../crypto.js';
import { AppError } from '../../http/errors.js';
import type { Queryable } from '../../kernel/db.js';
import { clientSecrets } from '../schema.js';
import { type CachedSecret, clientsWritten } from './cache.js';

/** How long a replaced secret keeps working unless the operator says otherwise: a day to deploy the new one. */
export const DEFAULT_GRACE_HOURS = 24;
/** The longest overlap an operator may ask for (30 days). */
export const MAX_GRACE_HOURS = 720;

const HOUR_MS = 3_600_000;

/** A secret as an admin may see it: never the secret, only when it was made and when it stops working. */
export interface SecretView {
  createdAt: string;
  /** Null for the current secret; the end of the overlap for the one a rotation replaced. */
  expiresAt: string | null;
}

export interface Rotation {
  clientSecret: string;
  /** When the replaced secret stops working; null when it stopped at once (grace 0) or there was none. */
  previousSecretExpiresAt: Date | null;
}

/** Constant-time comparison of two SHA-256 hex digests (equal length by construction). */
function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Whether `secret` is one of `stored` that still works at `now`. Each comparison takes constant time, and every
 * live secret is compared, so the answer's timing does not tell which one matched.
 */
export function matchesLive(stored: readonly CachedSecret[], secret: string, now: Date): boolean {
  const given = sha256(secret);
  let found = false;
  for (const row of stored) {
    if (row.expiresAt && row.expiresAt <= now) continue;
    found = sameHash(given, row.secretHash) || found;
  }
  return found;
}

/** Checks an operator's grace (whole hours, 0–720); undefined means the default, 24 h. */
export function graceHoursOf(value: number | undefined): number {
  const hours = value ?? DEFAULT_GRACE_HOURS;
  if (!Number.isInteger(hours) || hours < 0 || hours > MAX_GRACE_HOURS) {
    throw new AppError(
      400,
      'client.invalid_grace',
      `The grace must be a whole number of hours from 0 to ${MAX_GRACE_HOURS}.`,
      [{ path: 'graceHours', message: `a whole number from 0 to ${MAX_GRACE_HOURS}` }],
    );
  }
  return hours;
}

/**
 * A client's secrets (`oidc.client_secrets`). Only SHA-256 hashes are kept. A rotation makes a new current
 * secret and lets the one it replaces work on until the grace ends, so a service keeps signing users in while
 * its operator deploys the new secret; a second rotation inside the grace ends the oldest at once, so a client
 * never has more than two live secrets. Built on the database or on an open transaction.
 */
export function createClientSecrets({ db, clock }: { db: Queryable; clock: Clock }) {
  const live = (clientId: string, now: Date) =>
    and(
      eq(clientSecrets.clientId, clientId),
      or(isNull(clientSecrets.expiresAt), gt(clientSecrets.expiresAt, now)),
    );

  return {
    /** Stores the first secret of a new client; answers it (shown once). */
    async issue(clientId: string): Promise<string> {
      clientsWritten();
      const secret = randomToken();
      await db
        .insert(clientSecrets)
        .values({ clientId, secretHash: sha256(secret), createdAt: clock.now(), expiresAt: null });
      return secret;
    },

    /**
     * Replaces the current secret. The replaced one works for `graceHours` more (0: stops at once); any older
     * one still in its grace stops now. Call inside a transaction that holds the client row (`FOR UPDATE`), so
     * two rotations at once cannot both keep their predecessor.
     */
    async rotate(clientId: string, graceHours: number): Promise<Rotation> {
      clientsWritten();
      const now = clock.now();
      // Older secrets still in their grace end now: at most the current one and its successor stay live.
      await db
        .delete(clientSecrets)
        .where(and(eq(clientSecrets.clientId, clientId), isNotNull(clientSecrets.expiresAt)));
      let previousSecretExpiresAt: Date | null = null;
      if (graceHours === 0) {
        await db
          .delete(clientSecrets)
          .where(and(eq(clientSecrets.clientId, clientId), isNull(clientSecrets.expiresAt)));
      } else {
        const ends = new Date(now.getTime() + graceHours * HOUR_MS);
        const replaced = await db
          .update(clientSecrets)
          .set({ expiresAt: ends })
          .where(and(eq(clientSecrets.clientId, clientId), isNull(clientSecrets.expiresAt)))
          .returning({ id: clientSecrets.id });
        if (replaced.length > 0) previousSecretExpiresAt = ends;
      }
      const clientSecret = randomToken();
      await db
        .insert(clientSecrets)
        .values({ clientId, secretHash: sha256(clientSecret), createdAt: now, expiresAt: null });
      return { clientSecret, previousSecretExpiresAt };
    },

    /**
     * Whether `secret` is one of the client's live secrets. Each comparison takes constant time, and every
     * live secret is compared, so the answer's timing does not tell which one matched.
     */
    async matches(clientId: string, secret: string): Promise<boolean> {
      const now = clock.now();
      const rows = await db
        .select({ secretHash: clientSecrets.secretHash, expiresAt: clientSecrets.expiresAt })
        .from(clientSecrets)
        .where(live(clientId, now));
      return matchesLive(rows, secret, now);
    },

    /** Every stored secret of a client, live or not (for the client cache, which checks lifetimes at use). */
    async all(clientId: string): Promise<CachedSecret[]> {
      return await db
        .select({ secretHash: clientSecrets.secretHash, expiresAt: clientSecrets.expiresAt })
        .from(clientSecrets)
        .where(eq(clientSecrets.clientId, clientId));
    },

    /** The client's live secrets, current first. */
    async list(clientId: string): Promise<SecretView[]> {
      return (await this.listFor([clientId])).get(clientId) ?? [];
    },

    /** The live secrets of several clients in one query, by client id (current first). */
    async listFor(clientIds: readonly string[]): Promise<Map<string, SecretView[]>> {
      const byClient = new Map<string, SecretView[]>();
      if (clientIds.length === 0) return byClient;
      const now = clock.now();
      const rows = await db
        .select({
          clientId: clientSecrets.clientId,
          createdAt: clientSecrets.createdAt,
          expiresAt: clientSecrets.expiresAt,
        })
        .from(clientSecrets)
        .where(
          and(
            inArray(clientSecrets.clientId, [...clientIds]),
            or(isNull(clientSecrets.expiresAt), gt(clientSecrets.expiresAt, now)),
          ),
        )
        .orderBy(asc(clientSecrets.createdAt));
      // The current secret (no end) first, then the one in its grace.
      rows.sort((a, b) => Number(a.expiresAt !== null) - Number(b.expiresAt !== null));
      for (const row of rows) {
        const list = byClient.get(row.clientId) ?? [];
        list.push({
          createdAt: row.createdAt.toISOString(),
          expiresAt: row.expiresAt?.toISOString() ?? null,
        });
        byClient.set(row.clientId, list);
      }
      return byClient;
    },

    /** Deletes every secret whose grace has ended (housekeeping); answers how many. */
    async deleteExpired(): Promise<number> {
      clientsWritten();
      const gone = await db
        .delete(clientSecrets)
        .where(and(isNotNull(clientSecrets.expiresAt), lte(clientSecrets.expiresAt, clock.now())))
        .returning({ id: clientSecrets.id });
      return gone.length;
    },
  };
}

export type ClientSecrets = ReturnType<typeof createClientSecrets>;
