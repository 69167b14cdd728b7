#!/usr/bin/env node
// Which workspaces' tests each CI run takes. A workspace's package.json may say, under `"orbit"`, on which runs
// its tests belong: `"testRuns": ["pglite"]` for suites that never touch a database (they would only repeat
// themselves on PostgreSQL), `["browser"]` for the browser tests, which run once, after both database runs.
// Without it, a workspace's tests run on both databases — the safe default for a new service.
//
//   node scripts/ci-workspaces.mjs <pglite|postgres|browser>   prints turbo `--filter=<name>` arguments
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_TEST_RUNS = ['pglite', 'postgres'];
const root = fileURLToPath(new URL('..', import.meta.url));

/** Workspace folders from the root package.json (`dir/*` patterns and plain folders). */
export function workspaceDirs() {
  const { workspaces = [] } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [join(root, pattern)];
    const parent = join(root, pattern.slice(0, -2));
    if (!existsSync(parent)) return [];
    return readdirSync(parent, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(parent, entry.name));
  });
}

/**
 * Every workspace with a `test` script: its folder, package name, the CI runs its tests belong to, and about how
 * many seconds they take on their own on the two-core CI machine (`"orbit": { "testSeconds": N }`, 0 when not
 * said), by which `npm test` starts the longest first (scripts/test.mjs).
 */
export function testedWorkspaces() {
  const found = [];
  for (const dir of workspaceDirs()) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    if (!pkg.scripts?.test) continue;
    found.push({
      dir,
      pkg: pkg.name,
      runs: pkg.orbit?.testRuns ?? DEFAULT_TEST_RUNS,
      seconds: pkg.orbit?.testSeconds ?? 0,
      // `"testsNeedItsBuild": false`: its tests read its sources (Vitest) and other workspaces' builds, never its
      // own dist/ (a tool such as the bench or the soak, built when its own command runs).
      testsNeedItsBuild: pkg.orbit?.testsNeedItsBuild ?? true,
    });
  }
  return found;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const run = process.argv[2];
  if (!['pglite', 'postgres', 'browser'].includes(run)) {
    console.error('usage: node scripts/ci-workspaces.mjs <pglite|postgres|browser>');
    process.exit(2);
  }
  const filters = testedWorkspaces()
    .filter((w) => w.runs.includes(run))
    .map((w) => `--filter=${w.pkg}`);
  console.log(filters.join(' '));
}
