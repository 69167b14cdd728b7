import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropTestDatabase } from '@orbit/db/testing';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder for this run: each worker's shared hub leaves a note there of what to clean up after the run. */
    e2eRunDir: string;
  }
}

/** What a worker's shared hub leaves behind for `teardown` (see `sharedHub` in fixture.ts). */
export interface LeftBehind {
  dataDir: string;
  databaseUrl: string | undefined;
}

/**
 * The run's set-up, in Vitest's main process: a folder where workers note their shared hub. Workers are ended
 * without running exit handlers, so the teardown here removes each shared hub's data folder and drops its
 * PostgreSQL database once every test file ran.
 */
export default async function setup(project: TestProject) {
  const runDir = await mkdtemp(join(tmpdir(), 'orbit-e2e-run-'));
  project.provide('e2eRunDir', runDir);
  return async () => {
    for (const name of await readdir(runDir)) {
      const left = JSON.parse(await readFile(join(runDir, name), 'utf8')) as LeftBehind;
      await rm(left.dataDir, { recursive: true, force: true });
      if (left.databaseUrl) await dropTestDatabase(left.databaseUrl);
    }
    await rm(runDir, { recursive: true, force: true });
  };
}
