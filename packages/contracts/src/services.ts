/**
 * Registered services as the portal reads them (docs/services.md): the launcher's entries and badges, and the
 * admin's services page with each one's client, perks and roles. Zod only.
 */
import { z } from 'zod';
import { bilingualText, clientView } from './admin.js';
import { MANIFEST_LOCALES } from './manifest.js';

const instant = z.string().describe('ISO 8601');
const names = z.partialRecord(z.enum(MANIFEST_LOCALES), z.string());

/** A service the launcher offers: an enabled Orbit service, as `GET /api/services` lists it. */
export const launcherEntry = z
  .object({
    id: z.string(),
    name: z.string(),
    /** The name in other languages, by BCP 47 tag (`zh-CN`). */
    names,
    description: z.string(),
    descriptions: names,
    /** `/api/services/<id>/icon`: the service's SVG, served by the hub. */
    iconUrl: z.string(),
    /** Opening it signs the reader in to the service through the hub, no password asked. */
    homeUrl: z.string(),
    /** Whether it reports a count (unread mail…) at `GET /api/services/:id/badge`. */
    badge: z.boolean(),
  })
  .meta({ id: 'LauncherService' });
export type LauncherEntry = z.infer<typeof launcherEntry>;

/** `GET /api/services/:id/badge`: the service's count for the reader; null when it did not answer in time. */
export const launcherBadge = z.object({ count: z.number().int().nullable() });
export type LauncherBadge = z.infer<typeof launcherBadge>;

/** A perk a service reads (membership tiers set it), as its manifest declares it. */
export const servicePerk = z.looseObject({
  key: z.string(),
  type: z.enum(['boolean', 'number']),
  default: z.union([z.boolean(), z.number()]),
  description: z.string(),
});
export type ServicePerk = z.infer<typeof servicePerk>;

/** A role a service's manifest declares (docs/services.md, "Roles"). */
export const declaredRole = z.object({
  /** `<serviceId>.<name>`, e.g. `news.editor`: what is granted and what tokens carry. */
  role: z.string(),
  serviceId: z.string(),
  /** The short name in the manifest, e.g. `editor`. */
  name: z.string(),
  label: bilingualText,
  description: bilingualText.nullable(),
});
export type DeclaredRole = z.infer<typeof declaredRole>;

/**
 * A registered service as an admin sees it (`GET /api/admin/services`): its launcher entry, its client, its
 * perks and roles, and whether it is disabled (gone from the launcher; its client neither signs in nor gets
 * tokens). Other fields the manifest grows pass through.
 */
export const adminServiceView = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    names,
    description: z.string(),
    descriptions: names,
    origin: z.string(),
    homeUrl: z.string(),
    badgeUrl: z.string().nullable(),
    perks: z.array(servicePerk),
    roles: z.array(declaredRole),
    disabled: z.boolean(),
    createdAt: instant,
    updatedAt: instant,
    client: clientView,
  })
  .meta({ id: 'AdminService' });
export type AdminServiceView = z.infer<typeof adminServiceView>;

/** `POST /api/admin/services/:id/rotate-secret` (the body may be left out: the default grace). */
export const serviceRotationInput = z.object({ graceHours: z.number().int().min(0).optional() }).strict();

/** A service's new client secret, answered this once. */
export const serviceRotation = z.object({
  clientSecret: z.string(),
  /** When the replaced secret stops working; null when it stopped at once. */
  previousSecretExpiresAt: instant.nullable(),
  /** The service's credentials file the hub wrote the new secret to; null when it has none the hub wrote. */
  credentialsFile: z.string().nullable(),
});
export type ServiceRotation = z.infer<typeof serviceRotation>;
