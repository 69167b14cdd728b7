#!/usr/bin/env node
// `npm start`: builds what is stale, then runs the hub and every service as their own processes, and stops
// them all together. Plain Node, no dependencies, so it works right after `npm install`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
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
if (manifests.length) {
  const registered = spawnSync(
    process.execPath,
    ['apps/identity/dist/cli.js', 'services:register', ...manifests.map((m) => m.file)],
    { cwd: root, encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
  if (registered.status !== 0) {
    process.stderr.write(`${registered.stdout}${registered.stderr}`);
    fail('registering the services with the hub failed (see above); nothing was started.', 1);
  }
  process.stdout.write(registered.stdout);
}
for (const { app, manifest } of manifests) {
  const port = String(manifest.defaultPort);
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

console.log(`\nOrbit hub and portal: ${hubUrl}`);
for (const spec of processes.slice(1)) console.log(`${spec.name.padEnd(width)} : ${spec.url}`);
console.log('Ctrl-C stops everything.\n');

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
