/**
 * An account's security log as its owner and staff read it (docs/passkeys.md, "Security log"). Zod only.
 */
import { z } from 'zod';

/** A page of a security log holds this many unless asked, and at most this many. */
export const SECURITY_LOG_PAGE_DEFAULT = 50;
export const SECURITY_LOG_PAGE_MAX = 100;

/** One entry of an account's security log. `details` depends on `type` (docs/passkeys.md). */
export const securityEventView = z
  .object({
    id: z.number().int(),
    /** `sign_in`, `passkey.added`, `role.granted`, … */
    type: z.string(),
    createdAt: z.string().describe('ISO 8601'),
    ip: z.string().nullable(),
    /** The browser and system, as read from the user agent ("Chrome on Linux"). */
    device: z.string(),
    userAgent: z.string(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'SecurityEvent' });
export type SecurityEventView = z.infer<typeof securityEventView>;

/** A page of the security log, newest first; `nextBefore` asks for the next (older) page, null at the end. */
export const securityLogPage = z.object({
  events: z.array(securityEventView),
  nextBefore: z.number().int().nullable(),
});
export type SecurityLogPage = z.infer<typeof securityLogPage>;

/** An empty query parameter (`?before=`) counts as absent. */
const blankAsAbsent = (v: unknown) => (v === '' ? undefined : v);

/** `?before=&limit=`: `before` is the id of the last entry already shown. */
export const securityLogQuery = z.object({
  before: z.preprocess(blankAsAbsent, z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional()),
  limit: z.preprocess(
    blankAsAbsent,
    z.coerce.number().int().min(1).max(SECURITY_LOG_PAGE_MAX).default(SECURITY_LOG_PAGE_DEFAULT),
  ),
});
export type SecurityLogQuery = z.input<typeof securityLogQuery>;
