/**
 * `npm run soak`: N virtual users for M minutes on the journeys people make — sign in, open Mail by single sign-on,
 * send with idempotency keys (some repeated, some doubled), list and read, buy a membership (some repeated), sign
 * out — against the hub(s) and Mail on a PostgreSQL server of the soak's own, optionally behind HAProxy and with
 * one fault injected mid-load. Afterwards it checks its own ledger against the database: every accepted write
 * exactly once. Prints a Markdown report for docs/reliability.md; exits 1 when a check fails. See `--help`.
 */
import { writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { connectPostgres } from '@orbit/db';
import type postgres from 'postgres';
import { postgresBinDir } from '../postgres-server.js';
import { type InjectedFault, injectFault } from './faults.js';
import { SoakContext, VirtualUser } from './journeys.js';
import { parseSoakOptions, type SoakOptions, USAGE, UsageError } from './options.js';
import {
  type AccountPurchaseRows,
  checkLedger,
  duringFault,
  failuresByKind,
  faultReport,
  isServerFailure,
  type MessageRow,
  percentile,
  RECOVERY_LIMIT_MS,
  requestStats,
  unexplainedFailures,
} from './record.js';
import { checkPrerequisites, type Stack, startStack } from './stack.js';

/** Single sign-out must reach every service within this, p99 (issue 18). */
const SIGN_OUT_LIMIT_MS = 5_000;
/** A purchase a crash left pending must be settled within this. */
const SETTLE_LIMIT_MS = 15_000;

interface Check {
  name: string;
  passed: boolean;
  detail: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
/** `3 × 503 service.unavailable, 1 × ECONNRESET` */
const counted = (kinds: readonly [string, number][]): string =>
  kinds.map(([kind, n]) => `${n} × ${kind}`).join(', ');

async function main(): Promise<number> {
  let options: SoakOptions;
  try {
    const parsed = parseSoakOptions(process.argv.slice(2));
    if (parsed === 'help') {
      console.log(USAGE);
      return 0;
    }
    options = parsed;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`soak: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  checkPrerequisites(options, postgresBinDir());
  const loadBefore = loadavg()[0] ?? 0;
  const log = (line: string) => console.error(`soak: ${line}`);

  log(
    `starting PostgreSQL, ${options.hubs} hub(s)${options.proxy === 'haproxy' ? ', HAProxy' : ''} and Mail`,
  );
  const stack = await startStack(options);
  let interrupted = false;
  const ctx = new SoakContext(stack.hubUrl, stack.mailUrl, options.thinkMs);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: ending the load early`);
      interrupted = true;
      ctx.running = false;
    });
  }
  const sql = connectPostgres(stack.databaseUrl, { max: 2, onnotice: () => {} });
  try {
    return await soak(options, stack, ctx, sql, loadBefore, log, () => interrupted);
  } finally {
    await sql.end({ timeout: 5 }).catch(() => {});
    log('stopping the platform');
    await stack.stop();
  }
}

