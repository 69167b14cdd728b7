/**
 * `npm run bench` (membership): what the membership layer costs at the hub, against a real hub process.
 *
 * 1. `GET /api/v1/entitlements/:sub` with a `client_credentials` token (`entitlements:read`), as a service's SDK
 *    asks on every cache miss (Mail: on the request paths that read a quota or attachment limit), for members
 *    (VIP, monthly) and for accounts without a membership.
 * 2. Purchases over HTTP, as the portal's checkout does them: `POST /api/me/subscriptions` of VIP (monthly, CNY)
 *    with the sandbox's succeeding card and a fresh `Idempotency-Key`, one account per purchase (signed up before
 *    the clock starts, no passkey, so no step-up).
 * 3. Repeats of one purchase with its key: the stored answer (one charge, one subscription, one receipt).
 *
 * The service asking is registered from a manifest like Mail's (its perks, `entitlements:read`, scope
 * `membership`) at an origin where this process answers membership events with 202, so each purchase's
 * Security Event Token is signed and delivered by the hub's job worker as in production. The hub runs on
 * embedded PGlite, or on a fresh database on the PostgreSQL server `DATABASE_URL` names (made here and dropped
 * at the end). Results are printed as Markdown for docs/performance.md.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineManifest } from '@orbit/contracts';
import { createTestDatabase } from '@orbit/db/testing';
import { freePort } from '../net.js';
import { beforeHubStarts } from './clients.js';
import { cpuMsOf, load, row, type Timing } from './load.js';

const PASSWORD = 'benchmark passphrase 42';
/** Purchases per concurrency level; each on an account of its own. */
const PURCHASES = 200;
const PURCHASE_CONCURRENCY = [1, 4];
const WARM_UP_PURCHASES = 20;
/** Accounts that never buy, for the non-member entitlements rows. */
const NON_MEMBERS = 100;
const LOOKUPS = 1000;
const LOOKUP_CONCURRENCY = [1, 8];
const REPEATS = 1000;
const REPEAT_CONCURRENCY = [1, 4];
const SUCCEEDING_CARD = '4242424242424242';

/** Mail's manifest as far as the hub cares (id, perks, the scopes that make it read membership). */
const serviceManifest = defineManifest({
  id: 'mail',
  name: 'Mail',
  description: 'The benchmark stands in for Mail.',
  icon: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="9"/></svg>',
  defaultPort: 4101,
  scopes: ['openid', 'profile', 'membership'],
  hubScopes: ['accounts:read', 'entitlements:read'],
  perks: [
    // As Mail's manifest: VIP's value comes from the tier default it names (issue 16), not from a seeded row.
    {
      key: 'mail.quota_mb',
      type: 'number',
      default: 1024,
      tiers: { vip: 10240, svip: 51200 },
      description: 'Mailbox size, in MiB',
    },
    { key: 'mail.attachment_mb', type: 'number', default: 10, description: 'Largest attachment, in MiB' },
  ],
  badge: true,
});

/** The service's back end, as far as events go: answers every membership event with 202 and counts them. */
async function startEventReceiver() {
  let received = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.url === '/orbit/events') received++;
      res.statusCode = 202;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://localhost:${port}`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Account {
  id: string;
  cookie: string;
  csrfToken: string;
}

