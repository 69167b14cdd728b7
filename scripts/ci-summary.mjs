#!/usr/bin/env node
// Adds up the Vitest JSON reports that `.ci/run` collects (one per workspace and database:
// `<name>.<pglite|postgres>.json`, written when ORBIT_TEST_REPORT_DIR is set; see vitest.shared.ts) and prints,
// as its last line, `N passed, N failed, N skipped`. A workspace that should have written a report but did
// not (it crashed, or never ran) counts as one failed test. Exits 1 when anything failed.
//
//   node scripts/ci-summary.mjs <report-dir> [kind…]     kinds default to: pglite postgres browser
// A workspace is expected to report for the kinds its package.json's `orbit.testRuns` names (ci-workspaces.mjs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testedWorkspaces } from './ci-workspaces.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const [reportDir, ...kindArgs] = process.argv.slice(2);
if (!reportDir) {
  console.error('usage: node scripts/ci-summary.mjs <report-dir> [pglite] [postgres] [browser]');
  process.exit(2);
}
const kinds = kindArgs.length ? kindArgs : ['pglite', 'postgres', 'browser'];

/** The report name each workspace with a `test` script gives `orbitTestConfig('<name>', …)`. */
function expectedNames() {
  const names = [];
  for (const { dir, pkg, runs } of testedWorkspaces()) {
    const config = ['vitest.config.ts', 'vitest.config.mts', 'vitest.config.js', 'vitest.config.mjs']
      .map((file) => join(dir, file))
      .find((file) => existsSync(file));
    const match = config && /orbitTestConfig\(\s*['"]([^'"]+)['"]/.exec(readFileSync(config, 'utf8'));
    if (match) names.push({ name: match[1], pkg, runs });
    else console.log(`${pkg}: has a test script but no orbitTestConfig('<name>') in a vitest.config`);
  }
  return names;
}

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];

const reports = existsSync(reportDir) ? readdirSync(reportDir).filter((f) => f.endsWith('.json')) : [];
for (const file of reports.sort()) {
  let report;
  try {
    report = JSON.parse(readFileSync(join(reportDir, file), 'utf8'));
  } catch (error) {
    failed += 1;
    problems.push(`${file}: unreadable report (${error.message})`);
    continue;
  }
  const p = report.numPassedTests ?? 0;
  const f = report.numFailedTests ?? 0;
  const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A test file that fails to load or whose hooks throw has no failed test of its own: count the file.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'),
  );
  // Vitest marks a run unsuccessful for errors outside any test too (e.g. an unhandled rejection).
  const otherErrors = report.success === false && f + brokenFiles.length === 0 ? 1 : 0;
  if (otherErrors) problems.push(`${file}: the run failed outside any test (see its log)`);
  passed += p;
  failed += f + brokenFiles.length + otherErrors;
  skipped += s;
  console.log(`${file.padEnd(28)} ${p} passed, ${f + brokenFiles.length + otherErrors} failed, ${s} skipped`);
  // Name every failed test, so a failure (a flaky one above all) can be read from the summary alone.
  for (const testFile of report.testResults ?? []) {
    for (const test of testFile.assertionResults ?? []) {
      if (test.status !== 'failed') continue;
      const message = (test.failureMessages?.[0] || 'failed').split('\n')[0];
      problems.push(`${file}: ${testFile.name.replace(root, '')} > ${test.fullName}: ${message}`);
    }
  }
  for (const broken of brokenFiles) {
    const message = (broken.message || 'failed').split('\n')[0];
    problems.push(`${file}: ${broken.name.replace(root, '')}: ${message}`);
  }
}

for (const { name, pkg, runs } of expectedNames()) {
  for (const kind of kinds.filter((k) => runs.includes(k))) {
    if (!reports.includes(`${name}.${kind}.json`)) {
      failed += 1;
      problems.push(
        `${pkg}: no report from the ${kind} run (${name}.${kind}.json) — it crashed or did not run`,
      );
    }
  }
}

for (const problem of problems) console.log(`FAILED: ${problem}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
