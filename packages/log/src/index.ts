import { fileURLToPath } from 'node:url';
import { type Level, type Logger, pino } from 'pino';

export { formatEntry } from './format.js';

export type LogFormat = 'json' | 'pretty';
export type LogLevel = Level | 'silent';

export interface LoggerOptions {
  /** The process's name, on every line (`identity`, `mail`). */
  service: string;
  level: LogLevel;
  /** `json`: one JSON object a line (production, log shippers); `pretty`: readable lines (development). */
  format: LogFormat;
  /** Colours in `pretty`; default: when stdout is a terminal (`NO_COLOR` / `FORCE_COLOR` decide otherwise). */
  color?: boolean;
  /** Where the lines go (default stdout); tests give a file. */
  destination?: number | string;
}

/** The transport module pino loads in its worker thread (the built `pretty.js` beside this file). */
export const PRETTY_TRANSPORT = fileURLToPath(new URL('./pretty.js', import.meta.url));

/**
 * Whether to colour stdout: never with `NO_COLOR` (https://no-color.org), always with `FORCE_COLOR` (what a
 * launcher piping a child's output to a terminal sets), else when it is a terminal.
 */
export function colorWanted(env: Record<string, string | undefined> = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return process.stdout.isTTY === true;
}

/**
 * The process's logger. Secrets never reach it: cookies, auth headers and tokens are not logged by anything
 * that uses it. With `pretty`, the formatting runs in a pino transport (a worker thread).
 */
export function createLogger({ service, level, format, color, destination }: LoggerOptions): Logger {
  const options = { level, base: { service } };
  if (level === 'silent') return pino(options);
  if (format === 'json') {
    return destination === undefined
      ? pino(options)
      : pino(options, pino.destination({ dest: destination, sync: true }));
  }
  return pino(
    options,
    pino.transport({
      target: PRETTY_TRANSPORT,
      options: { color: color ?? colorWanted(), ...(destination !== undefined ? { destination } : {}) },
    }),
  );
}
