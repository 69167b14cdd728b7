#!/usr/bin/env node
// `npm start`: builds what is stale, then runs the hub and every service as their own processes, and stops
// them all together. Plain Node, no dependencies, so it works right after `npm install`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Everything `npm start` runs, in start order. The hub comes first; each service is added here with its own
 * port from 4101 up, e.g.
 *   { name: 'mail', package: '@orbit/mail', entry: 'apps/mail/dist/main.js', env: { PORT: '4101' } },
 * Every process gets the launcher's environment, plus its `env`.
 */
const processes = [
  { name: 'identity', package: '@orbit/identity', entry: 'apps/identity/dist/main.js', env: {} },
];

const STOP_GRACE_MS = 10_000;

function fail(message, code = 1) {
  console.error(`\norbit: ${message}`);
  process.exit(code);
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19))
  fail(`Node 20.19 or newer is needed (this is ${process.version}).`);

const turbo = fileURLToPath(new URL('../node_modules/.bin/turbo', import.meta.url));
if (!existsSync(turbo)) fail('dependencies are missing: run `npm install` first.');
const skipBuild = process.argv.includes('--no-build');

console.log(`\nOrbit — starting ${processes.map((p) => p.name).join(', ')}`);
if (!skipBuild) {
  // Quiet unless it fails: turbo replays nothing for cached packages, so a second start is quick.
  process.stdout.write('Building what changed (about a minute on the first start)… ');
  const t0 = Date.now();
  const build = spawnSync(
    turbo,
    ['run', 'build', ...processes.map((p) => `--filter=${p.package}...`), '--output-logs=errors-only'],
    { cwd: root, encoding: 'utf8', env: { TURBO_TELEMETRY_DISABLED: '1', ...process.env } },
  );
  if (build.error) fail(`could not run turbo: ${build.error.message}`);
  if (build.status !== 0) {
    process.stdout.write('failed.\n\n');
    process.stderr.write(`${build.stdout}${build.stderr}`);
    fail('the build failed (see above); nothing was started.', build.status ?? 1);
  }
  console.log(`done in ${((Date.now() - t0) / 1000).toFixed(1)}s.`);
}

/** With more than one process, each output line is prefixed with the process's name. */
const prefixed = processes.length > 1;
const width = Math.max(...processes.map((p) => p.name.length));

function pipeLines(stream, out, name) {
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  lines.on('line', (line) => out.write(`${name.padEnd(width)} | ${line}\n`));
}

const running = new Map(); // name → ChildProcess, while it runs
let stopping = false;
let exitCode = 0;
let killTimer;

function stopAll(signal) {
  for (const child of running.values()) child.kill(signal);
  killTimer ??= setTimeout(() => {
    for (const [name, child] of running) {
      console.error(`orbit: ${name} did not stop within ${STOP_GRACE_MS / 1000}s; killing it.`);
      child.kill('SIGKILL');
    }
  }, STOP_GRACE_MS);
  killTimer.unref();
}

for (const spec of processes) {
  const child = spawn(process.execPath, [spec.entry], {
    cwd: root,
    env: { ...process.env, ...spec.env },
    stdio: prefixed ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    // Its own process group, so a Ctrl-C reaches it once, from us, and not also straight from the terminal.
    detached: true,
  });
  running.set(spec.name, child);
  if (prefixed) {
    pipeLines(child.stdout, process.stdout, spec.name);
    pipeLines(child.stderr, process.stderr, spec.name);
  }
  child.on('error', (error) => {
    console.error(`orbit: could not start ${spec.name}: ${error.message}`);
  });
  child.on('exit', (code, signal) => {
    running.delete(spec.name);
    if (!stopping) {
      // One process died on its own: the platform is incomplete, so stop the rest and report failure.
      stopping = true;
      exitCode = code || 1;
      console.error(`\norbit: ${spec.name} exited (${signal ?? `code ${code}`}); stopping the others.`);
      stopAll('SIGTERM');
    } else if (code !== 0 && signal !== 'SIGINT' && signal !== 'SIGTERM') {
      // Asked to stop, but it failed doing so (or had to be killed).
      exitCode ||= code || 1;
    }
    if (running.size === 0) process.exit(exitCode);
  });
}

console.log('Ctrl-C stops everything.');

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopping) {
      // A second Ctrl-C: don't wait any longer.
      for (const child of running.values()) child.kill('SIGKILL');
      return;
    }
    stopping = true;
    stopAll(signal === 'SIGHUP' ? 'SIGTERM' : signal);
  });
}
