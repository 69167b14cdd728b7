/**
 * A user's data rights across services (issue 19, point 5; docs/data-rights.md): the export archive the hub builds
 * from its own data and every service's part, and (below "Deletion") what deleting an account tells the services.
 * The hub's `data-export` module, the SDK's export endpoint and the portal's Data section share these shapes.
 */
import { z } from 'zod';

const instant = z.string().describe('ISO 8601 date-time');

// --- Export -------------------------------------------------------------------------------------------------

/** The `typ` of the JWT the hub signs to ask a service for an account's part of an export (docs/data-rights.md). */
export const DATA_EXPORT_TOKEN_TYPE = 'orbit-data-export+jwt';
/** The longest life (seconds) of that token: the SDK refuses one that would live longer. */
export const DATA_EXPORT_TOKEN_MAX_SECONDS = 300;
/** An account may request one export in this many days (a failed build does not count). */
export const DATA_EXPORT_INTERVAL_DAYS = 7;
/** A ready archive (and its download link) is kept this many days, then swept. */
export const DATA_EXPORT_KEEP_DAYS = 7;
/** The file inside every archive, and inside every service's part, that says what each file is. */
export const EXPORT_MANIFEST_FILE = 'manifest.json';
/** The media type of an archive and of a service's part. */
export const EXPORT_ARCHIVE_TYPE = 'application/zip';

/**
 * A path inside an export: relative, `/`-separated, each segment a name (no `.`, `..`, backslash or control
 * character), at most 512 characters. What the hub accepts from a service and what the SDK lets a service write.
 */
export const exportPath = z
  .string()
  .min(1)
  .max(512)
  .refine(
    (path) =>
      path.split('/').every(
        (segment) =>
          segment.length > 0 &&
          segment.length <= 255 &&
          segment !== '.' &&
          segment !== '..' &&
          // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses.
          !/[\\\u0000-\u001f\u007f]/.test(segment),
      ),
    'must be a relative path of names separated by "/" (no ".", "..", "\\" or control characters)',
  );

/** One file of a service's part, as its `manifest.json` lists it. */
export const serviceExportFile = z.object({
  path: exportPath,
  contentType: z.string().min(1).max(200),
  bytes: z.number().int().min(0),
});

/**
 * The `manifest.json` at the top of a service's part (the zip the SDK answers the hub's export call with): who
 * it is about, what each file or folder is (`describe`), and every file (anything in the zip but these is refused).
 * A service that holds nothing answers a part with no files.
 */
export const serviceExportManifest = z.object({
  service: z.string().min(1).max(64),
  sub: z.string().min(1).max(255),
  exportedAt: instant,
  describe: z.record(z.string().max(512), z.string().max(1000)),
  files: z.array(serviceExportFile),
});
export type ServiceExportManifest = z.infer<typeof serviceExportManifest>;

export const DATA_EXPORT_STATUSES = ['queued', 'building', 'ready', 'failed', 'expired'] as const;
export type DataExportStatus = (typeof DATA_EXPORT_STATUSES)[number];

/** A service whose part is not in an archive: it could not be reached, or its answer was no part. */
export const missingService = z.object({ id: z.string(), name: z.string(), reason: z.string() });

/** One export of the signed-in account, as `GET /api/me/exports` lists it. */
export const dataExportView = z
  .object({
    id: z.uuid(),
    status: z.enum(DATA_EXPORT_STATUSES),
    createdAt: instant,
    /** Building: steps done of all (the hub, then each service), and the name of the step under way. */
    progress: z.object({
      done: z.number().int(),
      total: z.number().int(),
      step: z.string().nullable(),
    }),
    readyAt: instant.nullable(),
    /** When the archive (and every download link to it) goes. */
    expiresAt: instant.nullable(),
    /** The archive's size. */
    bytes: z.number().int().nullable(),
    /** Ready, but without the part of every service: `missingServices` says whose. */
    partial: z.boolean(),
    missingServices: z.array(missingService),
  })
  .meta({ id: 'DataExport', description: 'One export of the account’s data across Orbit.' });
export type DataExportView = z.infer<typeof dataExportView>;

/** `GET /api/me/exports`: the account's exports, newest first, and when the next may be requested. */
export const dataExportsAnswer = z.object({
  exports: z.array(dataExportView),
  /** Null when an export may be requested now. */
  nextExportAt: instant.nullable(),
});
export type DataExportsAnswer = z.infer<typeof dataExportsAnswer>;

/** `POST /api/me/exports/:id/link`: a download link (a fresh token; an earlier link stops working). */
export const dataExportLink = z.object({
  /** Relative to the hub; needs the owner's session too. */
  url: z.string(),
  expiresAt: instant,
});
export type DataExportLink = z.infer<typeof dataExportLink>;

/** `GET /api/me/exports/:id/download?token=…`. */
export const dataExportDownloadQuery = z.object({ token: z.string().max(200).optional() });

/** One file of an archive, as its top-level `manifest.json` describes it. */
export const archiveFile = z.object({
  path: z.string(),
  /** `hub`, or the id of the service it comes from. */
  source: z.string(),
  description: z.string(),
  contentType: z.string(),
  bytes: z.number().int(),
});

/** The top-level `manifest.json` of an archive. */
export const archiveManifest = z.object({
  format: z.literal('orbit-export/1'),
  account: z.object({ id: z.uuid(), accountNumber: z.string() }),
  createdAt: instant,
  files: z.array(archiveFile),
  services: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      /** `included`: its files are under `services/<id>/`; `empty`: it holds nothing; `missing`: see `reason`. */
      status: z.enum(['included', 'empty', 'missing']),
      reason: z.string().optional(),
    }),
  ),
  partial: z.boolean(),
});
export type ArchiveManifest = z.infer<typeof archiveManifest>;

