/**
 * `npm run bench` (passkeys): how many passkey assertions the hub can check per second.
 *
 * 1. `verifyAuthenticationResponse` alone (`@simplewebauthn/server`, ES256), in this process, on assertions made
 *    before the timed loop — the library's own cost — beside the raw ECDSA P-256 verification it is built on.
 * 2. The hub's passwordless sign-in over HTTP against a real hub process: `POST /api/sign-in/passkey/options`
 *    (a fresh challenge, so nothing can be made ahead), the authenticator's signature, `POST /api/sign-in/passkey`
 *    (challenge spent, assertion verified, session started). The whole round trip is timed.
 *
 * The hub runs on embedded PGlite, or on a fresh database on the PostgreSQL server `DATABASE_URL` names (made
 * here and dropped at the end). Assertions come from `@orbit/authenticator` (a devDependency), so this runs from
 * a development install. Results are printed as Markdown for docs/performance.md.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SoftAuthenticator } from '@orbit/authenticator';
import { createTestDatabase } from '@orbit/db/testing';
import { freePort, percentile } from '../net.js';
import { load, row } from './load.js';
import { measureVerification, VERIFICATIONS } from './passkey-verification.js';

const SIGN_INS = 400;
/** Divisible by every concurrency level: each worker signs in with its own accounts (no counter races). */
const ACCOUNTS = 48;
const CONCURRENCY = [1, 4, 16];
const PASSWORD = 'benchmark passphrase 42';

/** A cookie jar for one client of the hub: `name=value` pairs by name. */
class Cookies {
  private readonly jar = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      this.jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  }
  header(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

async function startHub(databaseUrl: string | undefined) {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'orbit-bench-passkeys-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    ORBIT_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // Every bench account signs up from this one address.
    ORBIT_SIGN_UPS_PER_IP_HOUR: '0',
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  // ORBIT_BENCH_PROFILE=<dir>: the hub writes a CPU profile there when it stops (as in the other benches).
  const profile = process.env.ORBIT_BENCH_PROFILE
    ? ['--cpu-prof', '--cpu-prof-dir', process.env.ORBIT_BENCH_PROFILE]
    : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...profile, fileURLToPath(new URL('../main.js', import.meta.url))],
    {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const ready = async () =>
    fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; !(await ready()); i++) {
      if (child.exitCode !== null)
        throw new Error(`the hub exited (code ${child.exitCode}) before it was ready`);
      if (i >= 300) throw new Error(`the hub was not ready at ${url}/readyz after 30 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/** An account made at the hub with a password, then given a passkey (as the portal's account page does). */
async function accountWithPasskey(hubUrl: string, n: number): Promise<SoftAuthenticator> {
  const cookies = new Cookies();
  const post = async (path: string, body: unknown, csrfToken?: string) => {
    const res = await fetch(`${hubUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: hubUrl,
        cookie: cookies.header(),
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      },
      body: JSON.stringify(body ?? {}),
    });
    cookies.take(res);
    if (res.status >= 300) throw new Error(`bench: ${path} answered ${res.status} ${await res.text()}`);
    // biome-ignore lint/suspicious/noExplicitAny: the hub's bodies, read loosely
    return (await res.json()) as any;
  };
  const handle = `pk${n}x${Date.now().toString(36)}`;
  const { csrfToken } = await post('/api/accounts', { handle, displayName: 'Bench', password: PASSWORD });
  const authenticator = new SoftAuthenticator({ origin: hubUrl });
  const { options } = await post('/api/me/passkeys/registration-options', undefined, csrfToken);
  await post('/api/me/passkeys', { response: await authenticator.register(options) }, csrfToken);
  return authenticator;
}

/** How long each of a sign-in's two requests took (ms), to say where the time goes. */
interface Split {
  options: number[];
  assertion: number[];
}

