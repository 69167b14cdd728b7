import type { AuditEntryView } from '@orbit/contracts';
import { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX } from '@orbit/contracts';
import { and, desc, eq, gte, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { AuditActor } from '../kernel/actor.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { type AuditLogRow, auditLog } from './schema.js';

export type { AuditActor } from '../kernel/actor.js';

/** What an admin action did, and to whom. Never put a secret (a client secret, a token, a code) in `details`. */
export interface AuditEntry {
  /** Dotted: `account.locked`, `role.granted`, `client.secret_rotated`, `service.disabled`, `tier.created`, … */
  action: string;
  target?: { type: string; id: string; label?: string | undefined } | undefined;
  details?: Record<string, unknown> | undefined;
}

/**
 * A hook a domain write calls inside its transaction, with what it did, just before committing: how an admin
 * route records its audit entry in the write's own transaction (`audit.within(actor, entryOf)` makes one).
 */
export type Within<T> = (q: Queryable, result: T) => Promise<void>;

/** An audit entry as the console reads it (`@orbit/contracts`). */
export type { AuditEntryView };

export interface AuditSearch {
  /** Text found (case-insensitive) in the action, the actor's label, or the target's label or id. */
  q?: string | undefined;
  /** An account id (uuid), or an actor label (`@handle`, `handle`, an OS user, `system`). */
  actor?: string | undefined;
  /** An action (`role.granted`), or every action under a prefix (`account.*`). */
  action?: string | undefined;
  /** The target's id exactly (an account id, a client id, a service id…). */
  targetId?: string | undefined;
  /** From this instant (inclusive) … */
  from?: Date | undefined;
  /** … to this one (exclusive). */
  to?: Date | undefined;
  /** The id of the last entry already shown: the page continues with older entries. */
  before?: number | undefined;
  limit?: number | undefined;
}

/** A page's size unless asked, and at most: the API's own, from `@orbit/contracts`. */
export { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `%`, `_` and the escape character itself match literally (Postgres' default LIKE escape is `\`). */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, '\\$&');

export const viewAuditEntry = (row: AuditLogRow): AuditEntryView => ({
  id: row.id,
  at: row.at.toISOString(),
  actor: { accountId: row.actorAccountId, label: row.actorLabel, via: row.via },
  action: row.action,
  target:
    row.targetType !== null && row.targetId !== null
      ? { type: row.targetType, id: row.targetId, label: row.targetLabel }
      : null,
  details: row.details,
  ip: row.ip,
  userAgent: row.userAgent,
});

function conditions(filters: AuditSearch): SQL[] {
  const where: SQL[] = [];
  const q = filters.q?.trim();
  if (q) {
    const contains = `%${escapeLike(q)}%`;
    const any = or(
      ilike(auditLog.action, contains),
      ilike(auditLog.actorLabel, contains),
      ilike(auditLog.targetLabel, contains),
      ilike(auditLog.targetId, contains),
    );
    if (any) where.push(any);
  }
  const actor = filters.actor?.trim();
  if (actor) {
    if (UUID.test(actor)) where.push(eq(auditLog.actorAccountId, actor.toLowerCase()));
    else {
      const label = actor.toLowerCase();
      where.push(sql`lower(${auditLog.actorLabel}) in (${label}, ${`@${label.replace(/^@/, '')}`})`);
    }
  }
  const action = filters.action?.trim();
  if (action) {
    where.push(
      action.endsWith('.*')
        ? sql`${auditLog.action} like ${`${escapeLike(action.slice(0, -1))}%`}`
        : eq(auditLog.action, action),
    );
  }
  if (filters.targetId) where.push(eq(auditLog.targetId, filters.targetId));
  if (filters.from) where.push(gte(auditLog.at, filters.from));
  if (filters.to) where.push(lt(auditLog.at, filters.to));
  if (filters.before !== undefined) where.push(lt(auditLog.id, filters.before));
  return where;
}

/**
 * The audit log of admin actions. `record` writes inside the transaction of the action it records, so the entry
 * exists exactly when the action does.
 */
export function createAuditLog({ db, clock }: { db: IdentityDb; clock: Clock }) {
  /** Records an admin action; call it with the action's transaction (`q`). */
  async function record(q: Queryable, actor: AuditActor, entry: AuditEntry): Promise<void> {
    await q.insert(auditLog).values({
      at: clock.now(),
      actorAccountId: actor.accountId,
      actorLabel: actor.label.slice(0, 200),
      via: actor.via,
      action: entry.action,
      targetType: entry.target?.type ?? null,
      targetId: entry.target?.id ?? null,
      targetLabel: entry.target?.label?.slice(0, 200) ?? null,
      details: entry.details ?? {},
      ip: actor.ip,
      userAgent: actor.userAgent.slice(0, 512),
    });
  }

  return {
    record,

    /** A `Within` hook that records the entry `entryOf` makes from the write's result, in its transaction. */
    within<T>(actor: AuditActor, entryOf: (result: T) => AuditEntry): Within<T> {
      return (q, result) => record(q, actor, entryOf(result));
    },

    /**
     * Runs an admin write in a transaction and records its entry (made from the write's result) in the same one:
     * the entry exists exactly when the write committed. `work` must do its writes through `tx`.
     */
    async transaction<T>(
      actor: AuditActor,
      work: (tx: IdentityDb) => Promise<T>,
      entryOf: (result: T) => AuditEntry,
    ): Promise<T> {
      return db.transaction(async (tx) => {
        const result = await work(tx);
        await record(tx, actor, entryOf(result));
        return result;
      });
    },

    /** Newest first, `limit` at a time; `nextBefore` continues the same search with older entries. */
    async search(
      filters: AuditSearch = {},
    ): Promise<{ entries: AuditEntryView[]; nextBefore: number | null }> {
      const limit = Math.min(Math.max(filters.limit ?? AUDIT_PAGE_DEFAULT, 1), AUDIT_PAGE_MAX);
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(...conditions(filters)))
        .orderBy(desc(auditLog.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      return {
        entries: page.map(viewAuditEntry),
        nextBefore: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
