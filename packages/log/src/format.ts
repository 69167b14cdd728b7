/**
 * One pino JSON entry as one readable line (plus an error's stack below it):
 *
 *   14:03:07.123 INFO  identity  hub listening  url=http://localhost:4000 database=pglite
 *   14:03:07.200 DEBUG identity  GET /api/me 200 12ms
 *   14:03:08.001 ERROR mail      unhandled error  requestId=4f…
 *     TypeError: x is not a function
 *         at …
 */

const LEVELS: Record<number, { name: string; color: string }> = {
  10: { name: 'TRACE', color: '90' },
  20: { name: 'DEBUG', color: '34' },
  30: { name: 'INFO', color: '32' },
  40: { name: 'WARN', color: '33' },
  50: { name: 'ERROR', color: '31' },
  60: { name: 'FATAL', color: '41;97' },
};

/** Fields every line shows in its own place, or that only repeat what the process is. */
const PLACED = new Set(['level', 'time', 'msg', 'service', 'app', 'pid', 'hostname', 'v']);
/** The request line's fields, shown as `GET /path 200 12ms`. */
const REQUEST = new Set(['method', 'path', 'route', 'status', 'ms', 'requestId']);
/** Keys pino's error serializer uses (`logger.error({ err })`, or an Error logged directly). */
const ERROR_KEYS = ['err', 'error'];
/** What pino puts on the entry itself when an Error is the only argument. */
const DIRECT_ERROR = new Set(['type', 'message', 'stack']);

/** How wide the service column is: the longest of Orbit's own names (`identity`). */
const SERVICE_WIDTH = 8;
/** A field's value is cut after this many characters: a line, not a dump. */
const MAX_VALUE = 200;

interface SerializedError {
  type?: string;
  message?: string;
  stack?: string;
}

const paint = (on: boolean, code: string, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

function clock(time: unknown): string {
  const date = new Date(typeof time === 'number' || typeof time === 'string' ? time : Date.now());
  if (Number.isNaN(date.getTime())) return '--:--:--.---';
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

function valueText(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  else if (value === undefined) text = 'undefined';
  else text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

function isRequestLine(entry: Record<string, unknown>): boolean {
  return entry.msg === 'request' && typeof entry.method === 'string' && typeof entry.status === 'number';
}

function errorOf(
  entry: Record<string, unknown>,
): { key: string | undefined; error: SerializedError } | undefined {
  for (const key of ERROR_KEYS) {
    const value = entry[key];
    if (value && typeof value === 'object' && ('stack' in value || 'message' in value)) {
      return { key, error: value as SerializedError };
    }
  }
  // `logger.error(new Error(…))`: pino puts the error's fields on the entry itself.
  if (typeof entry.stack === 'string' && typeof entry.type === 'string') {
    return { key: undefined, error: entry as SerializedError };
  }
  return undefined;
}

/** Formats one entry (a parsed pino line) as text ending in a newline. */
export function formatEntry(entry: Record<string, unknown>, { color }: { color: boolean }): string {
  const level = LEVELS[Number(entry.level)] ?? { name: String(entry.level ?? '?').toUpperCase(), color: '0' };
  const service = String(entry.service ?? entry.app ?? '');
  const failure = errorOf(entry);
  const request = isRequestLine(entry);

  let message: string;
  if (request) {
    const where = String(entry.path ?? entry.route ?? '');
    const status = Number(entry.status);
    const statusColor = status >= 500 ? '31' : status >= 400 ? '33' : '0';
    message = `${entry.method} ${where} ${paint(color && statusColor !== '0', statusColor, String(status))}${
      entry.ms !== undefined ? ` ${entry.ms}ms` : ''
    }`;
  } else {
    message = String(entry.msg ?? failure?.error.message ?? '');
  }

  const skip = (key: string) =>
    PLACED.has(key) ||
    (request && REQUEST.has(key)) ||
    (failure !== undefined && (failure.key === undefined ? DIRECT_ERROR.has(key) : key === failure.key));
  const fields = Object.entries(entry)
    .filter(([key]) => !skip(key))
    .map(([key, value]) => `${paint(color, '2', `${key}=`)}${valueText(value)}`);

  const head = [
    paint(color, '2', clock(entry.time)),
    paint(color, level.color, level.name.padEnd(5)),
    paint(color, '36', service.padEnd(SERVICE_WIDTH)),
    fields.length ? `${message}  ${fields.join(' ')}` : message,
  ].join(' ');

  if (!failure) return `${head}\n`;
  const stack = failure.error.stack ?? `${failure.error.type ?? 'Error'}: ${failure.error.message ?? ''}`;
  const indented = stack
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
  return `${head}\n${paint(color, '2', indented)}\n`;
}
