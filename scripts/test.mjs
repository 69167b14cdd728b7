#!/usr/bin/env node
// `npm test`: `turbo run test` with the arguments given, and at most three workspaces' tests at a time unless
// `--concurrency` is among them (CI passes its own). On two cores turbo's default of ten ran every suite at once
// (a dozen embedded databases, hubs and a browser), which spent 510 CPU-seconds where three at a time spent 450,
// and took longer: 328 s against 288 s on the same clone.
//
//   npm test [-- <turbo run arguments>]     e.g. npm test -- --filter=@orbit/mail
import { spawn } from 'node:child_process';

const DEFAULT_TEST_CONCURRENCY = 3;

const given = process.argv.slice(2);
const hasConcurrency = given.some((arg) => arg === '--concurrency' || arg.startsWith('--concurrency='));
const args = [
  'run',
  'test',
  ...(hasConcurrency ? [] : [`--concurrency=${DEFAULT_TEST_CONCURRENCY}`]),
  ...given,
];

// `npm run` puts node_modules/.bin on the PATH.
const turbo = spawn('turbo', args, { stdio: 'inherit' });
turbo.on('error', (error) => {
  console.error(`npm test: could not run turbo: ${error.message}`);
  process.exit(1);
});
// Ctrl-C reaches turbo too (one process group): wait for it to stop its tasks. A SIGTERM is for this process only.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => turbo.kill('SIGTERM'));
turbo.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
