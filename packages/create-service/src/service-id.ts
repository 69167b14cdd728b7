import { ScaffoldError } from './errors.js';

/** The manifest's rule for a service id (`@orbit/contracts`), which is also its OIDC client id. */
export const SERVICE_ID_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;

/**
 * Ids a new service may not take: the platform's own apps and packages, and the hub's Postgres schemas (a
 * service's schema is named after its id).
 */
export const RESERVED_IDS: ReadonlySet<string> = new Set([
  'identity',
  'portal',
  'mail',
  'sdk',
  'http',
  'db',
  'jobs',
  'testing',
  'manifest',
  'create-service',
  'e2e',
  'oidc',
  'membership',
  'public',
  'information-schema',
]);

/** Refuses an id that breaks the manifest's rule or is reserved. */
export function validateServiceId(id: string): void {
  if (!SERVICE_ID_PATTERN.test(id)) {
    throw new ScaffoldError(
      'id.invalid',
      `"${id}" is not a service id: use 2–32 characters, a lower-case letter first, then a-z, 0-9 or -.`,
    );
  }
  if (RESERVED_IDS.has(id)) {
    throw new ScaffoldError('id.reserved', `"${id}" is reserved for Orbit itself; pick another id.`);
  }
  // PostgreSQL keeps schema names starting with pg_ for itself.
  if (id.startsWith('pg-')) {
    throw new ScaffoldError(
      'id.reserved',
      `"${id}" would make a schema named pg_…, which PostgreSQL reserves.`,
    );
  }
}

/** The service's Postgres schema: its id with `-` turned into `_`. */
export const schemaName = (id: string) => id.replace(/-/g, '_');

/** A display name made from the id: `team-notes` → `Team notes`. */
export const defaultName = (id: string) => {
  const words = id.replace(/-+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The manifest allows 40 characters. */
export const MAX_NAME_LENGTH = 40;

/**
 * Refuses a display name the manifest would refuse, or one holding characters that would need escaping in the
 * generated code (quotes, backslashes, `<`, `>`, `&`, braces, backticks); answers it trimmed.
 */
export function validateName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > MAX_NAME_LENGTH) {
    throw new ScaffoldError('name.invalid', `The name must be 1–${MAX_NAME_LENGTH} characters.`);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  if (/["'`\\<>&{}\u0000-\u001f\u007f]/.test(trimmed)) {
    throw new ScaffoldError(
      'name.invalid',
      'The name may not hold quotes, backslashes, <, >, &, braces or control characters ' +
        '(edit src/manifest.ts afterwards if it needs them).',
    );
  }
  return trimmed;
}
