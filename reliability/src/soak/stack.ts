import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@orbit/testing';
import { ROOT } from '../platform.js';
import { type PostgresServer, startPostgresServer } from '../postgres-server.js';

const run = promisify(execFile);

const HUB_MAIN = join(ROOT, 'apps/identity/dist/main.js');
const HUB_CLI = join(ROOT, 'apps/identity/dist/cli.js');
const MAIL_MAIN = join(ROOT, 'apps/mail/dist/main.js');
const MAIL_MANIFEST = join(ROOT, 'apps/mail/dist/manifest.js');
/** The HAProxy configuration the soak fills in (kept in the repository, beside this code). */
const HAPROXY_TEMPLATE = join(ROOT, 'reliability/soak/haproxy.cfg');

/** What `npm start` does with a process that exits on its own: start it again after a second. */
const RESTART_AFTER_MS = 1_000;
const READY_LIMIT_MS = 60_000;

/** Something that happened to a process, for the report. */
export interface ProcessEvent {
  at: number;
  process: string;
  what: 'exited' | 'started' | 'ready';
  detail?: string;
}

/** One process of the platform, started again (after a second) whenever it exits while the soak runs. */
export class Supervised {
  child: ChildProcess | undefined;
  /** Highest resident memory seen (bytes), and the last. */
  maxRss = 0;
  lastRss = 0;
  /** Every resident-memory sample (bytes) with when it was taken. */
  readonly memory: { at: number; rss: number }[] = [];
  /** Log lines at warning level or worse (pino levels 40+), by level. */
  readonly logged = { warn: 0, error: 0, fatal: 0 };
  private stopping = false;
  private readyWaiters: (() => void)[] = [];
  private isReady = false;

  constructor(
    readonly name: string,
    readonly entry: string,
    readonly env: NodeJS.ProcessEnv,
    readonly url: string,
    private readonly events: ProcessEvent[],
    private readonly verbose: boolean,
  ) {}

  start(): void {
    const child = spawn(process.execPath, [this.entry], {
      cwd: ROOT,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.isReady = false;
    this.events.push({ at: Date.now(), process: this.name, what: 'started', detail: `pid ${child.pid}` });
    let buffered = '';
    const read = (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) this.readLine(line);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code, signal) => {
      this.events.push({
        at: Date.now(),
        process: this.name,
        what: 'exited',
        detail: signal ? `signal ${signal}` : `code ${code}`,
      });
      if (this.child === child) {
        this.child = undefined;
        this.isReady = false;
      }
      if (!this.stopping) setTimeout(() => !this.stopping && this.start(), RESTART_AFTER_MS);
    });
    void this.pollReady(child);
  }

  private readLine(line: string) {
    let level = 0;
    if (line.startsWith('{')) {
      try {
        level = Number((JSON.parse(line) as { level?: number }).level ?? 0);
      } catch {
        level = 0;
      }
    } else if (/error|uncaught|unhandled/i.test(line)) {
      level = 50;
    }
    if (level >= 60) this.logged.fatal++;
    else if (level >= 50) this.logged.error++;
    else if (level >= 40) this.logged.warn++;
    if (this.verbose && level >= 40) console.error(`[${this.name}] ${line}`);
  }

  /** Polls `/readyz` until this child answers 200 (or exits). */
  private async pollReady(child: ChildProcess) {
    const deadline = Date.now() + READY_LIMIT_MS;
    while (this.child === child && Date.now() < deadline) {
      const ok = await fetch(`${this.url}/readyz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok && this.child === child) {
        this.isReady = true;
        this.events.push({ at: Date.now(), process: this.name, what: 'ready' });
        for (const resolve of this.readyWaiters.splice(0)) resolve();
        return;
      }
      await sleep(100);
    }
  }

  /** Resolves once the current (or next) child is ready. */
  ready(): Promise<void> {
    if (this.isReady) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.name} was not ready after ${READY_LIMIT_MS / 1000} s`)),
        READY_LIMIT_MS + RESTART_AFTER_MS,
      );
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Resident memory (bytes) of the sample nearest to `at` (0 when none was taken). */
  rssAt(at: number): number {
    let best: { at: number; rss: number } | undefined;
    for (const m of this.memory) if (!best || Math.abs(m.at - at) < Math.abs(best.at - at)) best = m;
    return best?.rss ?? 0;
  }

