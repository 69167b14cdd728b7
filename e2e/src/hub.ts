import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type LaunchedHub, type LaunchHubOptions, launchHub } from '@orbit/testing';

/** The built portal: browser tests drive the real pages (the test task builds `@orbit/portal` first). */
const PORTAL_DIR = join(
  dirname(createRequire(import.meta.url).resolve('@orbit/portal/package.json')),
  'dist',
);

/** A real hub for one test file (see `launchHub` in @orbit/testing). */
export type E2eHub = LaunchedHub;
export type E2eHubOptions = LaunchHubOptions;

/**
 * Starts the real hub (API and the built portal) for one test file: a free port and a fresh database — embedded
 * PGlite in a temporary folder, or a new Postgres database when `ORBIT_TEST_DATABASE_URL` is set.
 */
export const startE2eHub = (env: Record<string, string> = {}, options: E2eHubOptions = {}): Promise<E2eHub> =>
  launchHub({ ORBIT_PORTAL_DIR: PORTAL_DIR, ...env }, options);
