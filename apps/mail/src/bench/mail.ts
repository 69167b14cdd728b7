/**
 * `npm run bench` (third part): Orbit Mail under load — sending (one recipient and five) and reading (inbox
 * listing, full-text search, opening a message). The hub and Mail run as their own processes, registered and
 * started the way `npm start` does it, on embedded PGlite, or on a fresh database on the PostgreSQL server that
 * `DATABASE_URL` names (created here and dropped at the end). Accounts are made at the hub over HTTP and signed
 * in to Mail through single sign-on; the load comes from this process over loopback. Results are printed as
 * Markdown for docs/performance.md.
 *
 * Expects `apps/identity/dist` and `apps/mail/dist` to be built (the root `bench` script builds them). It
 * imports `@orbit/testing` (a devDependency of Mail) at run time, so it runs from a development install.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@orbit/db/testing';
import { freePort, HttpBrowser, signUp, type TestAccount, uniqueHandle } from '@orbit/testing';

const SENDERS = 16;
const RECIPIENTS = 16;
const CONCURRENCY = [1, 4, 16];
/** Requests per row (each concurrency level) for each operation. */
const SENDS_ONE = 240;
const SENDS_FIVE = 240;
const READS = 400;
const WIDE = 5;
/** High enough that the per-account send limit never refuses a benchmark send. */
const SEND_LIMIT = 1_000_000;
/** One message in eight (at random) mentions it: what the search rows look for. */
const SEARCH_WORD = 'invoice';
const PASSWORD = 'benchmark passphrase 42';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const hubEntry = join(root, 'apps/identity/dist/main.js');
const hubCli = join(root, 'apps/identity/dist/cli.js');
const mailEntry = join(root, 'apps/mail/dist/main.js');
const mailManifest = join(root, 'apps/mail/dist/manifest.js');

interface Result {
  perSecond: number;
  p50: number;
  p99: number;
  failures: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** Set on Ctrl-C: the load stops issuing requests while the hub and Mail are stopped. */
let stopping = false;

/** Runs `count` operations with `concurrency` in flight; `op(i)` answers whether it got the expected status. */
async function load(
  count: number,
  concurrency: number,
  op: (i: number) => Promise<boolean>,
): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count && !stopping) {
        const i = next++;
        const t0 = performance.now();
        const ok = await op(i).catch(() => false);
        latencies.push(performance.now() - t0);
        if (!ok) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: count / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures,
  };
}

const row = (name: string, n: number, c: number, r: Result) =>
  `| ${name} | ${n} | ${c} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.failures} |`;

const WORDS = (
  'please find the quarterly numbers attached below and let me know what you think about the plan for next ' +
  'week meeting budget review schedule project update notes draft summary agenda team lunch travel'
).split(' ');

/** A small plain-text message (a body of about 250 bytes); one in eight, at random, mentions the search word. */
function message(i: number) {
  const words = Array.from({ length: 40 }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]!);
  if (Math.random() < 1 / 8) words.splice(12, 0, SEARCH_WORD);
  return { subject: `Status ${WORDS[i % WORDS.length]} ${i}`, bodyText: `Hello,\n\n${words.join(' ')}.\n` };
}

/** A child process that is stopped (SIGTERM, then SIGKILL after 10 s) when the bench ends. */
function startProcess(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  // ORBIT_BENCH_PROFILE=<dir>: each process writes a CPU profile there when it stops (as in the OIDC bench).
  const profile = process.env.ORBIT_BENCH_PROFILE
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.ORBIT_BENCH_PROFILE]
    : [];
  const child = spawn(process.execPath, [...profile, entry], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Its log lines (warnings and worse) go to stderr, so stdout stays the Markdown.
  child.stdout?.pipe(process.stderr);
  child.on('error', (error) => console.error(`bench: could not start ${name}: ${error.message}`));
  return child;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function waitReady(name: string, url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited (code ${child.exitCode}) before it was ready`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} was not ready at ${url}/readyz after 30 s`);
}

interface Person {
  browser: HttpBrowser;
  account: TestAccount;
}