  /** Sends `signal` to the running child; the supervisor then starts it again. Resolves once it has exited. */
  async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }

  async sampleMemory(): Promise<void> {
    const pid = this.child?.pid;
    if (!pid) return;
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    if (kb === 0) return;
    this.lastRss = kb * 1024;
    this.maxRss = Math.max(this.maxRss, this.lastRss);
    this.memory.push({ at: Date.now(), rss: this.lastRss });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface StackOptions {
  hubs: number;
  proxy: 'haproxy' | 'none';
  verbose: boolean;
}

/** The platform under soak: its own PostgreSQL server, the hub(s), optionally HAProxy, and Mail. */
export interface Stack {
  /** Where people reach the hub: the proxy, or the one hub. */
  hubUrl: string;
  mailUrl: string;
  postgres: PostgresServer;
  /** The platform's database, for the ledger check. */
  databaseUrl: string;
  hubs: Supervised[];
  mail: Supervised;
  events: ProcessEvent[];
  /** What runs, for the report (versions and the proxy). */
  describe(): string;
  sampleMemory(): Promise<void>;
  stop(): Promise<void>;
}

/** Throws, saying what to run, when a program the soak needs is missing. */
export function checkPrerequisites(options: StackOptions, postgresBin: string | undefined): void {
  for (const file of [HUB_MAIN, HUB_CLI, MAIL_MAIN, MAIL_MANIFEST]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: build first (npm run build)`);
  }
  if (!postgresBin) {
    throw new Error('the PostgreSQL server programs are missing: apt-get install -y postgresql');
  }
  if (options.proxy === 'haproxy' && !existsSync('/usr/sbin/haproxy')) {
    throw new Error('HAProxy is missing: apt-get install -y haproxy');
  }
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const events: ProcessEvent[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const step of cleanups.splice(0).reverse()) await step().catch(() => {});
  };
  try {
    const postgres = await startPostgresServer({ durable: true });
    cleanups.push(() => postgres.stop());
    await postgres.createDatabase('orbit');
    const databaseUrl = postgres.url('orbit');
    const work = await mkdtemp(join(tmpdir(), 'orbit-soak-'));
    cleanups.push(() => rm(work, { recursive: true, force: true }));

    const hubPorts: number[] = [];
    while (hubPorts.length < options.hubs) {
      const port = await freePort();
      if (!hubPorts.includes(port)) hubPorts.push(port);
    }
    let proxyPort = hubPorts[0]!;
    if (options.proxy === 'haproxy') {
      do proxyPort = await freePort();
      while (hubPorts.includes(proxyPort));
    }
    let mailPort = await freePort();
    while (mailPort === proxyPort || hubPorts.includes(mailPort)) mailPort = await freePort();
    const hubUrl = `http://localhost:${proxyPort}`;
    const mailUrl = `http://localhost:${mailPort}`;

    const { DATABASE_URL: _unused, ORBIT_ISSUER: _issuer, FORCE_COLOR: _color, ...inherited } = process.env;
    const common: NodeJS.ProcessEnv = {
      ...inherited,
      DATABASE_URL: databaseUrl,
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'warn',
    };
    // Every hub as if on its own machine: its own data folder; the database and the key-encryption key shared.
    const keyEncryptionKey = randomBytes(32).toString('base64url');
    const hubDirs = await Promise.all(
      hubPorts.map(async (_, i) => {
        const dir = join(work, `hub-${i + 1}`);
        await mkdir(dir, { recursive: true });
        return dir;
      }),
    );
    const hubEnv = (i: number): NodeJS.ProcessEnv => ({
      ...common,
      PORT: String(hubPorts[i]),
      ORBIT_DATA_DIR: hubDirs[i],
      ORBIT_KEY_ENCRYPTION_KEY: keyEncryptionKey,
      ORBIT_ISSUER: hubUrl,
      // Every virtual user signs up from this one address.
      ORBIT_SIGN_UPS_PER_IP_HOUR: '0',
      // As behind a balancer: on SIGTERM, readiness says 503 for 2 s (HAProxy's checks notice in 1 s) before the
      // hub stops listening. Unless the environment says otherwise.
      ORBIT_STOP_DRAIN_SECONDS: process.env.ORBIT_STOP_DRAIN_SECONDS ?? '2',
      ...(options.proxy === 'haproxy' ? { ORBIT_TRUST_PROXY: 'true' } : {}),
    });

    // Mail is registered first, as `npm start` does; its credentials land in the first hub's data folder.
    await run(process.execPath, [HUB_CLI, 'services:register', MAIL_MANIFEST, '--origin', mailUrl], {
      cwd: ROOT,
      env: hubEnv(0),
    }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`services:register failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    });

    const hubs = hubPorts.map(
      (port, i) =>
        new Supervised(
          options.hubs > 1 ? `hub ${i + 1}` : 'hub',
          HUB_MAIN,
          hubEnv(i),
          `http://localhost:${port}`,
          events,
          options.verbose,
        ),
    );
    for (const hub of hubs) {
      hub.start();
      cleanups.push(() => hub.stop());
    }
    await Promise.all(hubs.map((hub) => hub.ready()));

    let proxyVersion = '';
    if (options.proxy === 'haproxy') {
      const template = await readFile(HAPROXY_TEMPLATE, 'utf8');
      const config = template
        .replace('{{bind}}', `127.0.0.1:${proxyPort}`)
        .replace(
          '{{servers}}',
          hubPorts.map((port, i) => `    server hub${i + 1} 127.0.0.1:${port} check`).join('\n'),
        );
      const file = join(work, 'haproxy.cfg');
      await writeFile(file, config);
      await run('/usr/sbin/haproxy', ['-c', '-f', file]).catch(
        (error: { message: string; stdout?: string; stderr?: string }) => {
          throw new Error(
            `HAProxy refused its configuration (${file}):\n${error.stdout ?? ''}${error.stderr || error.message}`,
          );
        },
      );
      const proxy = spawn('/usr/sbin/haproxy', ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
      proxy.stderr?.on('data', (chunk: Buffer) => {
        if (options.verbose) process.stderr.write(`[haproxy] ${chunk}`);
      });
      cleanups.push(async () => {
        if (proxy.exitCode !== null) return;
        const exited = new Promise((resolve) => proxy.once('exit', resolve));
        proxy.kill('SIGTERM');
        await exited;
      });
      const version = (await run('/usr/sbin/haproxy', ['-v'])).stdout;
      proxyVersion = `HAProxy ${/version (\d+\.\d+\.\d+)/.exec(version)?.[1] ?? ''}`.trim();
      let through = false;
      for (let i = 0; i < 100 && !through; i++) {
        through = await fetch(`${hubUrl}/readyz`).then(
          (r) => r.ok,
          () => false,
        );
        if (!through) await sleep(100);
      }
      if (!through) throw new Error('HAProxy did not pass /readyz through to a hub within 10 s');
    }

    const mail = new Supervised(
      'Mail',
      MAIL_MAIN,
      {
        ...common,
        PORT: String(mailPort),
        ORBIT_DATA_DIR: join(work, 'mail'),
        ORBIT_HUB_URL: hubUrl,
        ORBIT_PUBLIC_URL: mailUrl,
        ORBIT_CREDENTIALS_FILE: join(hubDirs[0]!, 'services', 'mail.json'),
      },
      mailUrl,
      events,
      options.verbose,
    );
    mail.start();
    cleanups.push(() => mail.stop());
    await mail.ready();

    const { stdout: pgVersion } = await run('psql', ['--version']).catch(() => ({ stdout: 'PostgreSQL' }));
    return {
      hubUrl,
      mailUrl,
      postgres,
      databaseUrl,
      hubs,
      mail,
      events,
      describe: () =>
        [
          `${options.hubs} hub${options.hubs > 1 ? 's' : ''}`,
          options.proxy === 'haproxy' ? `behind ${proxyVersion}` : 'reached directly',
          'and Mail, each its own Node process',
          `on a PostgreSQL server of the soak's own (${pgVersion.trim().replace(/^psql \(PostgreSQL\) /, 'PostgreSQL ')}, default durability)`,
        ].join(' '),
      sampleMemory: async () => {
        await Promise.all([...hubs, mail].map((p) => p.sampleMemory()));
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
