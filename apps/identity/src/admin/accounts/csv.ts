import type { AccountFilters, AccountListing, AdminAccountSummary } from './listing.js';

/** An export stops here; the response says so in `X-Orbit-Export-Truncated` (the console suggests filters). */
export const CSV_EXPORT_MAX_ROWS = 100_000;
const CSV_BATCH = 1000;

/** Excel reads a file as UTF-8 (Chinese names included) only when it starts with a byte order mark. */
const BOM = '\uFEFF';

/**
 * Characters that make a spreadsheet read a cell as a formula (`=`, `+`, `-`, `@`) or that Excel strips before
 * looking (tab, carriage return): such a cell gets a leading `'`, so it stays text (OWASP, "CSV Injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell (RFC 4180): formula-safe, and quoted when it holds a quote, a comma or a line break. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 says. */
export const csvRow = (cells: readonly (string | number | boolean | null | undefined)[]) =>
  `${cells.map(csvCell).join(',')}\r\n`;

/** The export's columns, in order: the header row, and how each is read from an account. */
const COLUMNS: readonly [string, (a: AdminAccountSummary) => string | number | boolean | null][] = [
  ['id', (a) => a.id],
  ['account_number', (a) => a.accountNumber],
  ['handle', (a) => a.handle],
  ['display_name', (a) => a.displayName],
  ['email', (a) => a.email],
  ['email_verified', (a) => a.emailVerified],
  ['roles', (a) => a.roles.join(' ')],
  ['status', (a) => a.status],
  ['locked_reason', (a) => a.lockedReason],
  ['membership_tier', (a) => a.membership?.tierId ?? null],
  ['membership_tier_name', (a) => a.membership?.tierName ?? null],
  ['passkeys', (a) => a.passkeyCount],
  ['created_at', (a) => a.createdAt],
  ['last_sign_in_at', (a) => a.lastSignInAt],
];

export const csvHeader = () => BOM + csvRow(COLUMNS.map(([name]) => name));

export const accountCsvRow = (account: AdminAccountSummary) =>
  csvRow(COLUMNS.map(([, read]) => read(account)));

/** `orbit-accounts-2026-12-06.csv`: the day of the export, in UTC. */
export const csvFileName = (now: Date) => `orbit-accounts-${now.toISOString().slice(0, 10)}.csv`;

/**
 * The export as a stream: the header, then the matching accounts in the list's order, a thousand per query, so
 * memory stays flat however many there are (at most `max`).
 */
export function accountCsvStream(
  listing: Pick<AccountListing, 'all'>,
  filters: AccountFilters,
  max = CSV_EXPORT_MAX_ROWS,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let batches: AsyncGenerator<AdminAccountSummary[]> | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvHeader()));
    },
    async pull(controller) {
      batches ??= listing.all(filters, { batch: CSV_BATCH, max });
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(next.value.map(accountCsvRow).join('')));
    },
    async cancel() {
      await batches?.return(undefined);
    },
  });
}
