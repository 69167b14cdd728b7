import type { PgliteLease } from '@orbit/db';
import { hashFolders, leaseTestPglite, pgliteTemplate } from '@orbit/db/testing';
import { JOBS_MIGRATIONS_FOLDER } from '@orbit/jobs';
import { MIGRATIONS_FOLDER, openHubDatabase } from './server.js';

/**
 * An embedded hub database with every migration applied, dumped, for tests to start from (`loadDataDir`):
 * built once per set of migrations and kept in the temporary folder, so each test hub skips `initdb`.
 */
export function hubDatabaseTemplate(): Promise<Blob> {
  return (async () => {
    const key = `identity-${await hashFolders(MIGRATIONS_FOLDER, JOBS_MIGRATIONS_FOLDER)}`;
    return pgliteTemplate(key, async () => {
      const handle = await openHubDatabase({ databaseUrl: undefined, pgliteDir: 'memory://' });
      try {
        return await handle.dumpDataDir!();
      } finally {
        await handle.close();
      }
    });
  })();
}

/**
 * An embedded hub database for one test, already migrated, from a pool this process keeps (see
 * `leaseTestPglite`): pass it to `startHub`/`openHubDatabase` as `pglite`; closing the hub hands it back.
 */
export function leaseHubDatabase(): Promise<PgliteLease> {
  return leaseTestPglite('identity', hubDatabaseTemplate);
}
