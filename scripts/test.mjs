#!/usr/bin/env node
// `npm test`: every workspace's tests through turbo, scheduled for a two-core machine.
//
//   npm test [-- <turbo run arguments>]     e.g. npm test -- --filter=@orbit/mail
//
// With no filter:
//   1. `turbo run build` (everything the tests need: not the tools whose package.json says `"testsNeedItsBuild":
//      false`);
//   2. the longest suite (`"orbit": { "testSeconds": N }` in each package.json: the hub's), the browser tests
//      (`@orbit/e2e`, two Vitest workers with a hub and a Chromium each) and one more workspace at once, the others
//      longest first (the workspaces that don't say how long go last, together, three at a time), one more at a
//      time as the longest suite and the browser tests end. Everything but the longest suite runs at a lower
//      priority (`nice`): it is the run's critical path, so it gets the cores first and the rest fills what it
//      leaves. Each is `turbo run test --only`, so results are cached and replayed as before.
// One `turbo run test` started tasks in the order they became ready. The browser tests, which need every build,
// became ready last and ran alone for three minutes at the end (477 s in all on 2026-12-07); started first, but
// with the rest in turbo's order, the hub's suite started late and the reliability suite ran alone at the end
// (437 s). Longest first leaves short suites to fill the gaps.
//
// With a filter (or `--only`), it is one `turbo run test` with those arguments, at most three workspaces at a time
// unless `--concurrency` is among them (CI passes its own). On two cores turbo's default of ten ran every suite at
// once (a dozen embedded databases, hubs and a browser), which spent 510 CPU-seconds where three at a time spent
// 450, and took longer: 328 s against 288 s on the same clone.
import { spawn } from 'node:child_process';
import { testedWorkspaces } from './ci-workspaces.mjs';

const DEFAULT_TEST_CONCURRENCY = 3;
/** Workspaces tested at a time beside the browser tests. */
const BESIDE_BROWSER_SLOTS = 2;
const BROWSER_TESTS = '@orbit/e2e';

const given = process.argv.slice(2);
const named = (flag) => given.some((arg) => arg === flag || arg.startsWith(`${flag}=`));
const narrowed = named('--filter') || named('-F') || named('--affected') || given.includes('--only');

/** `args` without `--concurrency` (either `--concurrency=N` or `--concurrency N`). */
function withoutConcurrency(args) {
  return args.filter((arg, i) => !arg.startsWith('--concurrency') && args[i - 1] !== '--concurrency');
}

/** Running turbo processes, so a SIGTERM reaches them all. */
const running = new Set();

/** How much lower the suites off the critical path run (`nice`): the longest suite gets the CPU first. */
const BACKGROUND_NICENESS = 5;

/** Runs turbo with `args` (at a lower priority with `background`); resolves with its exit code. */
function turbo(args, { background = false } = {}) {
  return new Promise((resolve) => {
    // `npm run` puts node_modules/.bin on the PATH. `nice` passes its niceness to every process turbo starts.
    const [command, commandArgs] =
      background && process.platform !== 'win32'
        ? ['nice', ['-n', String(BACKGROUND_NICENESS), 'turbo', ...args]]
        : ['turbo', args];
    const child = spawn(command, commandArgs, { stdio: 'inherit' });
    running.add(child);
    child.on('error', (error) => {
      console.error(`npm test: could not run turbo: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

// Ctrl-C reaches turbo too (one process group): wait for it to stop its tasks. A SIGTERM is for this process only.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {
  for (const child of running) child.kill('SIGTERM');
});

/**
 * Runs `jobs` (functions answering an exit code) at most `slots` at a time, in order, and one more at a time as
 * each promise of `widen` settles; answers every code.
 */
async function pool(jobs, slots, widen = []) {
  const codes = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      codes.push(await job());
    }
  };
  const workers = Array.from({ length: Math.min(slots, jobs.length) }, worker);
  for (const settled of widen) workers.push(settled.then(worker));
  await Promise.all(workers);
  return codes;
}

async function main() {
  if (narrowed) {
    const concurrency = named('--concurrency') ? [] : [`--concurrency=${DEFAULT_TEST_CONCURRENCY}`];
    return turbo(['run', 'test', ...concurrency, ...given]);
  }
  // The arguments given (e.g. `--force`, `--summarize`, `--continue`) go to every turbo run; a `--concurrency`
  // among them is ignored: the schedule is this script's.
  const passed = withoutConcurrency(given);
  const tested = testedWorkspaces();
  // Everything the tests need built: not the tools whose tests read only their sources (their builds were the
  // last step of the build, after @orbit/testing).
  const unbuilt = tested.filter((w) => !w.testsNeedItsBuild).map((w) => `--filter=!${w.pkg}`);
  const built = await turbo(['run', 'build', ...unbuilt, ...passed]);
  if (built !== 0) return built;

  const test =
    (filters, { concurrency = 1, background = true } = {}) =>
    () =>
      turbo(
        [
          'run',
          'test',
          '--only',
          ...filters.map((f) => `--filter=${f}`),
          `--concurrency=${concurrency}`,
          ...passed,
        ],
        { background },
      );
  const others = tested.filter((w) => w.pkg !== BROWSER_TESTS);
  const [first, ...timed] = others.filter((w) => w.seconds > 0).sort((a, b) => b.seconds - a.seconds);
  const rest = others.filter((w) => w.seconds === 0).map((w) => w.pkg);
  // The longest suite (the hub's) is the run's critical path: it runs at normal priority, the rest below it, so
  // they take what it leaves rather than share the cores evenly with it.
  const firstTests = first ? test([first.pkg], { background: false })() : Promise.resolve(0);
  // The short suites that don't say how long they take (a second or two each, mostly start-up) three at a time.
  const jobs = [
    ...timed.map((w) => test([w.pkg])),
    ...(rest.length > 0 ? [test(rest, { concurrency: 3 })] : []),
  ];
  const browser = test([BROWSER_TESTS])();
  const codes = await Promise.all([
    firstTests,
    browser,
    // One more beside the browser tests and the first suite; as each of those ends, its share of the machine
    // takes the next suite.
    pool(jobs, BESIDE_BROWSER_SLOTS - 1, [firstTests, browser]).then(
      (all) => all.find((code) => code !== 0) ?? 0,
    ),
  ]);
  return codes.find((code) => code !== 0) ?? 0;
}

process.exit(await main());
