#!/usr/bin/env node
// `npm start`: builds what is stale, then runs the hub and every service as their own processes, and stops
// them all together. Plain Node, no dependencies, so it works right after `npm install`.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Services are the apps that declare themselves with a manifest (`src/manifest.ts`, built to dist/). */
const serviceApps = readdirSync(join(root, 'apps'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(root, 'apps', entry.name, 'src', 'manifest.ts')))
  .map((entry) => entry.name)
  .sort();

/** The hub first; each service joins once its manifest is read (after the build). */
const processes = [
  { name: 'identity', package: '@orbit/identity', entry: 'apps/identity/dist/main.js', env: {} },
];
const packageOf = (app) => JSON.parse(readFileSync(join(root, 'apps', app, 'package.json'), 'utf8')).name;

const STOP_GRACE_MS = 10_000;
/** How long the launcher waits for every process to answer `/readyz` before it prints the summary anyway. */
const READY_TIMEOUT_MS = 120_000;
/**
 * A process that exits on its own is started again (`supervise` below): after 1 s, then twice as long each time
 * it fails again soon, up to 30 s; a run of `STABLE_MS` counts as recovered and resets the wait. A process that
 * cannot stay up at all (`MAX_QUICK_FAILURES` exits in a row, each within `STABLE_MS` of its start: a port in use,
 * a broken configuration) stops the platform instead, as nothing else would fix it.
 */
const RESTART_FIRST_MS = 1_000;
const RESTART_MAX_MS = 30_000;
const STABLE_MS = 30_000;
const MAX_QUICK_FAILURES = 5;

/**
 * Development (NODE_ENV is not production): readable log lines with request lines (debug), in colour when this
 * terminal has it — each only where the environment doesn't say otherwise. The children's output goes through
 * a pipe to us, so they are told about colour (FORCE_COLOR) rather than finding out.
 */
const development = process.env.NODE_ENV !== 'production';
const logEnv = development
  ? {
      LOG_FORMAT: process.env.LOG_FORMAT || 'pretty',
      LOG_LEVEL: process.env.LOG_LEVEL || 'debug',
      ...(process.stdout.isTTY && !process.env.NO_COLOR && process.env.FORCE_COLOR === undefined
        ? { FORCE_COLOR: '1' }
        : {}),
    }
  : {};

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

console.log(`\nOrbit — starting identity${serviceApps.map((app) => `, ${app}`).join('')}`);
if (!skipBuild) {
  // Quiet unless it fails: turbo replays nothing for cached packages, so a second start is quick.
  process.stdout.write('Building what changed (about a minute on the first start)… ');
  const t0 = Date.now();
  const build = spawnSync(
    turbo,
    [
      'run',
      'build',
      '--filter=@orbit/identity...',
      ...serviceApps.map((app) => `--filter=${packageOf(app)}...`),
      '--output-logs=errors-only',
    ],
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

// Register every service with the hub (idempotent: an unchanged manifest changes nothing), before the hub
// starts — the embedded database belongs to one process at a time. Each service then reads its credentials
// from the file registration wrote.
const hubPort = process.env.PORT || '4000';
const hubUrl = (process.env.ORBIT_ISSUER || `http://localhost:${hubPort}`).replace(/\/+$/, '');
const dataDir = resolve(root, process.env.ORBIT_DATA_DIR || '.orbit/data');
const manifests = [];
for (const app of serviceApps) {
  const file = join(root, 'apps', app, 'dist', 'manifest.js');
  if (!existsSync(file)) fail(`apps/${app} has no dist/manifest.js: is it built? (run without --no-build)`);
  const { manifest } = await import(pathToFileURL(file).href);
  if (!manifest?.id) fail(`apps/${app}/dist/manifest.js exports no manifest.`);
  manifests.push({ app, file, manifest });
}
/** A service's port: its manifest's default, or `ORBIT_<ID>_PORT` (e.g. ORBIT_MAIL_PORT=4201) when that is taken. */
function portOf(manifest) {
  const name = `ORBIT_${manifest.id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_PORT`;
  const value = process.env[name];
  if (value === undefined || value === '') return { port: String(manifest.defaultPort), overridden: false };
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535)
    fail(`${name} must be a port number.`);
  return { port: value, overridden: true };
}

/** Runs the hub's CLI (through the running hub's admin channel when there is one, else on the database). */
const orbitCli = (args, options = {}) =>
  spawnSync(process.execPath, ['apps/identity/dist/cli.js', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'warn' },
    ...options,
  });

