/**
 * `npm run db:generate -- --name <what_changed>`: drizzle-kit's `generate`, made safe to run without a terminal
 * (CI, an editor's task runner, an agent) and to name its migrations after what they do.
 *
 * drizzle-kit asks in the terminal when a schema change could be a rename (a column or table gone and another
 * added) and names a migration at random (`0003_brave_wolverine.sql`) unless told. This wrapper never lets it
 * ask: it runs drizzle-kit with no terminal and, when drizzle-kit would have asked, fails with a message that
 * says what to do instead. It needs a name, and checks the migration it wrote carries it.
 */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/** A migration name: what the change does, in snake_case (`add_note_tags`), so the folder reads as a history. */
export const MIGRATION_NAME_PATTERN = /^[a-z][a-z0-9_]{2,59}$/;

export interface GenerateOptions {
  /** What the change does, e.g. `add_note_tags`; becomes `drizzle/NNNN_add_note_tags.sql`. */
  name: string;
  /** The service's folder (its `drizzle.config.ts`); default the current directory. */
  cwd?: string;
  /** The drizzle-kit config file, relative to `cwd`; default `drizzle.config.ts`. */
  config?: string;
  /** Where the migrations go (the config's `out`), relative to `cwd`; default `drizzle`. */
  out?: string;
  /** How long drizzle-kit may take, in milliseconds (default 120 s). */
  timeoutMs?: number;
}

export type GenerateResult =
  | { status: 'created'; file: string }
  /** The schema matches the last migration: nothing was written. */
  | { status: 'unchanged' };

/** Why no migration was generated; the message says what to do. */
export class GenerateError extends Error {
  override name = 'GenerateError';
}

/** What drizzle-kit prints when it would ask whether something was renamed (it exits 0 all the same). */
const PROMPT_REFUSED = /Interactive prompts require a TTY/;

/** drizzle-kit's entry point, as the service itself would resolve it (its devDependency), else as this package. */
function drizzleKitBin(cwd: string): string {
  for (const from of [join(cwd, 'package.json'), import.meta.url]) {
    try {
      // Its exports don't list the CLI; it sits beside the main entry.
      return join(dirname(createRequire(from).resolve('drizzle-kit')), 'bin.cjs');
    } catch {
      // Not installed there: try the next place.
    }
  }
  throw new GenerateError(
    'drizzle-kit is not installed: add it with `npm install -D drizzle-kit -w <service>`.',
  );
}

const sqlFiles = async (folder: string) =>
  (await readdir(folder).catch(() => [] as string[])).filter((file) => file.endsWith('.sql'));

function run(bin: string, args: string[], cwd: string, timeoutMs: number) {
  return new Promise<{ code: number | null; output: string }>((done, fail) => {
    // No terminal on any side: drizzle-kit must never wait for an answer nobody can give.
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new GenerateError(`drizzle-kit generate did not finish in ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

/**
 * Generates the SQL migration for the changes to the service's drizzle schema since its last migration, named
 * `NNNN_<name>.sql`, without ever prompting. Throws {@link GenerateError} for a bad name, for a change drizzle-kit
 * can't decide alone (a possible rename), or when drizzle-kit fails.
 */
export async function generateMigration(options: GenerateOptions): Promise<GenerateResult> {
  const { name } = options;
  if (!MIGRATION_NAME_PATTERN.test(name)) {
    throw new GenerateError(
      `--name "${name}" is not a migration name: say what the change does in snake_case, 3–60 characters ` +
        '(a lower-case letter, then a-z, 0-9 or _), e.g. --name add_note_tags.',
    );
  }
  const cwd = resolve(options.cwd ?? process.cwd());
  const folder = join(cwd, options.out ?? 'drizzle');
  const before = new Set(await sqlFiles(folder));
  const args = ['generate', '--name', name, '--config', options.config ?? 'drizzle.config.ts'];
  const { code, output } = await run(drizzleKitBin(cwd), args, cwd, options.timeoutMs ?? 120_000);
  const written = (await sqlFiles(folder)).filter((file) => !before.has(file));

  if (PROMPT_REFUSED.test(output)) {
    throw new GenerateError(
      'drizzle-kit can’t tell on its own whether a table or column was renamed or dropped and another added, and ' +
        'would ask in a terminal. Nothing was written. Either make the change in two steps (add the new ' +
        'column, generate; then drop the old one, generate), or run `npx drizzle-kit generate --name ' +
        `${name}\` in a terminal and answer its question, or write the SQL migration by hand.`,
    );
  }
  if (code !== 0 || /^Error\b/m.test(output)) {
    throw new GenerateError(`drizzle-kit generate failed (exit ${code}):\n${output.trim()}`);
  }
  if (written.length === 0) {
    if (/No schema changes/i.test(output)) return { status: 'unchanged' };
    throw new GenerateError(`drizzle-kit generate wrote no migration into ${folder}:\n${output.trim()}`);
  }
  const file = written.find((f) => new RegExp(`^\\d{4}_${name}\\.sql$`).test(f));
  if (!file) {
    throw new GenerateError(`drizzle-kit wrote ${written.join(', ')}, not a migration named ${name}.`);
  }
  return { status: 'created', file: join(folder, file) };
}
