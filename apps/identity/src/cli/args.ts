import { parseArgs } from 'node:util';
import { UsageError } from './context.js';

export interface FlagSpec {
  type: 'string' | 'boolean';
  /** May be given more than once; the values collect into a list, and each may be comma-separated. */
  multiple?: boolean;
  /** What the value is, for help: `URL`, `ID`. */
  value?: string;
  /** The values allowed. */
  choices?: readonly string[];
  required?: boolean;
  /** What applies when the flag is not given, for help. */
  default?: string;
  description: string;
}

export type Flags = Record<string, FlagSpec>;

/** A command's parsed arguments. Flags are named as on the command line, without the dashes. */
export interface Args {
  /** Each positional argument by name (a variadic last one holds its first value here). */
  positionals: Record<string, string>;
  /** Every value of the last positional, when the command takes it one or more times (`<file …>`). */
  variadic: string[];
  /** Whether the flag was given at all. */
  has(name: string): boolean;
  string(name: string): string | undefined;
  /** A repeatable flag's values (comma-separated ones split), or undefined when the flag was not given. */
  list(name: string): string[] | undefined;
  flag(name: string): boolean;
}

const splitList = (values: string[]) =>
  values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** `--name`, or `--name <value>` as used in messages. */
const flagName = (name: string) => `--${name}`;

/** Turns `parseArgs` errors into one short line that names the flag. */
function usageFromParseError(error: unknown): UsageError {
  const { code, message } = error as { code?: string; message?: string };
  const flag = /'(-{1,2}[^' <]+)/.exec(message ?? '')?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`unknown flag ${flag}`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(
        message?.includes('does not take an argument') ? `${flag} takes no value` : `${flag} needs a value`,
      );
    default:
      return new UsageError((message ?? String(error)).split('\n')[0] ?? 'invalid arguments');
  }
}

/**
 * Parses a command's arguments with `node:util` `parseArgs` (strict: unknown flags are errors), then checks
 * what it does not: required flags, allowed values, and the positional arguments. With `variadic`, the last
 * positional takes every remaining value (one at least).
 */
export function parseCommandArgs(
  argv: string[],
  flags: Flags,
  positionals: string[] = [],
  variadic = false,
): Args {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: Object.fromEntries(
        Object.entries(flags).map(([name, spec]) => [
          name,
          { type: spec.type, ...(spec.multiple ? { multiple: true } : {}) },
        ]),
      ),
    });
  } catch (error) {
    throw usageFromParseError(error);
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;

  for (const [name, spec] of Object.entries(flags)) {
    const value = values[name];
    if (spec.required && (value === undefined || (typeof value === 'string' && value.trim() === ''))) {
      throw new UsageError(`${flagName(name)} is required`);
    }
    if (spec.choices && value !== undefined && typeof value !== 'boolean') {
      const given = Array.isArray(value) ? splitList(value) : [value];
      const wrong = given.find((v) => !spec.choices?.includes(v));
      if (wrong !== undefined) {
        throw new UsageError(`${flagName(name)} must be one of ${spec.choices.join(', ')} (not "${wrong}")`);
      }
    }
  }

  const extra = parsed.positionals.slice(positionals.length);
  if (extra.length && !variadic) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const missing = positionals.slice(parsed.positionals.length);
  if (missing.length) throw new UsageError(`missing <${missing[0]}>`);
  const named = Object.fromEntries(positionals.map((name, i) => [name, parsed.positionals[i] ?? '']));

  return {
    positionals: named,
    variadic: variadic ? parsed.positionals.slice(Math.max(0, positionals.length - 1)) : [],
    has: (name) => values[name] !== undefined,
    string(name) {
      const value = values[name];
      return typeof value === 'string' ? value : undefined;
    },
    list(name) {
      const value = values[name];
      if (value === undefined) return undefined;
      return splitList(Array.isArray(value) ? value : [String(value)]);
    },
    flag: (name) => values[name] === true,
  };
}

/** Whether the arguments ask for help (before any `--`). */
export function wantsHelp(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** The flags section of a command's help. */
export function describeFlags(flags: Flags): string {
  const rows = Object.entries(flags).map(([name, spec]) => {
    const left = `${flagName(name)}${spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : ''}`;
    const extras = [
      spec.choices ? `one of: ${spec.choices.join(', ')}` : undefined,
      spec.default ? `default: ${spec.default}` : undefined,
      spec.multiple ? 'repeatable, or comma-separated' : undefined,
      spec.required ? 'required' : undefined,
    ].filter(Boolean);
    return [left, `${spec.description}${extras.length ? ` (${extras.join('; ')})` : ''}`] as const;
  });
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
}