// Services on their default port register together; one on another port registers with its own origin.
const registrations = [
  manifests.filter((m) => !portOf(m.manifest).overridden).map((m) => [m.file]),
  manifests
    .filter((m) => portOf(m.manifest).overridden)
    .map((m) => [m.file, '--origin', `http://localhost:${portOf(m.manifest).port}`]),
];
for (const args of [registrations[0].flat(), ...registrations[1]]) {
  if (!args.length) continue;
  const registered = orbitCli(['services:register', ...args]);
  if (registered.status !== 0) {
    process.stderr.write(`${registered.stdout}${registered.stderr}`);
    fail('registering the services with the hub failed (see above); nothing was started.', 1);
  }
  process.stdout.write(registered.stdout);
}
for (const { app, manifest } of manifests) {
  const { port } = portOf(manifest);
  processes.push({
    name: app,
    package: packageOf(app),
    entry: `apps/${app}/dist/main.js`,
    url: `http://localhost:${port}`,
    env: {
      PORT: port,
      ORBIT_HUB_URL: hubUrl,
      ORBIT_PUBLIC_URL: `http://localhost:${port}`,
      ORBIT_CREDENTIALS_FILE: join(dataDir, 'services', `${manifest.id}.json`),
    },
  });
}

/** With more than one process, each output line is prefixed with the process's name. */
const prefixed = processes.length > 1;
const width = Math.max(...processes.map((p) => p.name.length));

/**
 * The hub frames its first-admin link in a box (╭ … ╯). The launcher holds that box back and prints it after
 * everything is up, last, so it doesn't scroll away under the other processes' start-up lines.
 */
let heldBox; // the lines of a box being held, or undefined
let setupBox; // a complete box waiting for the summary
let summarized = false;

function pipeLines(stream, out, name) {
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  lines.on('line', (line) => {
    if (name === 'identity' && out === process.stdout) {
      if (line.startsWith('╭')) heldBox = [];
      if (heldBox) {
        heldBox.push(line);
        if (line.startsWith('╰')) {
          if (summarized) process.stdout.write(`\n${heldBox.join('\n')}\n\n`);
          else setupBox = heldBox;
          heldBox = undefined;
        }
        return;
      }
    }
    out.write(`${name.padEnd(width)} | ${line}\n`);
  });
}

const running = new Map(); // name → ChildProcess, while it runs
let stopping = false;
let exitCode = 0;
let killTimer;

function stopAll(signal) {
  // A process waiting to be started again stays stopped.
  for (const state of supervision.values()) clearTimeout(state.timer);
  if (running.size === 0) process.exit(exitCode);
  for (const child of running.values()) child.kill(signal);
  killTimer ??= setTimeout(() => {
    for (const [name, child] of running) {
      console.error(`orbit: ${name} did not stop within ${STOP_GRACE_MS / 1000}s; killing it.`);
      child.kill('SIGKILL');
    }
  }, STOP_GRACE_MS);
  killTimer.unref();
}

const startedAt = Date.now();
/** Per process name: when it was last started, and how many exits in a row came soon after a start. */
const supervision = new Map(
  processes.map((spec) => [spec.name, { startedAt: 0, quickFailures: 0, timer: undefined }]),
);

function launch(spec) {
  const child = spawn(process.execPath, [spec.entry], {
    cwd: root,
    env: { ...process.env, ...logEnv, ...spec.env },
    stdio: prefixed ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    // Its own process group, so a Ctrl-C reaches it once, from us, and not also straight from the terminal.
    detached: true,
  });
  supervision.get(spec.name).startedAt = Date.now();
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
      supervise(spec, code, signal);
    } else if (code !== 0 && signal !== 'SIGINT' && signal !== 'SIGTERM') {
      // Asked to stop, but it failed doing so (or had to be killed).
      exitCode ||= code || 1;
    }
    if (stopping && running.size === 0) process.exit(exitCode);
  });
}

