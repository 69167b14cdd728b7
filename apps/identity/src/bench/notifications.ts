/**
 * `npm run bench` (notifications): what the bell costs, against a real hub process. Issue 19 asks, on PostgreSQL,
 * for 1,000 notifications accepted a second, and for 1,000 open notification streams on one hub with delivery
 * p99 under a second.
 *
 * 1. **Accepted per second**: `POST /api/v1/notifications` with a service's `client_credentials` token
 *    (`notifications:write`), each to one of RECIPIENTS accounts at random, from one of ACTORS at random (the
 *    hub checks blocks and mutes between them), grouped (`groupKey`: one of GROUP_KEYS posts of the recipient, so
 *    a like joins an unread group of the same post or starts one), at concurrency 1 and 8.
 * 2. **Live delivery**: STREAMS of the recipients hold the bell's stream open (`GET /api/notifications/stream`,
 *    Server-Sent Events, one each, with a session cookie); notifications go out at a steady RATE a second for
 *    SECONDS seconds, each to a stream's account that has none on its way; its delivery time is from the send to
 *    the `unread` event arriving on that account's stream.
 *
 * Accounts and sessions are written straight into the hub's tables before the hub starts (sign-ups would measure
 * argon2). The hub runs on embedded PGlite, or on a fresh database on the PostgreSQL server `DATABASE_URL` names,
 * as `ORBIT_HUB_PROCESSES` processes (default 1). Results are printed as Markdown for docs/performance.md.
 */
import { randomUUID } from 'node:crypto';
import { Agent, type IncomingMessage, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { defineManifest, type NotifyInput } from '@orbit/contracts';
import { randomToken, sha256 } from '../crypto.js';
import { sessions } from '../db/schema.js';
import { percentile } from '../net.js';
import { beforeHubStarts } from './clients.js';
import { benchHub, CHUNK, clientCredentialsToken, printResults, writeBenchAccounts } from './hub-process.js';
import { type CpuSample, cpuMeter, cpuPerOp, databaseCpu, load, loadClient, row } from './load.js';

const RECIPIENTS = 2000;
const ACTORS = 200;
const GROUP_KEYS = 3;
const SENDS = Number(process.env.ORBIT_BENCH_NOTIFY_REQUESTS ?? 3000);
const CONCURRENCY = [1, 8];
const WARM_UP = 300;
const STREAMS = Number(process.env.ORBIT_BENCH_STREAMS ?? 1000);
const RATE = Number(process.env.ORBIT_BENCH_STREAM_RATE ?? 100);
const SECONDS = Number(process.env.ORBIT_BENCH_STREAM_SECONDS ?? 10);
/** A send whose event has not arrived this long after the last send counts as lost. */
const GRACE_MS = 5000;

/** A service that notifies people (Space, say), as far as the hub cares. */
const serviceManifest = defineManifest({
  id: 'space',
  name: 'Space',
  description: 'The benchmark stands in for a service that notifies its users.',
  icon: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="9"/></svg>',
  defaultPort: 4102,
  scopes: ['openid', 'profile'],
  hubScopes: ['notifications:write'],
});

const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)]!;

/** A like of one of the recipient's posts by a random actor: grouped with the other likes of that post. */
function like(recipient: string, actors: string[]): NotifyInput {
  const post = Math.floor(Math.random() * GROUP_KEYS);
  return {
    recipient,
    type: 'space.like',
    category: 'space.likes',
    groupKey: `post:${post}`,
    actor: pick(actors),
    target: `post:${post}`,
    url: `https://space.example/posts/${post}`,
    text: { en: '{actors} liked your post', 'zh-CN': '{actors} 赞了你的帖子' },
  };
}

/**
 * One account's open bell stream: calls `onUnread` with each `unread` event's count, as it arrives. Resolves once
 * the first event (the count when the stream opened) is in.
 */
