import { type LaunchedHub, type LaunchHubOptions, launchHub } from '@orbit/testing';

/** A real hub for one test file (see `launchHub` in @orbit/testing). */
export type E2eHub = LaunchedHub;
export type E2eHubOptions = LaunchHubOptions;

/**
 * Starts the real hub (API and the built portal) for one test file: a free port and a fresh database — embedded
 * PGlite in a temporary folder, or a new Postgres database when `ORBIT_TEST_DATABASE_URL` is set.
 */
export const startE2eHub = (env: Record<string, string> = {}, options: E2eHubOptions = {}): Promise<E2eHub> =>
  launchHub(env, options);
