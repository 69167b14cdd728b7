import type { CallGrantStatus, LocalizedText, ManifestPerk, ServiceManifest } from '@orbit/contracts';
import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgSchema, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clients } from '../oidc/index.js';

/** The platform's own schema: which services make up Orbit (and, later, what else spans them). */
export const platform = pgSchema('platform');

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A registered service: its launcher entry and the manifest it was registered from. The service's OIDC client
 * (same id) holds its URIs, scopes, secret and whether it is disabled; deleting the client deletes this row.
 */
export const services = platform.table('services', {
  id: text('id')
    .primaryKey()
    .references(() => clients.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  names: jsonb('names').$type<LocalizedText>().notNull(),
  description: text('description').notNull(),
  descriptions: jsonb('descriptions').$type<LocalizedText>().notNull(),
  iconSvg: text('icon_svg').notNull(),
  /** `scheme://host[:port]` the service was registered at. */
  origin: text('origin').notNull(),
  homeUrl: text('home_url').notNull(),
  /** Where the hub asks for the launcher badge; null when the service shows none. */
  badgeUrl: text('badge_url'),
  perks: jsonb('perks').$type<ManifestPerk[]>().notNull(),
  manifest: jsonb('manifest').$type<ServiceManifest>().notNull(),
  createdAt: timestamptz('created_at').notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
});

/**
 * One scope one service may ask for in tokens addressed to another (docs/services.md, "Calling another
 * service"): recorded from the caller's manifest (`api.calls`) when it registers. The target need not be
 * registered yet, so `target_id` references nothing; a scope the target stops offering is deleted at its
 * registration. A revoked grant stays, so a re-registration can't approve it again by itself.
 */
export const serviceCallGrants = platform.table(
  'service_call_grants',
  {
    callerId: text('caller_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    targetId: text('target_id').notNull(),
    scope: text('scope').notNull(),
    /** `approved` (tokens carry the scope), `pending` (an admin decides) or `revoked`. */
    status: text('status').$type<CallGrantStatus>().notNull(),
    /** The admin who approved or revoked it last; null when registration approved it. */
    decidedBy: uuid('decided_by'),
    decidedAt: timestamptz('decided_at'),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    primaryKey({ name: 'service_call_grants_pk', columns: [t.callerId, t.targetId, t.scope] }),
    index('service_call_grants_target_idx').on(t.targetId),
    check('service_call_grants_status_check', sql`${t.status} IN ('approved', 'pending', 'revoked')`),
  ],
);

export const platformSchema = { services, serviceCallGrants };
export type ServiceRow = typeof services.$inferSelect;
export type CallGrantRow = typeof serviceCallGrants.$inferSelect;
