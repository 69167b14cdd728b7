import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root, where `npm start` runs. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What `npm start --no-build` runs: the hub, its CLI and Mail, built. */
export const BUILT = [
  'apps/identity/dist/main.js',
  'apps/identity/dist/cli.js',
  'apps/mail/dist/main.js',
  'apps/space/dist/main.js',
];

/** Throws, saying what to do, when the apps are not built (the test task builds them first). */
export function assertBuilt(): void {
  for (const file of BUILT) {
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: build first (npm run build)`);
  }
}

/** `npm start` as a developer runs it, its output gathered. */
export interface Launcher {
  process: ChildProcess;
  /** Everything it and its children printed so far (standard output and error together). */
  output(): string;
  /** Resolves with its exit code once it exits. */
  exited: Promise<number | null>;
  /** Resolves once the output matches `pattern`; rejects if the launcher exits first. */
  waitFor(pattern: RegExp): Promise<void>;
  /** Its children (the hub and each service) by the built entry each runs, found through /proc. */
  children(): Promise<Map<string, number>>;
  /** Ctrl-C, and waits for it to exit (nothing when it already has). */
  stop(): Promise<void>;
}

/** Starts `scripts/start.mjs --no-build` with `env` (the caller's whole environment for it). */
export function startLauncher(env: NodeJS.ProcessEnv): Launcher {
  const child = spawn(process.execPath, ['scripts/start.mjs', '--no-build'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const gather = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', gather);
  child.stderr?.on('data', gather);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    process: child,
    output: () => output,
    exited,
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          if (pattern.test(output)) {
            clearInterval(timer);
            resolve();
          }
        }, 100);
        void exited.then((code) => {
          clearInterval(timer);
          reject(new Error(`the launcher exited (${code}):\n${output}`));
        });
      }),
    children: async () => {
      const tasks = await readdir(`/proc/${child.pid}/task`);
      const pids = (
        await Promise.all(tasks.map((t) => readFile(`/proc/${child.pid}/task/${t}/children`, 'utf8')))
      )
        .join(' ')
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
      const found = new Map<string, number>();
      for (const pid of pids) {
        const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
        const entry = BUILT.find((file) => command.includes(file));
        if (entry) found.set(entry, pid);
      }
      return found;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      await exited;
    },
  };
}
