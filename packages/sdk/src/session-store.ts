import { eq, lt, sql } from 'drizzle-orm';
import {
  index,
  jsonb,
  type PgDatabase,
  type PgQueryResultHKT,
  type PgSchema,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import type { StoredUser } from './user.js';

/** One service session: the cookie's value is a secret, so only its SHA-256 is kept. */
export interface StoredSession {
  idHash: string;
  sub: string;
  sid: string | null;
  user: StoredUser;
  /** Sent back to the hub as `id_token_hint` when the user signs out here. */
  idToken: string;
  /**
   * The hub's access and refresh tokens for the user, sealed (user-tokens.ts): what calls to other services on
   * the user's behalf are exchanged from. Absent for a session stored before calls existed.
   */
  hubTokens?: string | null | undefined;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** Where a service keeps its sessions. `drizzleSessionStore` is the one Orbit services use. */
export interface SessionStore {
  create(session: StoredSession): Promise<void>;
  get(idHash: string): Promise<StoredSession | undefined>;
  /** Keeps the session's refreshed hub tokens (sealed); without it a refresh lasts only the process's life. */
  setHubTokens?(idHash: string, hubTokens: string): Promise<void>;
  /** Moves `lastSeenAt` and `expiresAt` (idle timeout). */
  touch(idHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void>;
  delete(idHash: string): Promise<void>;
  /** Ends every session of one hub session (back-channel logout with `sid`); answers how many. */
  deleteByHubSession(sid: string): Promise<number>;
  /** Ends every session of one account (back-channel logout without `sid`); answers how many. */
  deleteBySubject(sub: string): Promise<number>;
  deleteExpired(now: Date): Promise<number>;
}

/**
 * The SDK's session table, in the service's own Postgres schema. List it in the service's Drizzle schema so
 * drizzle-kit puts it in the service's migrations.
 *
 * @example
 * export const mailSchema = pgSchema('mail');
 * export const sessions = orbitSessions(mailSchema);
 */
export function orbitSessions(schema: PgSchema) {
  return schema.table(
    'orbit_sessions',
    {
      idHash: text('id_hash').primaryKey(),
      sub: text('sub').notNull(),
      sid: text('sid'),
      user: jsonb('user').$type<StoredUser>().notNull(),
      idToken: text('id_token').notNull(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
      lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
      expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    },
    (t) => [
      index('orbit_sessions_sid_idx').on(t.sid),
      index('orbit_sessions_sub_idx').on(t.sub),
      index('orbit_sessions_expires_idx').on(t.expiresAt),
    ],
  );
}

export type OrbitSessionsTable = ReturnType<typeof orbitSessions>;

/**
 * The `user` column as stored: the user, and beside it the sealed hub tokens. They ride in the same JSON so that
 * services made before calls existed need no migration of the table they keep (a column of its own would).
 */
type StoredUserColumn = StoredUser & { hubTokens?: string };

const withHubTokens = (user: StoredUser, hubTokens: string | null | undefined): StoredUserColumn =>
  hubTokens ? { ...user, hubTokens } : user;

/** How `drizzleSessionStore` may keep sessions it read. */
export interface SessionStoreOptions {
  /**
   * Keep each session read in memory this long (ms; default 0, off) so that a busy page needs no session
   * query. Keep it short (Space uses 2 s): an ending this process does (sign-out, back-channel logout, an
   * expiry, a deleted account) drops the kept copy at once, but another process sharing the table is seen only
   * when the copy runs out. The idle timeout's touch still writes through at once.
   */
  cacheMs?: number;
}

/** The most sessions kept in memory at once (the oldest go first). */
const CACHE_LIMIT = 10_000;
/** Stores made in this process: each names its prepared statement apart (their tables may differ). */
let stores = 0;

/** A session store on the service's own database (PGlite or Postgres), in the table `orbitSessions` made. */
export function drizzleSessionStore(
  // biome-ignore lint/suspicious/noExplicitAny: any Drizzle pg database, whatever its schema
  db: PgDatabase<PgQueryResultHKT, any>,
  table: OrbitSessionsTable,
  options: SessionStoreOptions = {},
): SessionStore {
  const cacheMs = options.cacheMs ?? 0;
  const cache = new Map<string, { session: StoredSession; until: number }>();
  /**
   * Moves on with every change, after its write: a read that started before (and so may hold what was
   * changed or ended since) is not kept; copies kept before it are dropped by `forget` itself (by the rows the
   * write touched, as the database says, so a copy older than the row is dropped too).
   */
  let generation = 0;
  /** Drops the kept copies of the sessions a write changed or ended (the rows it touched, by id hash). */
  const forget = (idHashes: readonly string[]) => {
    generation++;
    for (const idHash of idHashes) cache.delete(idHash);
  };
  const read = db
    .select()
    .from(table)
    .where(eq(table.idHash, sql.placeholder('idHash')))
    .prepare(`orbit_session_by_id_hash_${++stores}`);

  return {
    async create({ hubTokens, ...session }) {
      await db.insert(table).values({ ...session, user: withHubTokens(session.user, hubTokens) });
    },
    async get(idHash) {
      const kept = cacheMs > 0 ? cache.get(idHash) : undefined;
      if (kept && kept.until > performance.now()) return { ...kept.session };
      const started = generation;
      const [row] = await read.execute({ idHash });
      if (!row) return undefined;
      const { hubTokens, ...user } = row.user as StoredUserColumn;
      const session = { ...row, user, hubTokens: hubTokens ?? null };
      if (cacheMs > 0 && started === generation) {
        cache.delete(idHash);
        if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
        cache.set(idHash, { session, until: performance.now() + cacheMs });
      }
      return { ...session };
    },
    async setHubTokens(idHash, hubTokens) {
      await db
        .update(table)
        .set({ user: sql`jsonb_set(${table.user}, '{hubTokens}', to_jsonb(${hubTokens}::text))` })
        .where(eq(table.idHash, idHash));
      forget([idHash]);
    },
    async touch(idHash, lastSeenAt, expiresAt) {
      await db.update(table).set({ lastSeenAt, expiresAt }).where(eq(table.idHash, idHash));
      forget([idHash]);
    },
    async delete(idHash) {
      await db.delete(table).where(eq(table.idHash, idHash));
      forget([idHash]);
    },
    async deleteByHubSession(sid) {
      const rows = await db.delete(table).where(eq(table.sid, sid)).returning({ idHash: table.idHash });
      forget(rows.map((r) => r.idHash));
      return rows.length;
    },
    async deleteBySubject(sub) {
      const rows = await db.delete(table).where(eq(table.sub, sub)).returning({ idHash: table.idHash });
      forget(rows.map((r) => r.idHash));
      return rows.length;
    },
    async deleteExpired(now) {
      const rows = await db.delete(table).where(lt(table.expiresAt, now)).returning({ idHash: table.idHash });
      forget(rows.map((r) => r.idHash));
      return rows.length;
    },
  };
}
