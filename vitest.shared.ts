import { join } from 'node:path';
import type { ViteUserConfig } from 'vitest/config';

/**
 * The Vitest settings every workspace shares. With `ORBIT_TEST_REPORT_DIR` set (CI does), each workspace
 * also writes a JSON report there, which `.ci/run` adds up into its closing `N passed, N failed` line.
 */
export function orbitTestConfig(
  name: string,
  test: NonNullable<ViteUserConfig['test']> = {},
): ViteUserConfig {
  const reportDir = process.env.ORBIT_TEST_REPORT_DIR;
  // `.ci/run` names its browser run itself; the database runs are told apart by the database they use.
  const suffix =
    process.env.ORBIT_TEST_REPORT_KIND ?? (process.env.ORBIT_TEST_DATABASE_URL ? 'postgres' : 'pglite');
  return {
    test: {
      testTimeout: 30_000,
      hookTimeout: 60_000,
      // Test files share their worker's module graph instead of importing the whole hub again each (about two
      // seconds a file). Every file still starts its own hub on its own database; no test stubs globals or
      // mocks modules, which is what isolation would protect.
      isolate: false,
      // Passwords and recovery codes hashed at test cost, in the hubs tests start and the processes they spawn
      // (see `argon2Params` in the hub): at full cost the suites spend about a minute of CPU on argon2 alone.
      env: { ORBIT_INSECURE_TEST_PASSWORD_HASHING: '1' },
      reporters: reportDir
        ? ['default', ['json', { outputFile: join(reportDir, `${name}.${suffix}.json`) }]]
        : ['default'],
      ...test,
    },
  };
}