/** One passwordless sign-in, as the portal's "Sign in with a passkey" button does it. */
async function passkeySignIn(
  hubUrl: string,
  authenticator: SoftAuthenticator,
  split?: Split,
): Promise<boolean> {
  const headers = { 'content-type': 'application/json', origin: hubUrl };
  const t0 = performance.now();
  const started = await fetch(`${hubUrl}/api/sign-in/passkey/options`, { method: 'POST', headers });
  if (started.status !== 200) return false;
  const { options } = (await started.json()) as { options: Parameters<SoftAuthenticator['authenticate']>[0] };
  const ceremony = started.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('orbit_webauthn_ceremony='));
  const t1 = performance.now();
  const response = await authenticator.authenticate(options);
  const t2 = performance.now();
  const signedIn = await fetch(`${hubUrl}/api/sign-in/passkey`, {
    method: 'POST',
    headers: { ...headers, cookie: ceremony ?? '' },
    body: JSON.stringify({ response }),
  });
  await signedIn.arrayBuffer();
  split?.options.push(t1 - t0);
  split?.assertion.push(performance.now() - t2);
  return signedIn.status === 200;
}

async function main() {
  const load1 = loadavg()[0] ?? 0;
  const cost = await measureVerification();
  const database = process.env.DATABASE_URL ? await createTestDatabase(process.env.DATABASE_URL) : undefined;
  const signIns: string[] = [];
  const splits: string[] = [];
  let hub: Awaited<ReturnType<typeof startHub>> | undefined;
  try {
    hub = await startHub(database?.url);
    const { url } = hub;
    const authenticators: SoftAuthenticator[] = [];
    for (let n = 0; n < ACCOUNTS; n++) authenticators.push(await accountWithPasskey(url, n));
    await load(40, 4, (i) => passkeySignIn(url, authenticators[i % ACCOUNTS]!)); // warm-up
    for (const concurrency of CONCURRENCY) {
      // Worker w signs in as accounts w, w + c, w + 2c…: one credential is never in two ceremonies at once.
      const cursors = new Array<number>(concurrency).fill(0);
      const split: Split = { options: [], assertion: [] };
      const timing = await load(SIGN_INS, concurrency, (_, worker) => {
        const k = cursors[worker]!++;
        const account = (worker + k * concurrency) % ACCOUNTS;
        return passkeySignIn(url, authenticators[account]!, split);
      });
      const median = (values: number[]) =>
        percentile(
          [...values].sort((a, b) => a - b),
          50,
        ).toFixed(2);
      splits.push(
        `concurrency ${concurrency}: options ${median(split.options)} ms, assertion ${median(split.assertion)} ms`,
      );
      signIns.push(
        row('passwordless sign-in (options + assertion + session)', SIGN_INS, concurrency, timing),
      );
    }
  } finally {
    await hub?.stop();
    await database?.drop();
  }

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const where = database ? 'PostgreSQL (a fresh database on the DATABASE_URL server)' : 'embedded PGlite';
  console.log(
    `## Passkey assertions on ${database ? 'PostgreSQL' : 'embedded PGlite'} (${new Date().toISOString().slice(0, 10)})`,
  );
  console.log(
    `\nMachine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; database: ${where}; load average ${load1.toFixed(1)} when the run began.`,
  );
  console.log(
    `\nRaw ECDSA P-256 verification of one signature: node:crypto ${(cost.nodeMs * 1000).toFixed(0)} µs, WebCrypto importKey + verify ${(cost.webcryptoMs * 1000).toFixed(0)} µs (mean of ${VERIFICATIONS}, one at a time).\n`,
  );
  console.log('| operation | requests | concurrency | per second | p50 ms | p99 ms | failures |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const { concurrency, timing } of cost.library) {
    console.log(
      row('`verifyAuthenticationResponse` (ES256, in process)', VERIFICATIONS, concurrency, timing),
    );
  }
  for (const line of signIns) console.log(line);
  console.log(`\nMedian of each request of a sign-in — ${splits.join('; ')}.`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
