import type { createServices } from '../app.js';
import type { Config } from '../config.js';
import type { AuditActor } from '../kernel/actor.js';
import type { Args, Flags } from './args.js';

export type Services = ReturnType<typeof createServices>;

/** Where a command writes: `process.stdout`/`process.stderr`, or a collector in tests. */
export interface Output {
  write(text: string): unknown;
}

/** What commands run against: the hub's services and the bits of its configuration they print. */
export interface Hub {
  services: Services;
  config: Pick<Config, 'issuer' | 'servicesDir'>;
  /**
   * Only in the running hub (commands sent through the admin channel): the setup token it printed last, kept
   * in memory (the database holds only its hash), so `setup:link` can show the same link while it is valid.
   */
  setupTokens?: { last: string | undefined };
  /** Set when the command runs inside the running hub (sent through the admin channel). */
  inHub?: boolean;
}

export interface CliEnv {
  /** The hub, or a function that opens it; only commands that need the database call it. */
  hub: Hub | ((options: { announceMigrations: boolean }) => Promise<Hub>);
  out: Output;
  err: Output;
  /** Where relative paths in the arguments are resolved: the CLI's working directory, even in the hub. */
  cwd?: string;
  /** Who runs the command, for the audit log (default: the OS user of this process, via `cli`). */
  actor?: AuditActor;
}

export interface CommandContext extends Hub {
  args: Args;
  /** The CLI's working directory (absolute): resolve file arguments against it, never the hub's. */
  cwd: string;
  /** Who runs the command (via `cli`): pass to `services.audit.record` for every write. */
  actor: AuditActor;
  /** Writes a line to stdout (results: JSON or a table). */
  print(text: string): void;
  /** Writes a line to stderr (notes for the person at the terminal). */
  note(text: string): void;
}

export interface Command {
  /** One line for `help`. */
  summary: string;
  /** More for `<command> --help`, when the summary isn't enough. */
  description?: string;
  /** Positional arguments, in order, all required (e.g. `['id']`). */
  positionals?: string[];
  /** The last positional may be given several times (`args.variadic` holds them all). */
  variadic?: boolean;
  flags?: Flags;
  /** Asks for the hub's migration log on stdout (`migrate`). */
  announceMigrations?: boolean;
  /** Answers the exit code (0 when nothing is returned). */
  run(context: CommandContext): Promise<number | undefined>;
}

/** The command line was wrong (unknown flag, missing value, invalid input): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The command was well-formed but could not be done (unknown client, a conflict): exit code 1. */
export class CommandError extends Error {
  override name = 'CommandError';
}

export const json = (value: unknown) => JSON.stringify(value, null, 2);

/** A plain-text table: a header row, then one row per item; every column but the last padded. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
