/**
 * Shapes every part of Space's API shares (posts, photos, talk, timeline): declared once here and imported by the
 * routes and by the web pages (zod and `@orbit/contracts` only: no server code). See docs/contracts.md.
 */
import { audienceSchema, publicAccount } from '@orbit/contracts';
import { z } from 'zod';

export const instant = z.string().describe('ISO 8601 date-time');

/** Text the database can store: zod strings accept NUL characters, PostgreSQL `text` doesn't (a 400, not a 500). */
export const noNul = (schema: z.ZodString) =>
  schema.refine((text) => !text.includes('\u0000'), 'must not contain NUL characters');

/** Who may see a post, a moment or an album: the social layer's audience (`canSee`). */
export const spaceAudience = audienceSchema;

/**
 * The person who wrote or did something, as the hub shows them to services (name, avatar as an absolute URL,
 * badges). An account deleted since shows as `deleted: true` with a placeholder name.
 */
export const spacePerson = publicAccount
  .extend({ deleted: z.boolean() })
  .meta({ id: 'SpacePerson', description: 'An account as Space shows it.' });
export type SpacePerson = z.infer<typeof spacePerson>;

/** A link card on a moment: what another service shared into Space (a game score, a news story). */
export const spaceLink = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2000),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(500).default(''),
    /** The service that shared it (its id), shown on the card; null when the user pasted it. */
    service: z.string().max(40).nullable().default(null),
  })
  .strict()
  .meta({ id: 'SpaceLink', description: 'A link card on a moment.' });
export type SpaceLink = z.infer<typeof spaceLink>;

/** A photo as every view shows it: the URLs serve it only to a viewer who may see what holds it. */
export const photoView = z
  .object({
    id: z.uuid(),
    width: z.number().int(),
    height: z.number().int(),
    caption: z.string(),
    /** `/photos/<id>/thumb` (≤ 320 px, WebP), `/photos/<id>/display` (≤ 1600 px, WebP), `/photos/<id>/original`. */
    urls: z.object({ thumb: z.string(), display: z.string(), original: z.string() }),
    createdAt: instant,
  })
  .meta({ id: 'Photo', description: 'A photo, served only to whoever may see what holds it.' });
export type PhotoView = z.infer<typeof photoView>;

/** The photo URLs of a photo id (relative to Space's origin). */
export const photoUrls = (id: string) => ({
  thumb: `/photos/${id}/thumb`,
  display: `/photos/${id}/display`,
  original: `/photos/${id}/original`,
});

/** A cursor page: `next` goes in `?cursor=` for the following page; null at the end. */
export const pageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** `:id` in a path: a uuid (anything else is a 404, not a 500). */
export const idParams = z.object({ id: z.uuid() });
/** `:sub` in a path: an account's `sub`. */
export const subParams = z.object({ sub: z.uuid() });
