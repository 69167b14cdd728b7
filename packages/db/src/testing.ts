import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { connectPostgres } from './connect.js';
import { IN_MEMORY_START_PARAMS } from './in-memory.js';
import type { PgliteLease } from './open.js';

export interface TestDatabase {
  /** Postgres URL of a database made for this test file, or undefined for in-memory PGlite. */
  url: string | undefined;
  /** Pass as `dataDir`: in-memory PGlite when `url` is undefined. */
  dataDir: string;
  kind: 'pglite' | 'postgres';
  /** Drops the database made for this test file (a no-op for PGlite). */
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file. With `ORBIT_TEST_DATABASE_URL` set, a new Postgres database is
 * created on that server (and dropped by `drop()`); otherwise tests run on in-memory PGlite.
 */
export async function createTestDatabase(
  serverUrl: string | undefined = process.env.ORBIT_TEST_DATABASE_URL,
): Promise<TestDatabase> {
  if (!serverUrl) {
    return { url: undefined, dataDir: 'memory://', kind: 'pglite', drop: async () => {} };
  }
  const name = `orbit_test_${randomBytes(6).toString('hex')}`;
  const admin = connectPostgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir: 'memory://',
    kind: 'postgres',
    drop: async () => {
      const dropper = connectPostgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}

/**
 * Drops a database `createTestDatabase` made (by its URL), for clean-up outside the process that made it, e.g.
 * a test run's global teardown. Connects to `serverUrl` to do so.
 */
export async function dropTestDatabase(
  url: string,
  serverUrl: string | undefined = process.env.ORBIT_TEST_DATABASE_URL,
): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!serverUrl || !/^orbit_test_[0-9a-f]+$/.test(name)) throw new Error(`Not a test database: ${url}`);
  const dropper = connectPostgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await dropper.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await dropper.end({ timeout: 5 });
  }
}

const templates = new Map<string, Promise<Blob>>();