async function soak(
  options: SoakOptions,
  stack: Stack,
  ctx: SoakContext,
  sql: postgres.Sql,
  loadBefore: number,
  log: (line: string) => void,
  interrupted: () => boolean,
): Promise<number> {
  const durationMs = options.seconds * 1000;
  // Users arrive over the first fifth of the run (at most 30 s), as a morning's traffic does.
  const rampMs = Math.min(30_000, durationMs / 5);
  const started = Date.now();
  log(
    `${options.users} users for ${options.seconds} s${options.fault ? `, ${options.fault} at ${options.faultAt} s` : ''}`,
  );

  const memory = setInterval(() => void stack.sampleMemory(), 2_000);
  const progress = setInterval(() => {
    const failed = ctx.samples.filter((s) => !s.ok).length;
    log(
      `${Math.round((Date.now() - started) / 1000)} s: ${ctx.samples.length} requests, ${failed} failed, ` +
        `${ctx.sends.length} sends, ${ctx.purchases.length} purchases, ${ctx.signOuts.length} sign-outs`,
    );
  }, 30_000);
  const users = Array.from({ length: options.users }, async (_, i) => {
    await sleep((rampMs * i) / options.users);
    if (ctx.running) await new VirtualUser(ctx, i).run();
  });

  const faults: InjectedFault[] = [];
  const faultDone = (async () => {
    if (!options.fault) return;
    await sleep(options.faultAt * 1000);
    if (!ctx.running) return;
    log(`injecting ${options.fault}`);
    const injected = await injectFault(options.fault, stack, ctx, sql);
    faults.push(injected);
    log(`${options.fault}: back after ${seconds(injected.endedAt - injected.startedAt)}`);
  })();

  const deadline = started + durationMs;
  while (Date.now() < deadline && ctx.running) await sleep(250);
  ctx.running = false;
  const loadEnded = Date.now();
  log('load over; waiting for the journeys in flight');
  await faultDone;
  await Promise.race([Promise.all(users), sleep(60_000)]);
  clearInterval(progress);
  clearInterval(memory);
  await stack.sampleMemory();

  // Anything a crash left pending is for the recovery job; give it its limit before reading the books.
  for (let i = 0; i < (SETTLE_LIMIT_MS + 5_000) / 250; i++) {
    const [row] = await sql<{ pending: number }[]>`
      select count(*)::int as pending from membership.purchases where status = 'pending'`;
    if (row?.pending === 0) break;
    await sleep(250);
  }
  const messages = await sql<MessageRow[]>`
    select subject, owner_sub::text as "ownerSub", folder, id::text from mail.messages where subject like 'soak %'`;
  const accountIds = [...new Set(ctx.purchases.map((p) => p.accountId).filter(Boolean))];
  const accounts = await sql<AccountPurchaseRows[]>`
    select a.id::text as "accountId",
      (select count(*)::int from membership.ledger_entries l where l.account_id = a.id and l.kind = 'charge') as charges,
      coalesce((select array_agg(s.id::text) from membership.subscriptions s
                where s.account_id = a.id and s.source = 'purchase'), '{}') as subscriptions,
      (select count(*)::int from membership.purchases p where p.account_id = a.id and p.status = 'pending') as pending
    from identity.accounts a where a.id = any(${accountIds}::uuid[])`;
  const ledger = checkLedger(ctx.sends, ctx.purchases, messages, accounts);

  // ---- the report
  const samples = ctx.samples;
  const runMs = loadEnded - started;
  const stats = requestStats(samples);
  const serverFailures = samples.filter(isServerFailure);
  const unexplained = unexplainedFailures(samples, faults);
  const fives = samples.filter((s) => s.status === 500);
  const quietSignOuts = ctx.signOuts.filter(
    (s) => !faults.some((f) => duringFault({ name: '', at: s.at, ms: s.ms, status: 0, ok: false }, f)),
  );
  const signOutMs = quietSignOuts.map((s) => s.ms).sort((a, b) => a - b);
  const allSignOutMs = ctx.signOuts.map((s) => s.ms).sort((a, b) => a - b);
  const faultReports = faults.map((f) => ({ injected: f, report: faultReport(samples, f) }));
  const processes = [...stack.hubs, stack.mail];
  const exits = stack.events.filter((e) => e.what === 'exited');
  const unexplainedExits = exits.filter(
    (e) => !faults.some((f) => !f.fault.startsWith('db-') && e.at >= f.startedAt && e.at <= f.endedAt),
  );

  const checks: Check[] = [
    {
      name: 'no request failed for a server reason outside a fault',
      passed: unexplained.length === 0,
      detail:
        unexplained.length === 0
          ? serverFailures.length === 0
            ? 'none failed'
            : `${serverFailures.length} server failure(s), all while a fault was on`
          : `${unexplained.length}: ${counted(failuresByKind(unexplained))}`,
    },
    {
      name: 'no 500 answered',
      passed: fives.length === 0,
      detail:
        fives.length === 0 ? 'none' : `${fives.length}, first: ${fives[0]!.name} ${fives[0]!.code ?? ''}`,
    },
    {
      name: 'every accepted write exists',
      passed: ledger.lost.length === 0,
      detail: ledger.lost.length === 0 ? 'none lost' : ledger.lost.slice(0, 5).join('; '),
    },
    {
      name: 'no write doubled, and one key always got one answer',
      passed: ledger.doubled.length === 0,
      detail: ledger.doubled.length === 0 ? 'none doubled' : ledger.doubled.slice(0, 5).join('; '),
    },
    {
      name: 'no purchase left pending',
      passed: ledger.pending.length === 0,
      detail: ledger.pending.length === 0 ? 'none' : ledger.pending.slice(0, 5).join('; '),
    },
    {
      name: `sign-out ends the Mail session within ${seconds(SIGN_OUT_LIMIT_MS)} (p99)`,
      passed: signOutMs.length > 0 && percentile(signOutMs, 99) <= SIGN_OUT_LIMIT_MS,
      detail:
        signOutMs.length === 0
          ? 'no sign-out outside a fault'
          : `p99 ${seconds(percentile(signOutMs, 99))} over ${signOutMs.length} sign-outs outside a fault`,
    },
    {
      name: 'no process exited but by the fault',
      passed: unexplainedExits.length === 0,
      detail:
        unexplainedExits.length === 0
          ? exits.length === 0
            ? 'none exited'
            : `${exits.length} exit(s), each the fault's`
          : unexplainedExits.map((e) => `${e.process} (${e.detail})`).join(', '),
    },
  ];
  for (const { injected, report } of faultReports) {
    checks.push({
      name: `${injected.fault}: serving again within ${seconds(RECOVERY_LIMIT_MS)} of the fault's end`,
      passed: report.servingAgainAfterMs <= RECOVERY_LIMIT_MS,
      detail: `last failure ${seconds(report.servingAgainAfterMs)} after it`,
    });
    if (injected.readinessFirst !== undefined) {
      checks.push({
        name: 'sigterm: readiness turned false before the hub stopped listening',
        passed: injected.readinessFirst,
        detail: injected.notes.join('; '),
      });
      const resets = samples.filter(
        (s) => duringFault(s, injected) && (s.code === 'ECONNRESET' || s.code === 'UND_ERR_SOCKET'),
      );
      checks.push({
        name: 'sigterm: no in-flight request was reset',
        passed: resets.length === 0,
        detail: resets.length === 0 ? 'none' : `${resets.length}, first: ${resets[0]!.name}`,
      });
    }
    if (injected.fault === 'kill-during-purchase') {
      checks.push({
        name: `kill-during-purchase: pending purchases settled within ${seconds(SETTLE_LIMIT_MS)}`,
        passed: injected.settledAfterMs !== undefined && injected.settledAfterMs <= SETTLE_LIMIT_MS,
        detail: injected.notes.join('; '),
      });
    }
  }
  if (interrupted()) checks.push({ name: 'the run was not interrupted', passed: false, detail: 'Ctrl-C' });

  const date = new Date().toISOString().slice(0, 10);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const out: string[] = [];
  out.push(
    `### ${date}: ${options.users} users, ${options.seconds % 60 === 0 ? `${options.seconds / 60} min` : `${options.seconds} s`}` +
      `${options.fault ? `, fault \`${options.fault}\` at ${options.faultAt} s` : ', no fault'}\n`,
  );
  out.push(
    `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load ` +
      `average ${loadBefore.toFixed(1)} when the run began. ${stack.describe()}; the load from the soak's process ` +
      `over loopback. Think time ${options.thinkMs} ms on average between steps; users arrived over the first ` +
      `${seconds(rampMs)}.\n`,
  );
  out.push(
    `${samples.length.toLocaleString('en')} requests in ${seconds(runMs)} (${(samples.length / (runMs / 1000)).toFixed(0)}/s); ` +
      `${serverFailures.length} server failure(s) (5xx or no answer), ${samples.filter((s) => !s.ok && !isServerFailure(s)).length} other unexpected answer(s). ` +
      `Writes: ${ledger.sendsAccepted} sends accepted (${ledger.sendsUnanswered} unanswered), ` +
      `${ledger.purchasesAccepted} purchases accepted (${ledger.purchasesUnanswered} unanswered); ` +
      `**${ledger.lost.length} lost, ${ledger.doubled.length} doubled**. Sign-out reached Mail in ` +
      `p50 ${seconds(percentile(allSignOutMs, 50))}, p99 ${seconds(percentile(allSignOutMs, 99))}, ` +
      `max ${seconds(allSignOutMs.at(-1) ?? 0)} (${allSignOutMs.length} sign-outs).\n`,
  );
  out.push('| request | count | failed | p50 ms | p99 ms | max ms |');
  out.push('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const s of stats) {
    out.push(`| ${s.name} | ${s.count} | ${s.failures} | ${s.p50} | ${s.p99} | ${s.max} |`);
  }
  const kinds = failuresByKind(samples);
  out.push(`\nFailures by kind: ${kinds.length === 0 ? 'none' : counted(kinds)}.\n`);
  const failedNames = stats.filter((s) => s.failures > 0).map((s) => s.name);
  if (failedNames.length > 0) {
    out.push(
      `By request: ${failedNames
        .map((name) => `${name}: ${counted(failuresByKind(samples.filter((s) => s.name === name)))}`)
        .join('; ')}.\n`,
    );
  }
  if (faultReports.length > 0) {
    out.push('| fault | what | back after | error window | last failure after the end | failures |');
    out.push('| --- | --- | ---: | ---: | ---: | --- |');
    for (const { injected, report } of faultReports) {
      out.push(
        `| ${injected.fault} at ${seconds(injected.startedAt - started)} | ${[injected.action, ...injected.notes].join('; ')} | ` +
          `${seconds(injected.endedAt - injected.startedAt)} | ${seconds(report.errorWindowMs)} | ` +
          `${seconds(report.servingAgainAfterMs)} | ${report.failures.length === 0 ? 'none' : counted(report.failures)} |`,
      );
    }
    out.push('');
  }
  // Memory once the users have all arrived, half-way and at the end: flat means no leak.
  const settled = started + rampMs + 30_000;
  const half = started + runMs / 2;
  out.push('| process | starts | memory after ramp-up | half-way | at the end | max | warnings | errors |');
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const p of processes) {
    const starts = stack.events.filter((e) => e.process === p.name && e.what === 'started').length;
    out.push(
      `| ${p.name} | ${starts} | ${mib(p.rssAt(settled))} | ${mib(p.rssAt(half))} | ${mib(p.rssAt(loadEnded))} | ` +
        `${mib(p.maxRss)} | ${p.logged.warn} | ${p.logged.error + p.logged.fatal} |`,
    );
  }
  out.push('');
  for (const c of checks) out.push(`- ${c.passed ? '✓' : '✗'} ${c.name}: ${c.detail}`);
  console.log(out.join('\n'));

  const failed = checks.filter((c) => !c.passed);
  if (options.json) {
    await writeFile(
      options.json,
      JSON.stringify({
        numPassedTests: checks.length - failed.length,
        numFailedTests: failed.length,
        success: failed.length === 0,
        testResults: [
          {
            name: 'soak',
            status: failed.length === 0 ? 'passed' : 'failed',
            assertionResults: checks.map((c) => ({
              fullName: `soak > ${c.name}`,
              status: c.passed ? 'passed' : 'failed',
              failureMessages: c.passed ? [] : [c.detail],
            })),
          },
        ],
      }),
    );
  }
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('soak:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
