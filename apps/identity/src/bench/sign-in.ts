/**
 * `npm run bench`: sign-in throughput and latency against a real hub process, plus what one sign-in costs.
 * The hub runs as its own process (as in production) on embedded PGlite, or on `DATABASE_URL` when set; the
 * load comes from this process over loopback. Results are printed as Markdown for docs/performance.md.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verify } from '@node-rs/argon2';
import { argon2Params, checkPasswordPolicy, hashPassword } from '../accounts/index.js';
import { freePort, percentile } from '../net.js';
import { cpuMsOf } from './load.js';

const ACCOUNTS = 40;
const SIGN_INS = 400;
const CONCURRENCY = [1, 4, 16];
const PASSWORD = 'benchmark passphrase 42';

async function argon2Cost() {
  const runs = 20;
  const hash = await hashPassword(PASSWORD);
  let started = performance.now();
  for (let i = 0; i < runs; i++) await hashPassword(PASSWORD);
  const hashMs = (performance.now() - started) / runs;
  started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < runs; i++) await verify(hash, PASSWORD);
  const verifyMs = (performance.now() - started) / runs;
  // CPU, not wall time: what one verification costs whichever thread runs it (libuv's pool here).
  const used = process.cpuUsage(cpuBefore);
  const verifyCpuMs = (used.user + used.system) / 1000 / runs;
  return { hashMs, verifyMs, verifyCpuMs };
}

/**
 * What the password policy (common list and zxcvbn) costs on the longest, most repetitive passwords it accepts
 * to check: the hostile case of a sign-up or password change. Mean ms per password over 10 rounds.
 */
function policyCost(): number {
  const hostile = ['p4ssw0rd'.repeat(32), '1!'.repeat(128), 'aB3$'.repeat(64), '$'.repeat(256)];
  const inputs = ['alice', 'Alice Liddell', 'alice@example.com'];
  const rounds = 10;
  const check = (password: string) => {
    try {
      checkPasswordPolicy(password, 'password', inputs);
    } catch {
      // Refused or not, the cost is the point.
    }
  };
  check('warm up the estimator');
  const started = performance.now();
  for (let i = 0; i < rounds; i++) for (const password of hostile) check(password);
  return (performance.now() - started) / (rounds * hostile.length);
}

async function startHub() {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'orbit-bench-'));
  const child = spawn(process.execPath, [fileURLToPath(new URL('../main.js', import.meta.url))], {
    env: {
      ...process.env,
      PORT: String(port),
      ORBIT_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ORBIT_TRUST_PROXY: 'true',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = `http://localhost:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid,
    stop: async () => {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function run(
  url: string,
  identifiers: string[],
  concurrency: number,
  password: string,
  expected: number,
  count = SIGN_INS,
) {
  const latencies: number[] = [];
  let next = 0;
  let unexpected = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        const res = await fetch(`${url}/api/sessions`, {
          method: 'POST',
          // Each request from its own address, so the per-IP limit measures nothing here.
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.${i >> 8}.${i & 255}` },
          body: JSON.stringify({ identifier: identifiers[i % identifiers.length], password }),
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (res.status !== expected) unexpected++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: count / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    unexpected,
  };
}

async function main() {
  const cost = await argon2Cost();
  const policyMs = policyCost();
  const hub = await startHub();
  try {
    const identifiers: string[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const res = await fetch(`${hub.url}/api/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.8.0.${i}` },
        body: JSON.stringify({
          handle: `bench${i}x${Date.now().toString(36)}`,
          displayName: 'Bench',
          password: PASSWORD,
        }),
      });
      if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
      identifiers.push(((await res.json()) as { account: { accountNumber: string } }).account.accountNumber);
    }
    const rows: string[] = [];
    let hubCpuPerSignIn: number | undefined;
    for (const concurrency of CONCURRENCY) {
      const cpuBefore = await cpuMsOf(hub.pid);
      const ok = await run(hub.url, identifiers, concurrency, PASSWORD, 200);
      const cpuAfter = await cpuMsOf(hub.pid);
      if (concurrency === 1 && cpuBefore !== undefined && cpuAfter !== undefined)
        hubCpuPerSignIn = (cpuAfter - cpuBefore) / SIGN_INS;
      rows.push(
        `| correct password | ${concurrency} | ${ok.perSecond.toFixed(1)} | ${ok.p50.toFixed(1)} | ${ok.p99.toFixed(1)} | ${ok.unexpected} |`,
      );
    }
    // Wrong passwords cost the same argon2 work plus two throttle upserts; spread over accounts to stay under
    // the per-account lock (10 failures), which a longer run would hit by design.
    const wrong = await run(hub.url, identifiers, 4, 'not the password', 401, ACCOUNTS * 9);
    rows.push(
      `| wrong password (${ACCOUNTS * 9}) | 4 | ${wrong.perSecond.toFixed(1)} | ${wrong.p50.toFixed(1)} | ${wrong.p99.toFixed(1)} | ${wrong.unexpected} |`,
    );
    // An unknown account must cost what a wrong password costs (no enumeration by timing).
    const ghosts = Array.from({ length: ACCOUNTS * 9 }, (_, i) => `ghost${i}x${Date.now().toString(36)}`);
    const unknown = await run(hub.url, ghosts, 4, 'not the password', 401, ghosts.length);
    rows.push(
      `| unknown account (${ghosts.length}) | 4 | ${unknown.perSecond.toFixed(1)} | ${unknown.p50.toFixed(1)} | ${unknown.p99.toFixed(1)} | ${unknown.unexpected} |`,
    );
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    console.log(`## Sign-in (${new Date().toISOString().slice(0, 10)})`);
    console.log(
      `\nMachine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; database: ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite'}.`,
    );
    console.log(
      `\nargon2id m=${argon2Params().memoryCost} KiB, t=${argon2Params().timeCost}, p=${argon2Params().parallelism}: hash ${cost.hashMs.toFixed(1)} ms, verify ${cost.verifyMs.toFixed(1)} ms (mean of 20, one at a time).`,
    );
    console.log(
      `\n${SIGN_INS} sign-ins per row over ${ACCOUNTS} accounts, HTTP over loopback to a separate hub process.\n`,
    );
    console.log('| case | concurrency | sign-ins/s | p50 ms | p99 ms | unexpected statuses |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const row of rows) console.log(row);
    console.log(
      `\nPassword policy on hostile input (256-character repetitive and l33t passwords, checked at sign-up and password change): ${policyMs.toFixed(1)} ms per password (mean of 40).`,
    );
    if (hubCpuPerSignIn !== undefined) {
      // Issue 17: everything but the hash is under a tenth of a sign-in's CPU.
      const rest = hubCpuPerSignIn - cost.verifyCpuMs;
      console.log(
        `\nHub CPU per correct-password sign-in (concurrency 1, all its threads${process.env.DATABASE_URL ? '' : ', PGlite included'}): ${hubCpuPerSignIn.toFixed(1)} ms, of which one argon2id verification ${cost.verifyCpuMs.toFixed(1)} ms; everything else ${rest.toFixed(1)} ms, ${((100 * rest) / hubCpuPerSignIn).toFixed(0)} % (target: under 10 %).`,
      );
    }
  } finally {
    await hub.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