/** The installed PGlite's version: its data directory format may change with it. */
async function pgliteVersion(): Promise<string> {
  // The package exports no `package.json`; find it above the resolved entry point.
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (;;) {
    try {
      const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === '@electric-sql/pglite' && pkg.version) return pkg.version;
    } catch {}
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

/**
 * A hash of every file in these folders (names and contents), for naming a template after the migrations it
 * was built from: a changed migration makes a new template.
 */
export async function hashFolders(...folders: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const folder of folders) {
    const entries = await readdir(folder, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort();
    for (const file of files) {
      hash
        .update(relative(folder, file))
        .update('\0')
        .update(await readFile(file))
        .update('\0');
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Part of every template's file name: raised when the way templates are made changes (2: the empty cluster has
 * one-megabyte WAL segments), so a cache from before is not used.
 */
const TEMPLATE_FORMAT = 2;

/**
 * An already-migrated PGlite data directory to start test databases from (`openDatabase({ loadDataDir })`):
 * starting PGlite from a dump skips `initdb`, which is most of the time a fresh embedded database takes (about
 * 4 s against 1.5 s on a CI machine). `build` makes the dump once; it is kept for this process and in the
 * system's temporary folder under `key`, so the other test files (other processes) reuse it. The key must
 * change whenever what `build` makes would (see `hashFolders`).
 */
export function pgliteTemplate(key: string, build: () => Promise<Blob>): Promise<Blob> {
  if (!/^[\w.-]+$/.test(key)) throw new Error(`Invalid template key ${key}`);
  let template = templates.get(key);
  if (!template) {
    template = (async () => {
      const dir = join(tmpdir(), 'orbit-pglite-templates');
      const file = join(dir, `${key}-pglite-${await pgliteVersion()}-${TEMPLATE_FORMAT}.tar`);
      try {
        return new Blob([await readFile(file)]);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      const blob = await build();
      await mkdir(dir, { recursive: true });
      // Written aside and renamed, so a reader in another process never sees half a file.
      const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      await writeFile(partial, Buffer.from(await blob.arrayBuffer()));
      await rename(partial, file);
      return blob;
    })();
    templates.set(key, template);
    template.catch(() => templates.delete(key));
  }
  return template;
}

/** What a template database holds before any test writes to it, to put back between leases. */
interface Baseline {
  /** Every table outside the system schemas, quoted (`"schema"."table"`). */
  tables: string[];
  /** The statements that put the template's rows and sequence positions back after a truncate. */
  restore: string;
}

interface Pool {
  template: () => Promise<Blob>;
  idle: PGlite[];
  baseline?: Promise<Baseline>;
}

const pools = new Map<string, Pool>();

/** Reads what a freshly loaded template holds: its tables, their rows (migrations' seed data) and sequences. */
async function readBaseline(client: PGlite): Promise<Baseline> {
  const { rows: tables } = await client.query<{ name: string; columns: string; identity: boolean }>(
    `select format('%I.%I', n.nspname, c.relname) as name,
            string_agg(format('%I', a.attname), ', ' order by a.attnum) filter (where a.attgenerated = '') as columns,
            bool_or(a.attidentity = 'a') as identity
       from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
        and n.nspname not like 'pg\\_%'
      group by n.nspname, c.relname
      order by 1`,
  );
  const restore: string[] = [];
  for (const table of tables) {
    const { rows } = await client.query<{ data: string | null }>(
      `select json_agg(t)::text as data from ${table.name} t`,
    );
    const data = rows[0]?.data;
    if (!data) continue;
    restore.push(
      `insert into ${table.name} (${table.columns})${table.identity ? ' overriding system value' : ''} ` +
        `select ${table.columns} from json_populate_recordset(null::${table.name}, '${data.replaceAll("'", "''")}')`,
    );
  }
  const { rows: sequences } = await client.query<{ name: string; value: string | null; start: string }>(
    `select format('%I.%I', schemaname, sequencename) as name, last_value::text as value, start_value::text as start
       from pg_sequences where schemaname not in ('pg_catalog', 'information_schema')`,
  );
  for (const sequence of sequences) {
    const name = sequence.name.replaceAll("'", "''");
    restore.push(
      sequence.value === null
        ? `select setval('${name}', ${sequence.start}, false)`
        : `select setval('${name}', ${sequence.value}, true)`,
    );
  }
  return { tables: tables.map((t) => t.name), restore: restore.join(';\n') };
}

/**
 * An embedded database for one test, leased from a pool of PGlite instances started from `template` (see
 * `pgliteTemplate`): pass it to `openDatabase({ pglite })`. Starting PGlite costs about half a second even
 * from a template; handing an instance back instead truncates every table and puts the template's rows and
 * sequence positions back (tens of milliseconds), so the next lease sees exactly what a fresh start would.
 * Session state goes too: advisory locks are released and settings reset. An instance whose reset fails is
 * closed rather than reused.
 */
export async function leaseTestPglite(key: string, template: () => Promise<Blob>): Promise<PgliteLease> {
  let pool = pools.get(key);
  if (!pool) {
    pool = { template, idle: [] };
    pools.set(key, pool);
  }
  const current = pool;
  let client = current.idle.pop();
  if (!client) {
    client = new PGlite({ loadDataDir: await template(), startParams: [...IN_MEMORY_START_PARAMS] });
    await client.waitReady;
    // The first instance, untouched yet, tells what every reset puts back.
    current.baseline ??= readBaseline(client);
    current.baseline.catch(() => {
      current.baseline = undefined;
    });
    await current.baseline;
  }
  const leased = client;
  let released = false;
  return {
    client: leased,
    release: async () => {
      if (released) return;
      released = true;
      try {
        const baseline = await current.baseline;
        if (!baseline) throw new Error('no baseline');
        await leased.exec(
          `rollback; select pg_advisory_unlock_all(); reset all; set session_replication_role = replica;
           truncate table ${baseline.tables.join(', ')} restart identity cascade;
           ${baseline.restore};
           set session_replication_role = default`,
        );
        current.idle.push(leased);
      } catch {
        await leased.close().catch(() => {});
      }
    },
  };
}