async function main() {
  const serverUrl = process.env.DATABASE_URL || undefined;
  const loadBefore = loadavg()[0]!;
  const cleanups: (() => Promise<void>)[] = [];
  let cleaning: Promise<void> | undefined;
  const cleanup = () => {
    cleaning ??= (async () => {
      for (const step of cleanups.reverse()) {
        await step().catch((error: unknown) => console.error('bench: cleanup step failed:', error));
      }
    })();
    return cleaning;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`bench: ${signal}, stopping the hub and Mail`);
      stopping = true;
      void cleanup().then(() => process.exit(130));
    });
  }

  try {
    const dataDir = await mkdtemp(join(tmpdir(), 'orbit-bench-mail-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    // On PostgreSQL, one fresh database for both processes: the hub's schemas (identity, oidc, platform, jobs)
    // and Mail's (`mail`) do not overlap.
    let database: TestDatabase | undefined;
    if (serverUrl) {
      database = await createTestDatabase(serverUrl);
      const made = database;
      cleanups.push(() => made.drop());
    }
    const databaseEnv = database?.url ? { DATABASE_URL: database.url } : {};
    const { DATABASE_URL: _unused, ...inherited } = process.env;

    const hubPort = await freePort();
    let mailPort = await freePort();
    while (mailPort === hubPort) mailPort = await freePort();
    const hubUrl = `http://localhost:${hubPort}`;
    const mailUrl = `http://localhost:${mailPort}`;
    const common = { ...inherited, ...databaseEnv, ORBIT_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };

    // Register Mail first, as `npm start` does (embedded PGlite belongs to one process at a time).
    const registered = spawnSync(
      process.execPath,
      [hubCli, 'services:register', mailManifest, '--origin', mailUrl],
      { cwd: root, encoding: 'utf8', env: common },
    );
    if (registered.status !== 0) {
      throw new Error(`services:register failed:\n${registered.stdout}${registered.stderr}`);
    }

    // Every bench account signs up from this one address: no per-address sign-up limit.
    const hub = startProcess('the hub', hubEntry, {
      ...common,
      PORT: String(hubPort),
      ORBIT_SIGN_UPS_PER_IP_HOUR: '0',
    });
    cleanups.push(() => stopProcess(hub));
    await waitReady('the hub', hubUrl, hub);
    const mail = startProcess('Mail', mailEntry, {
      ...common,
      PORT: String(mailPort),
      ORBIT_HUB_URL: hubUrl,
      ORBIT_PUBLIC_URL: mailUrl,
      ORBIT_CREDENTIALS_FILE: join(dataDir, 'services', 'mail.json'),
      MAIL_SEND_PER_MINUTE: String(SEND_LIMIT),
      MAIL_SEND_PER_DAY: String(SEND_LIMIT),
    });
    cleanups.push(() => stopProcess(mail));
    await waitReady('Mail', mailUrl, mail);

    // Accounts at the hub, each signed in to Mail through single sign-on (no password at Mail).
    async function person(prefix: string): Promise<Person> {
      const browser = new HttpBrowser();
      const account = await signUp(browser, hubUrl, {
        handle: uniqueHandle(prefix),
        displayName: 'Bench',
        password: PASSWORD,
      });
      const visit = await browser.navigate(`${mailUrl}/`);
      const me = await browser.fetch(`${mailUrl}/api/me`);
      await me.arrayBuffer();
      if (visit.url !== `${mailUrl}/` || me.status !== 200) {
        throw new Error(`${account.handle} did not end up signed in at Mail (${visit.visited.join(' → ')})`);
      }
      return { browser, account };
    }
    const senders: Person[] = [];
    for (let i = 0; i < SENDERS; i++) senders.push(await person('snd'));
    const recipients: Person[] = [];
    for (let i = 0; i < RECIPIENTS; i++) recipients.push(await person('rcp'));

    // The first answer of each unexpected kind goes to stderr, so a failure count comes with its reason.
    const reported = new Set<string>();
    function unexpected(what: string, status: number, body: string): false {
      if (!reported.has(`${what} ${status}`)) {
        reported.add(`${what} ${status}`);
        console.error(`bench: ${what} answered ${status}: ${body.slice(0, 300)}`);
      }
      return false;
    }

    const inboxCopies = new Array<number>(RECIPIENTS).fill(0);
    let sent = 0;
    async function send(i: number, wide: number): Promise<boolean> {
      const from = senders[i % SENDERS]!;
      const first = i % RECIPIENTS;
      const to = Array.from({ length: wide }, (_, k) => (first + k) % RECIPIENTS);
      const res = await from.browser.fetch(`${mailUrl}/api/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({ to: to.map((r) => recipients[r]!.account.handle), ...message(sent++) }),
      });
      const text = await res.text();
      if (res.status !== 201) return unexpected('POST /api/send', res.status, text);
      for (const r of to) inboxCopies[r]!++;
      return true;
    }

    const rows: string[] = [];
    // Warm-up, not measured: JIT, the client_credentials token, the entitlements cache, connection pools.
    await load(2 * SENDERS, 4, (i) => send(i, 1));
    for (const c of CONCURRENCY) {
      rows.push(row('send, 1 recipient', SENDS_ONE, c, await load(SENDS_ONE, c, (i) => send(i, 1))));
    }
    for (const c of CONCURRENCY) {
      rows.push(
        row(`send, ${WIDE} recipients`, SENDS_FIVE, c, await load(SENDS_FIVE, c, (i) => send(i, WIDE))),
      );
    }

    const get = async (who: Person, path: string) => {
      const res = await who.browser.fetch(`${mailUrl}${path}`);
      const text = await res.text();
      return res.status === 200 || unexpected(`GET ${path.replace(/\?.*/, '')}`, res.status, text);
    };
    const reader = (i: number) => recipients[i % RECIPIENTS]!;
    await load(2 * RECIPIENTS, 4, (i) => get(reader(i), '/api/messages?folder=inbox&limit=50'));
    for (const c of CONCURRENCY) {
      const result = await load(READS, c, (i) => get(reader(i), '/api/messages?folder=inbox&limit=50'));
      rows.push(row('inbox, newest 50', READS, c, result));
    }
    let searchHits = 0;
    for (const who of recipients) {
      const reply = await who.browser.json(
        'GET',
        `${mailUrl}/api/messages?folder=all&q=${SEARCH_WORD}&limit=100`,
      );
      searchHits += (reply.body as { messages: unknown[] }).messages.length;
    }
    for (const c of CONCURRENCY) {
      const result = await load(READS, c, (i) => get(reader(i), `/api/messages?folder=all&q=${SEARCH_WORD}`));
      rows.push(row(`search \`${SEARCH_WORD}\`, all folders`, READS, c, result));
    }

    // Every measured open is a first open of an unread message (it also marks it read): ids from the first
    // two pages of each inbox, each opened once.
    const unread: string[][] = [];
    for (const who of recipients) {
      const ids: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 2; page++) {
        const reply: { body: { messages: { id: string }[]; nextCursor: string | null } } =
          await who.browser.json(
            'GET',
            `${mailUrl}/api/messages?folder=inbox&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          );
        ids.push(...reply.body.messages.map((m) => m.id));
        cursor = reply.body.nextCursor;
        if (!cursor) break;
      }
      unread.push(ids);
    }
    let opened = 0;
    const open = () => {
      const k = opened++;
      const r = k % RECIPIENTS;
      const id = unread[r]![Math.floor(k / RECIPIENTS) % unread[r]!.length]!;
      return get(recipients[r]!, `/api/messages/${id}`);
    };
    for (const c of CONCURRENCY)
      rows.push(row('open an unread message', READS, c, await load(READS, c, open)));

    const perInbox = [...inboxCopies].sort((a, b) => a - b);
    const held = perInbox[0] === perInbox.at(-1) ? `${perInbox[0]}` : `${perInbox[0]}–${perInbox.at(-1)}`;
    const kind = database ? 'PostgreSQL (a fresh database on the DATABASE_URL server)' : 'embedded PGlite';
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    console.log(`## Mail (${new Date().toISOString().slice(0, 10)})\n`);
    console.log(
      `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; database: ${kind}; load average ${loadBefore.toFixed(1)} when the run began.\n`,
    );
    console.log(
      `The hub and Mail as separate processes (registered and started as \`npm start\` does), each with its own ` +
        `${database ? 'connection pool to one database (hub schemas and `mail`)' : 'embedded PGlite'}; load from ` +
        `the bench process over loopback (hub, Mail, load${database ? ', PostgreSQL' : ''} share the machine). ` +
        `${SENDERS} senders and ${RECIPIENTS} recipients, made at the hub and signed in to Mail by single sign-on. ` +
        `MAIL_SEND_PER_MINUTE and MAIL_SEND_PER_DAY raised to ${SEND_LIMIT.toLocaleString('en')} so the send ` +
        `limit never refuses a benchmark send. Sends are small plain-text messages, addressed by handle, each ` +
        `with a fresh Idempotency-Key; ${WIDE} recipients means ${WIDE + 1} copies. By the reads each recipient's ` +
        `inbox held ${held} messages; the search word is in one message in eight ` +
        `(${(searchHits / RECIPIENTS).toFixed(0)} hits per mailbox on average). A failure is any status but ` +
        `201 (send) or 200.\n`,
    );
    console.log('| operation | requests | concurrency | per second | p50 ms | p99 ms | failures |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of rows) console.log(r);
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
