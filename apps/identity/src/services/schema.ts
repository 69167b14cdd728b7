import type { LocalizedText, ManifestPerk, ServiceManifest } from '@orbit/contracts';
import { jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import { clients } from '../oidc/schema.js';

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

export const platformSchema = { services };
export type ServiceRow = typeof services.$inferSelect;