/**
 * One process exited on its own: the others keep serving, and it is started again after a wait that grows while
 * it keeps failing soon after starting, as a service manager would (systemd's Restart=, Kubernetes' back-off).
 */
function supervise(spec, code, signal) {
  const state = supervision.get(spec.name);
  const ranFor = Date.now() - state.startedAt;
  state.quickFailures = ranFor < STABLE_MS ? state.quickFailures + 1 : 1;
  const how = signal ?? `code ${code}`;
  if (state.quickFailures >= MAX_QUICK_FAILURES) {
    stopping = true;
    exitCode = code || 1;
    console.error(
      `\norbit: ${spec.name} exited (${how}) ${state.quickFailures} times in a row, each within ${STABLE_MS / 1000}s of starting; stopping the others.`,
    );
    stopAll('SIGTERM');
    return;
  }
  const wait = Math.min(RESTART_FIRST_MS * 2 ** (state.quickFailures - 1), RESTART_MAX_MS);
  console.error(`\norbit: ${spec.name} exited (${how}); starting it again in ${wait / 1000}s.`);
  state.timer = setTimeout(() => {
    state.timer = undefined;
    if (stopping) return;
    console.error(`orbit: starting ${spec.name} again.`);
    launch(spec);
  }, wait);
}

for (const spec of processes) launch(spec);

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

/** Waits until the process answers its readiness check (`/readyz`: it listens and its database answers). */
async function ready(url) {
  while (!stopping && Date.now() - startedAt < READY_TIMEOUT_MS) {
    const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) }).catch(
      () => undefined,
    );
    if (response?.ok) return true;
    await sleep(250);
  }
  return false;
}

/** Draws the same box as the hub does, for a link printed again. */
function frame(lines) {
  const widest = Math.max(...lines.map((line) => [...line].length));
  return [
    `╭${'─'.repeat(widest + 2)}╮`,
    ...lines.map((line) => `│ ${line}${' '.repeat(widest - [...line].length)} │`),
    `╰${'─'.repeat(widest + 2)}╯`,
  ].join('\n');
}

/**
 * Asks the running hub for the setup link again (`setup:link`, through its admin channel) and frames it. Not
 * spawnSync: the launcher keeps relaying the other processes' output meanwhile.
 */
function printSetupLinkAgain() {
  execFile(
    process.execPath,
    ['apps/identity/dist/cli.js', 'setup:link'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' } },
    (error, stdout, stderr) => {
      if (!error) {
        const link = stdout.trim();
        console.log(
          `\n${frame(['Create the first admin with this one-time link (it is a secret):', '', `  ${link}`])}\n`,
        );
      } else {
        process.stdout.write(`\norbit: ${(stderr || stdout || error.message).trim()}\n\n`);
      }
    },
  );
}

const readiness = processes.map((spec) =>
  ready(spec.name === 'identity' ? `http://localhost:${hubPort}` : spec.url).then((ok) => ({ spec, ok })),
);
const results = await Promise.all(readiness);
if (!stopping) {
  // Let the last start-up lines through the pipes first: the summary and the setup link come last.
  await sleep(300);
  summarized = true;
  const slow = results.filter((r) => !r.ok).map((r) => r.spec.name);
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  console.log(
    slow.length
      ? `\nOrbit started, but ${slow.join(', ')} did not answer /readyz within ${READY_TIMEOUT_MS / 1000}s (see the lines above).`
      : `\nOrbit is up (${seconds}s).`,
  );
  console.log(`  ${'hub and portal'.padEnd(Math.max(14, width))}  ${hubUrl}`);
  for (const spec of processes.slice(1))
    console.log(`  ${spec.name.padEnd(Math.max(14, width))}  ${spec.url}`);
  const interactive = process.stdin.isTTY === true;
  console.log(
    `Ctrl-C stops everything.${interactive ? ' Press Enter to print the first-admin link again (while no admin exists).' : ''}`,
  );
  if (setupBox) console.log(`\n${setupBox.join('\n')}\n`);
  else console.log('');
  setupBox = undefined;
  if (interactive) {
    // Line mode, not raw: Ctrl-C stays a signal the terminal sends to us.
    const keys = createInterface({ input: process.stdin });
    keys.on('line', () => {
      if (!stopping) printSetupLinkAgain();
    });
  }
}
