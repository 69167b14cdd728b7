import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@orbit/testing';

const run = promisify(execFile);

/**
 * The PostgreSQL server programs (`initdb`, `pg_ctl`, `postgres`): `ORBIT_TEST_PG_BINDIR` when set, else the newest
 * Debian install (`/usr/lib/postgresql/<major>/bin`). Undefined when there are none.
 */
export function postgresBinDir(): string | undefined {
  const configured = process.env.ORBIT_TEST_PG_BINDIR;
  if (configured) return existsSync(join(configured, 'pg_ctl')) ? configured : undefined;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  return readdirSync(base)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a))
    .map((major) => join(base, major, 'bin'))
    .find((dir) => existsSync(join(dir, 'pg_ctl')));
}

/** A PostgreSQL server of a test's own: never the shared one, so the test may stop and restart it at will. */
export interface PostgresServer {
  /** A `postgres://` URL for `database` on this server, through its Unix socket (libpq's `?host=`). */
  url(database: string): string;
  /** Creates a database. */
  createDatabase(name: string): Promise<void>;
  /**
   * Restarts the server: `fast` ends every session cleanly (what an operator's restart does), `immediate` kills
   * the server processes (what a crash does). Resolves once it accepts connections again.
   */
  restart(mode: 'fast' | 'immediate'): Promise<void>;
  /** Stops it and removes its files. */
  stop(): Promise<void>;
}

/**
 * Starts a throwaway PostgreSQL server in a temporary folder — `initdb`, then `pg_ctl start` listening only on a
 * Unix socket in that folder (no TCP port, so tests in their own network namespace work the same). Durability is
 * off unless `durable` (a test needs none; the soak, which counts what a crash loses, keeps PostgreSQL's own
 * defaults). As root, the programs run as the `postgres` user (PostgreSQL refuses root).
 */
export async function startPostgresServer(options: { durable?: boolean } = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (!bin)
    throw new Error(
      'no PostgreSQL server programs (apt-get install postgresql, or set ORBIT_TEST_PG_BINDIR)',
    );
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), 'orbit-pg-'));
  const data = join(dir, 'data');
  const socketDir = join(dir, 'socket');
  await mkdir(socketDir);
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
    await chown(socketDir, Number(stdout.trim()), Number(gid.trim()));
  }
  await chmod(dir, 0o755);
  // The port names the socket file (`.s.PGSQL.<port>`); a free TCP port keeps it distinct from other servers'.
  const port = await freePort();
  const pg = (program: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, program), ...args], { cwd: dir })
      : run(join(bin, program), args, { cwd: dir });
  await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const serverOptions = [
    `-p ${port}`,
    `-k ${socketDir}`,
    "-c listen_addresses=''",
    ...(options.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    '-c max_connections=200',
  ].join(' ');
  const ctl = (args: string[]) => pg('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), ...args]);
  await ctl(['start', '-w', '-t', '60', '-o', serverOptions]);
  const admin = (sql: string) =>
    run(join(bin, 'psql'), [
      '-h',
      socketDir,
      '-p',
      String(port),
      '-U',
      'postgres',
      '-d',
      'postgres',
      '-qAt',
      '-c',
      sql,
    ]);
  return {
    url: (database) =>
      `postgres://postgres@localhost:${port}/${encodeURIComponent(database)}?host=${encodeURIComponent(socketDir)}`,
    createDatabase: async (name) => {
      await admin(`create database "${name.replaceAll('"', '""')}"`);
    },
    restart: async (mode) => {
      await ctl(['restart', '-w', '-t', '60', '-m', mode, '-o', serverOptions]);
    },
    stop: async () => {
      await ctl(['stop', '-w', '-m', 'immediate']).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