async function main() {
  const load1 = loadavg()[0] ?? 0;
  const database = process.env.DATABASE_URL ? await createTestDatabase(process.env.DATABASE_URL) : undefined;
  const receiver = await startEventReceiver();
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'orbit-bench-membership-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    ORBIT_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // Every bench account signs up from this one address.
    ORBIT_SIGN_UPS_PER_IP_HOUR: '0',
    ORBIT_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
  };
  if (database) env.DATABASE_URL = database.url;
  else delete env.DATABASE_URL;

  // Register the service and seed the default tiers before the hub starts (embedded PGlite is one process at a
  // time); `services:register` does the same.
  const { clientSecret } = await beforeHubStarts(env, async (services) => {
    const registered = await services.serviceRegistry.register(serviceManifest, receiver.origin);
    await services.seedDefaultTiers();
    return registered;
  });
  if (!clientSecret) throw new Error('bench: the service was registered without a client secret');

  const hub = spawn(
    process.execPath,
    [
      ...(process.env.ORBIT_BENCH_PROFILE
        ? ['--cpu-prof', '--cpu-prof-dir', process.env.ORBIT_BENCH_PROFILE]
        : []),
      fileURLToPath(new URL('../main.js', import.meta.url)),
    ],
    { env, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const rows: string[] = [];
  const hubCpu: string[] = [];
  const notes: string[] = [];
  /** Runs one timed row; notes the hub's CPU per operation over it, and how busy that kept the hub. */
  const measure = async (
    name: string,
    short: string,
    count: number,
    concurrency: number,
    op: (i: number, worker: number) => Promise<boolean>,
  ): Promise<Timing> => {
    const before = await cpuMsOf(hub.pid);
    const timing = await load(count, concurrency, op);
    const after = await cpuMsOf(hub.pid);
    rows.push(row(name, count, concurrency, timing));
    if (before !== undefined && after !== undefined) {
      const perOp = (after - before) / count;
      const busy = (perOp * timing.perSecond) / 10;
      hubCpu.push(`${short} at ${concurrency}: ${perOp.toFixed(1)} ms (hub busy ${busy.toFixed(0)} %)`);
    }
    return timing;
  };
  try {
    for (let i = 0; ; i++) {
      if (
        await fetch(`${url}/readyz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (hub.exitCode !== null) throw new Error(`the hub exited (code ${hub.exitCode}) before it was ready`);
      if (i >= 300) throw new Error(`the hub was not ready at ${url}/readyz after 30 s`);
      await new Promise((r) => setTimeout(r, 100));
    }

    // Accounts, signed up over HTTP (each with its session) before any clock starts.
    const tag = Date.now().toString(36);
    const signUp = async (n: number): Promise<Account> => {
      const res = await fetch(`${url}/api/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url },
        body: JSON.stringify({ handle: `mb${n}x${tag}`, displayName: 'Bench', password: PASSWORD }),
      });
      if (res.status !== 201) throw new Error(`bench: sign-up answered ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { account: { id: string }; csrfToken: string };
      const cookie = res.headers
        .getSetCookie()
        .map((line) => line.split(';')[0] ?? '')
        .join('; ');
      return { id: body.account.id, cookie, csrfToken: body.csrfToken };
    };
    const buyers = WARM_UP_PURCHASES + PURCHASES * PURCHASE_CONCURRENCY.length;
    const accounts: Account[] = new Array(buyers + NON_MEMBERS);
    const signUps = await load(accounts.length, 2, async (i) => {
      accounts[i] = await signUp(i);
      return true;
    });
    if (signUps.failures > 0) throw new Error(`bench: ${signUps.failures} sign-ups failed`);
    const members = accounts.slice(0, buyers);
    const nonMembers = accounts.slice(buyers);

    const purchaseBody = JSON.stringify({
      tierId: 'vip',
      period: 'month',
      currency: 'CNY',
      card: { number: SUCCEEDING_CARD, expMonth: 12, expYear: new Date().getUTCFullYear() + 3, cvc: '123' },
    });
    const purchase = (account: Account, key: string) =>
      fetch(`${url}/api/me/subscriptions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: url,
          cookie: account.cookie,
          'x-csrf-token': account.csrfToken,
          'idempotency-key': key,
        },
        body: purchaseBody,
      });
    const firstKeys: string[] = new Array(buyers);
    const firstSubscriptions: string[] = new Array(buyers);
    const buy = async (i: number): Promise<boolean> => {
      const key = randomUUID();
      const res = await purchase(members[i]!, key);
      const body = (await res.json()) as { subscription?: { id: string; status: string } };
      firstKeys[i] = key;
      firstSubscriptions[i] = body.subscription?.id ?? '';
      return res.status === 201 && body.subscription?.status === 'active';
    };

    // (b) purchases: a warm-up, then each concurrency level on accounts of its own.
    await load(WARM_UP_PURCHASES, 4, (i) => buy(i));
    let next = WARM_UP_PURCHASES;
    for (const concurrency of PURCHASE_CONCURRENCY) {
      const from = next;
      await measure(
        'purchase (VIP monthly, sandbox card, fresh key)',
        'purchase',
        PURCHASES,
        concurrency,
        (i) => buy(from + i),
      );
      next += PURCHASES;
    }

    // (a) entitlements, as a service asks on a cache miss, with its client_credentials token.
    const tokenRes = await fetch(`${url}/oidc/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`mail:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'entitlements:read' }),
    });
    if (!tokenRes.ok) throw new Error(`bench: client_credentials answered ${tokenRes.status}`);
    const { access_token: token } = (await tokenRes.json()) as { access_token: string };
    const entitlements = async (account: Account, member: boolean): Promise<boolean> => {
      const res = await fetch(`${url}/api/v1/entitlements/${account.id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.status !== 200) return false;
      const body = (await res.json()) as { tiers: string[]; perks: Record<string, number | boolean> };
      return member
        ? body.tiers.includes('vip') && body.perks['mail.quota_mb'] === 10240
        : body.tiers.length === 0 && Object.keys(body.perks).length === 0;
    };
    await load(200, 8, (i) => entitlements(members[i % members.length]!, true)); // warm-up
    for (const [label, group, member] of [
      ['member (VIP)', members, true],
      ['non-member', nonMembers, false],
    ] as const) {
      for (const concurrency of LOOKUP_CONCURRENCY) {
        await measure(
          `\`GET /api/v1/entitlements/:sub\`, ${label}`,
          `entitlements, ${label}`,
          LOOKUPS,
          concurrency,
          (i) => entitlements(group[i % group.length]!, member),
        );
      }
    }

    // (c) one purchase repeated with its key: the stored answer, the same subscription.
    const repeated = members[WARM_UP_PURCHASES]!;
    const [key, subscriptionId] = [firstKeys[WARM_UP_PURCHASES]!, firstSubscriptions[WARM_UP_PURCHASES]!];
    for (const concurrency of REPEAT_CONCURRENCY) {
      await measure('the same purchase repeated with its key', 'repeat', REPEATS, concurrency, async () => {
        const res = await purchase(repeated, key);
        const body = (await res.json()) as { subscription?: { id: string } };
        return res.status === 201 && body.subscription?.id === subscriptionId;
      });
    }
    const receipts = await fetch(`${url}/api/me/receipts`, { headers: { cookie: repeated.cookie } });
    const { receipts: held } = (await receipts.json()) as { receipts: unknown[] };
    notes.push(
      `After ${REPEATS * REPEAT_CONCURRENCY.length} repeats the repeated purchase's account holds ${held.length} receipt${held.length === 1 ? '' : 's'}.`,
    );

    // Every purchase queued one membership event for the service; the hub's worker delivers them meanwhile.
    const deadline = Date.now() + 30_000;
    while (receiver.received() < buyers && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    notes.push(`Membership events delivered to the service: ${receiver.received()} of ${buyers} purchases.`);
  } finally {
    await new Promise<void>((resolve) => {
      if (hub.exitCode !== null || hub.signalCode !== null) return resolve();
      hub.once('exit', () => resolve());
      hub.kill('SIGTERM');
    });
    await receiver.close();
    await rm(dataDir, { recursive: true, force: true });
    await database?.drop();
  }

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const where = database ? 'PostgreSQL (a fresh database on the DATABASE_URL server)' : 'embedded PGlite';
  console.log(
    `### Membership on ${database ? 'PostgreSQL' : 'embedded PGlite'} (${new Date().toISOString().slice(0, 10)})`,
  );
  console.log(
    `\nMachine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; database: ${where}; load average ${load1.toFixed(1)} when the run began.\n`,
  );
  console.log('| operation | requests | concurrency | per second | p50 ms | p99 ms | failures |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(r);
  if (hubCpu.length > 0) {
    console.log(
      `\nHub CPU per operation (user + system, all its threads, the database included) — ${hubCpu.join('; ')}.`,
    );
  }
  console.log(`\n${notes.join(' ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
