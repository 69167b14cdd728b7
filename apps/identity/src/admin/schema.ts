import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { identity } from '../db/schema.js';
import { auditVias } from '../kernel/actor.js';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export { type AuditVia, auditVias } from '../kernel/actor.js';

/**
 * The audit log: every admin action — who (`actor_*`, `via`), what (`action`, `details`), to whom (`target_*`),
 * when (`at`) and from where (`ip`, `user_agent`). Append-only (a trigger refuses updates); the actor is kept by
 * id and label, without a foreign key, so the entry outlives the actor's account.
 */
export const auditLog = identity.table(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamptz('at').notNull(),
    actorAccountId: uuid('actor_account_id'),
    /** `@handle` for a console actor, the OS user for the CLI, `system` for the hub itself. */
    actorLabel: text('actor_label').notNull(),
    via: text('via', { enum: auditVias }).notNull(),
    /** Dotted: `account.locked`, `role.granted`, `client.secret_rotated`, … */
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    targetLabel: text('target_label'),
    /** Action-specific facts; never a secret. */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [
    index('audit_log_at_idx').on(sql`${t.at} desc`, sql`${t.id} desc`),
    index('audit_log_actor_idx').on(t.actorAccountId, sql`${t.id} desc`),
    index('audit_log_target_idx').on(t.targetId, sql`${t.id} desc`),
    index('audit_log_action_idx').on(t.action, sql`${t.id} desc`),
  ],
);

export const adminSchema = { auditLog };
export type AuditLogRow = typeof auditLog.$inferSelect;