function openStream(
  url: string,
  agent: Agent,
  cookie: string,
  onUnread: (unread: number) => void,
): Promise<IncomingMessage> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        hostname,
        port,
        path: '/api/notifications/stream',
        headers: { cookie, accept: 'text/event-stream' },
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`bench: the stream answered ${res.statusCode}`));
          return;
        }
        let buffer = '';
        let first = true;
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (!event.startsWith('event: unread')) continue;
            const data = event.slice(event.indexOf('data: ') + 6);
            const { unread } = JSON.parse(data) as { unread: number };
            if (first) {
              first = false;
              resolve(res);
            } else onUnread(unread);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function main() {
  const load1 = loadavg()[0] ?? 0;
  const setup = await benchHub('notifications');
  const { url, database } = setup;

  const recipients = Array.from({ length: RECIPIENTS }, () => randomUUID());
  const actors = Array.from({ length: ACTORS }, () => randomUUID());
  /** The session cookie of each of the first STREAMS recipients. */
  const cookies: string[] = [];
  const { clientSecret } = await beforeHubStarts(setup.env, async (services, db) => {
    const now = new Date();
    await writeBenchAccounts(db, [...recipients, ...actors], 'nb', 8_100_000_000);
    const rows = recipients.slice(0, STREAMS).map((accountId) => {
      const token = randomToken();
      cookies.push(`orbit_session=${token}`);
      return {
        accountId,
        tokenHash: sha256(token),
        authMethods: ['pwd'],
        authTime: now,
        passwordAt: now,
        userAgent: 'bench',
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + 24 * 60 * 60 * 1000),
      };
    });
    for (let i = 0; i < rows.length; i += CHUNK) await db.insert(sessions).values(rows.slice(i, i + CHUNK));
    return services.serviceRegistry.register(serviceManifest, 'http://localhost:9');
  });
  if (!clientSecret) throw new Error('bench: the service was registered without a client secret');

  const rows: string[] = [];
  const cpuRows: string[] = [];
  const notes: string[] = [];
  const outcomes = new Map<string, number>();
  const dbCpu = databaseCpu(database?.url);
  const client = loadClient(url, 64);
  const streamAgent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const open: IncomingMessage[] = [];
  let hubPid: number | undefined;
  const cpu = cpuMeter(() => hubPid, dbCpu);
  const per = (before: CpuSample, after: CpuSample, count: number) =>
    cpuPerOp(before, after, count, cpus().length);
  try {
    hubPid = (await setup.start()).pid;
    const token = await clientCredentialsToken(url, 'space', clientSecret, 'notifications:write');
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const send = async (input: NotifyInput): Promise<boolean> => {
      const res = await client.send('POST', '/api/v1/notifications', headers, JSON.stringify(input));
      if (res.status !== 202) return false;
      const { outcome } = JSON.parse(res.text) as { outcome: string };
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      return true;
    };

    // 1. Accepted per second, no stream open.
    await load(WARM_UP, 8, () => send(like(pick(recipients), actors)));
    outcomes.clear();
    for (const concurrency of CONCURRENCY) {
      const before = await cpu();
      const timing = await load(SENDS, concurrency, () => send(like(pick(recipients), actors)));
      const after = await cpu();
      rows.push(row('`POST /api/v1/notifications`, grouped, no stream open', SENDS, concurrency, timing));
      cpuRows.push(`accepted at ${concurrency}: ${per(before, after, SENDS)}`);
    }
    notes.push(
      `Outcomes of the timed sends: ${[...outcomes].map(([outcome, n]) => `${n} ${outcome}`).join(', ')} (${RECIPIENTS} recipients, ${GROUP_KEYS} posts each, ${ACTORS} actors).`,
    );

    // 2. Live delivery to STREAMS open streams.
    if (STREAMS > 0 && RATE * SECONDS > 0) {
      const streamers = recipients.slice(0, STREAMS);
      /** When the send on its way to each account started (performance.now()), while its event is awaited. */
      const waiting = new Map<string, number>();
      const deliveries: number[] = [];
      let stray = 0;
      const opened = await load(STREAMS, 50, async (i) => {
        const account = streamers[i]!;
        const res = await openStream(url, streamAgent, cookies[i]!, () => {
          const sentAt = waiting.get(account);
          if (sentAt === undefined) {
            stray++;
            return;
          }
          waiting.delete(account);
          deliveries.push(performance.now() - sentAt);
        });
        open.push(res);
        return true;
      });
      if (opened.failures > 0) throw new Error(`bench: ${opened.failures} streams failed to open`);

      const total = RATE * SECONDS;
      let sent = 0;
      let refused = 0;
      const inFlight = new Set<Promise<void>>();
      const before = await cpu();
      const started = performance.now();
      while (sent < total) {
        const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * RATE));
        for (; sent < due; sent++) {
          // An account with no send on its way, so each event answers exactly one send.
          let account = pick(streamers);
          for (let tries = 0; waiting.has(account) && tries < 20; tries++) account = pick(streamers);
          if (waiting.has(account)) continue;
          waiting.set(account, performance.now());
          const p = send(like(account, actors)).then(
            (ok) => {
              if (!ok) {
                refused++;
                waiting.delete(account);
              }
            },
            () => {
              refused++;
              waiting.delete(account);
            },
          );
          inFlight.add(p);
          void p.finally(() => inFlight.delete(p));
        }
        await new Promise((r) => setTimeout(r, 5));
      }
      const sendingSeconds = (performance.now() - started) / 1000;
      await Promise.all(inFlight);
      const graceUntil = performance.now() + GRACE_MS;
      while (waiting.size > 0 && performance.now() < graceUntil) await new Promise((r) => setTimeout(r, 20));
      const after = await cpu();
      const lost = waiting.size;
      deliveries.sort((a, b) => a - b);
      rows.push(
        `| live delivery: send → \`unread\` event on the recipient's stream, ${STREAMS} streams open, ${RATE}/s for ${SECONDS} s | ${deliveries.length} | – | ${(total / sendingSeconds).toFixed(0)} | ${percentile(deliveries, 50).toFixed(2)} | ${percentile(deliveries, 99).toFixed(2)} | ${lost + refused} |`,
      );
      cpuRows.push(`live, per notification delivered: ${per(before, after, Math.max(1, deliveries.length))}`);
      notes.push(
        `Live delivery: ${deliveries.length} events matched their sends (max ${(deliveries.at(-1) ?? 0).toFixed(0)} ms), ${lost} never arrived within ${GRACE_MS / 1000} s, ${refused} sends were refused, ${stray} events came with no send awaiting them.`,
      );
    }
  } finally {
    for (const res of open) res.destroy();
    streamAgent.destroy();
    client.close();
    await dbCpu.end();
    await setup.close();
  }

  printResults(
    'Notifications',
    setup,
    load1,
    rows,
    `CPU per notification (user + system, every thread; on PGlite the hub's includes the database) — ${cpuRows.join('; ')}.`,
    notes,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