/** Media types worth compressing in an archive; anything else (images, PDFs, archives) is stored as it is. */
export const COMPRESSIBLE_EXPORT_TYPE = /^(text\/|application\/(json|xml|csv|javascript)|[^;]*\+(json|xml))/i;

/**
 * One file of an export as bytes and a media type, as the SDK (a service's part) and the hub (its own) write them:
 * bytes as they are (`application/octet-stream` unless typed), text as UTF-8 (typed by a `.csv` or `.json` path,
 * else plain text), anything else as indented JSON. Throws for a value JSON can't hold (`undefined`, a function).
 */
export function encodeExportFile(file: { path: string; data: unknown; contentType?: string | undefined }): {
  bytes: Uint8Array;
  contentType: string;
} {
  const { data, path } = file;
  if (data instanceof Uint8Array || data instanceof ArrayBuffer) {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    return { bytes, contentType: file.contentType ?? 'application/octet-stream' };
  }
  if (typeof data === 'string') {
    const type = path.endsWith('.csv')
      ? 'text/csv; charset=utf-8'
      : path.endsWith('.json')
        ? 'application/json'
        : 'text/plain; charset=utf-8';
    return { bytes: new TextEncoder().encode(data), contentType: file.contentType ?? type };
  }
  const json = JSON.stringify(data, null, 2);
  if (json === undefined) throw new Error(`Data export: ${path} has no data that JSON can hold.`);
  return {
    bytes: new TextEncoder().encode(`${json}\n`),
    contentType: file.contentType ?? 'application/json',
  };
}

/**
 * Rows as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or line
 * break), the dialect of every CSV file in an export. Text starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is prefixed with `'`, so a spreadsheet shows what someone else wrote (a friend's name, a mail subject)
 * instead of running it as a formula (OWASP, "CSV Injection"). Null and undefined are empty; dates ISO 8601.
 *
 * @example
 * toCsv(['name', 'since'], [['Alice', new Date(0)]]); // 'name,since\r\nAlice,1970-01-01T00:00:00.000Z\r\n'
 */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const field = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    let text = typeof value === 'string' ? value : JSON.stringify(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [header, ...rows].map((row) => `${row.map(field).join(',')}\r\n`).join('');
}

// --- Deletion -----------------------------------------------------------------------------------------------

/** Days between a user's own deletion request and the deletion: signing in meanwhile cancels it. */
export const ACCOUNT_DELETION_GRACE_DAYS = 30;

/**
 * The event the hub sends every registered service once an account is deleted for good (a Security Event Token,
 * RFC 8417, pushed as RFC 8935 describes): `sub` is the account. The service deletes what it holds about it and
 * answers 2xx, which the hub records as its acknowledgement; anything else is retried until it succeeds.
 */
export const ACCOUNT_DELETED_EVENT = 'urn:orbit:event:account-deleted';

/** The payload of `account.deleted` inside the token's `events` claim. */
export const accountDeletedEventPayload = z.object({ deletedAt: instant });
export type AccountDeletedEventPayload = z.infer<typeof accountDeletedEventPayload>;

/** `DELETE /api/me`: the account is deleted at `scheduledFor` unless its owner signs in before then. */
export const accountDeletionScheduled = z
  .object({ scheduledFor: instant })
  .meta({ id: 'AccountDeletionScheduled', description: 'When the account will be deleted.' });
export type AccountDeletionScheduled = z.infer<typeof accountDeletionScheduled>;

/** Who asked for a deletion: the owner (after the grace period) or staff (at once). */
export const ACCOUNT_DELETION_BY = ['self', 'admin'] as const;
/**
 * `scheduled`: waiting out the grace period; `notifying`: deleted, some service has not acknowledged yet;
 * `done`: deleted and acknowledged by every service.
 */
export const ACCOUNT_DELETION_STATES = ['scheduled', 'notifying', 'done'] as const;
export type AccountDeletionState = (typeof ACCOUNT_DELETION_STATES)[number];

/** One service's part of a deletion: whether it acknowledged, and how the deliveries went so far. */
export const accountDeletionAck = z.object({
  serviceId: z.string(),
  /** Null when the service is no longer registered. */
  serviceName: z.string().nullable(),
  acknowledgedAt: instant.nullable(),
  /** Deliveries tried so far (the acknowledged one included). */
  attempts: z.number().int(),
  lastAttemptAt: instant.nullable(),
  /** Why the last delivery failed; null once acknowledged. */
  lastError: z.string().nullable(),
});
export type AccountDeletionAck = z.infer<typeof accountDeletionAck>;

/** A deletion as the admin console lists it (`GET /api/admin/account-deletions`); it outlives the account. */
export const accountDeletionView = z
  .object({
    id: z.uuid(),
    /** The account's id: the `sub` every service knows it by. */
    accountId: z.uuid(),
    accountNumber: z.string(),
    by: z.enum(ACCOUNT_DELETION_BY),
    state: z.enum(ACCOUNT_DELETION_STATES),
    requestedAt: instant,
    scheduledFor: instant,
    deletedAt: instant.nullable(),
    /** Every service told of the deletion (empty while it is scheduled). */
    services: z.array(accountDeletionAck),
  })
  .meta({ id: 'AccountDeletion', description: 'An account deletion and each service’s acknowledgement.' });
export type AccountDeletionView = z.infer<typeof accountDeletionView>;

/** Pending deletions first (scheduled, then deleted but not acknowledged by all), then the latest finished ones. */
export const accountDeletionsAnswer = z.object({ deletions: z.array(accountDeletionView) });
export type AccountDeletionsAnswer = z.infer<typeof accountDeletionsAnswer>;
