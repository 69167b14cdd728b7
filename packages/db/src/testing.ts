import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

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
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
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
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}
