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
      // The workspaces' built JavaScript (`apps/*/dist`, `packages/*/dist`: the hub, the SDK, contracts … as other
      // workspaces import them) is loaded by Node itself, as a dependency in node_modules would be, rather than
      // transformed by Vite first: the symlinked workspaces resolve outside node_modules, so Vitest treated the
      // whole hub as source to transform in every worker (Mail's suite: transform 6.7 s → 1.4 s, 7 % less CPU).
      server: { deps: { external: [/\/(apps|packages)\/[^/]+\/dist\//] } },
      // Shortcuts for test runs only, in the hubs and services tests start and the processes they spawn:
      // passwords and recovery codes hashed at test cost (`argon2Params` in the hub; at full cost the suites spend
      // about a minute of CPU on argon2 alone), one process's hubs sharing the signing key pairs it generated
      // (`generateSigningKeyPair`; RSA key generation cost another half minute), and new embedded data folders
      // starting from a cached empty cluster instead of initdb (`openDatabase`; about 4 s each on disk).
      // Workers run WebAssembly (PGlite's PostgreSQL) with V8's baseline compiler only: a test process lives
      // seconds to a minute, too short for the optimising tier's background compiles of PGlite's hot functions to
      // pay back (the hub's suite used 18 % less CPU without them). Servers keep both tiers.
      execArgv: ['--liftoff-only'],
      env: {
        ORBIT_INSECURE_TEST_PASSWORD_HASHING: '1',
        ORBIT_TEST_REUSE_SIGNING_KEYS: '1',
        ORBIT_TEST_PGLITE_EMPTY_CLUSTER: '1',
      },
      reporters: reportDir
        ? ['default', ['json', { outputFile: join(reportDir, `${name}.${suffix}.json`) }]]
        : ['default'],
      ...test,
    },
  };
}
