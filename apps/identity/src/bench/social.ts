/**
 * `npm run bench` (social): what the social graph costs a service, against a real hub process —
 * `POST /api/v1/social/relationships` with 100 ids per request and a `client_credentials` token (`social:read`),
 * as the SDK asks on a cache miss (`orbit.social.relationships`, `canSeeAll`). Issue 19 asks for 2,000 such
 * batches a second on PostgreSQL.
 *
 * The graph is written straight into the hub's tables before the hub starts (no sign-ups: they would measure
 * argon2): VIEWERS accounts, each with FRIENDS friends spread over three groups and the default one, BLOCKS
 * accounts it blocked, as many that blocked it and MUTES muted ones, among OTHERS accounts. Each request asks
 * for one viewer's view of 100 of the others, every fifth one from where its friends start: friends (about two
 * fifths), blocked and blocking accounts, muted ones and strangers. The hub runs on
 * embedded PGlite, or on a fresh database on the PostgreSQL server `DATABASE_URL` names (made here and dropped at
 * the end). Results are printed as Markdown for docs/performance.md.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineManifest, MAX_RELATIONSHIP_BATCH } from '@orbit/contracts';
import { createTestDatabase } from '@orbit/db/testing';
import { accounts } from '../db/schema.js';
import { freePort } from '../net.js';
import { blocks, friendGroups, friendships, mutes } from '../social/index.js';
import { beforeHubStarts } from './clients.js';
import { cpuMsOf, load, row, type Timing } from './load.js';

const VIEWERS = 20;
const OTHERS = 1000;
const FRIENDS = 200;
const BLOCKS = 10;
const MUTES = 10;
const GROUPS = 3;
const REQUESTS = Number(process.env.ORBIT_BENCH_SOCIAL_REQUESTS ?? 4000);
const CONCURRENCY = [1, 8];
const WARM_UP = 500;
/** Inserted this many rows at a time. */
const CHUNK = 500;

/** A service that reads the graph (Space, say), as far as the hub cares. */
const serviceManifest = defineManifest({
  id: 'space',
  name: 'Space',
  description: 'The benchmark stands in for a service that reads the social graph.',
  icon: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="9"/></svg>',
  defaultPort: 4102,
  scopes: ['openid', 'profile'],
  hubScopes: ['social:read'],
});

async function main() {
  const load1 = loadavg()[0] ?? 0;
  const database = process.env.DATABASE_URL ? await createTestDatabase(process.env.DATABASE_URL) : undefined;
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'orbit-bench-social-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    ORBIT_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ORBIT_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
  };
  if (database) env.DATABASE_URL = database.url;
  else delete env.DATABASE_URL;

  const viewers = Array.from({ length: VIEWERS }, () => randomUUID());
  const others = Array.from({ length: OTHERS }, () => randomUUID());
  const { clientSecret } = await beforeHubStarts(env, async (services, db) => {
    const now = new Date();
    const people = [...viewers, ...others].map((id, i) => ({
      id,
      accountNumber: 8_000_000_000 + i,
      handle: `sb${i}x${now.getTime().toString(36)}`,
      displayName: `Bench ${i}`,
      // Never signs in.
      passwordHash: '!',
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    }));
    for (let i = 0; i < people.length; i += CHUNK)
      await db.insert(accounts).values(people.slice(i, i + CHUNK));

    const pairs: (typeof friendships.$inferInsert)[] = [];
    const blockRows: (typeof blocks.$inferInsert)[] = [];
    const muteRows: (typeof mutes.$inferInsert)[] = [];
    for (const [v, viewer] of viewers.entries()) {
      const groups = await db
        .insert(friendGroups)
        .values(
          Array.from({ length: GROUPS }, (_, g) => ({
            accountId: viewer,
            name: `Group ${g + 1}`,
            position: g + 1,
            createdAt: now,
          })),
        )
        .returning({ id: friendGroups.id });
      // Each viewer's friends, blocks and mutes are a window of the others of its own, moved along by viewer.
      const at = (k: number) => others[(v * 37 + k) % OTHERS]!;
      for (let k = 0; k < FRIENDS; k++) {
        const groupId = k % (GROUPS + 1) === 0 ? null : groups[(k % (GROUPS + 1)) - 1]!.id;
        pairs.push({ accountId: viewer, friendId: at(k), groupId, createdAt: now });
        pairs.push({ accountId: at(k), friendId: viewer, groupId: null, createdAt: now });
      }
      for (let k = FRIENDS; k < FRIENDS + BLOCKS; k++) {
        blockRows.push({ blockerId: viewer, blockedId: at(k), createdAt: now });
        blockRows.push({ blockerId: at(k + BLOCKS), blockedId: viewer, createdAt: now });
      }
      for (let k = FRIENDS + 2 * BLOCKS; k < FRIENDS + 2 * BLOCKS + MUTES; k++) {
        muteRows.push({ muterId: viewer, mutedId: at(k), createdAt: now, until: null });
      }
    }
    for (let i = 0; i < pairs.length; i += CHUNK) {
      await db
        .insert(friendships)
        .values(pairs.slice(i, i + CHUNK))
        .onConflictDoNothing();
    }
    await db.insert(blocks).values(blockRows).onConflictDoNothing();
    await db.insert(mutes).values(muteRows).onConflictDoNothing();
    // The service last: graph writes of the hub's own would tell it, and these tell nobody.
    return services.serviceRegistry.register(serviceManifest, 'http://localhost:9');
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
  const measure = async (
    name: string,
    count: number,
    concurrency: number,
    op: (i: number) => Promise<boolean>,
  ): Promise<Timing> => {
    const before = await cpuMsOf(hub.pid);
    const timing = await load(count, concurrency, op);
    const after = await cpuMsOf(hub.pid);
    rows.push(row(name, count, concurrency, timing));
    if (before !== undefined && after !== undefined) {
      const perOp = (after - before) / count;
      const busy = (perOp * timing.perSecond) / 10;
      hubCpu.push(`at ${concurrency}: ${perOp.toFixed(2)} ms (hub busy ${busy.toFixed(0)} %)`);
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

    const tokenRes = await fetch(`${url}/oidc/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`space:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'social:read' }),
    });
    if (!tokenRes.ok) throw new Error(`bench: client_credentials answered ${tokenRes.status}`);
    const { access_token: token } = (await tokenRes.json()) as { access_token: string };

    /** Request i: viewer i mod VIEWERS, and every fifth of the others from where its friends start. */
    const bodies = viewers.map((viewer, v) =>
      JSON.stringify({
        viewer,
        ids: Array.from({ length: MAX_RELATIONSHIP_BATCH }, (_, k) => others[(v * 37 + k * 5) % OTHERS]!),
      }),
    );
    let friendsSeen = 0;
    const batch = async (i: number): Promise<boolean> => {
      const res = await fetch(`${url}/api/v1/social/relationships`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: bodies[i % VIEWERS],
      });
      if (res.status !== 200) return false;
      const { relationships } = (await res.json()) as {
        relationships: Record<string, { friend: boolean }>;
      };
      const answered = Object.values(relationships);
      friendsSeen += answered.filter((r) => r.friend).length;
      return answered.length === MAX_RELATIONSHIP_BATCH;
    };
    await load(WARM_UP, 8, batch);
    friendsSeen = 0;
    let counted = 0;
    for (const concurrency of CONCURRENCY) {
      await measure('`POST /api/v1/social/relationships`, 100 ids', REQUESTS, concurrency, batch);
      counted += REQUESTS;
    }
    notes.push(
      `${(friendsSeen / counted).toFixed(1)} of the 100 ids in each batch were the viewer's friends on average; ${BLOCKS} of each viewer's ${OTHERS} others are blocked by it, ${BLOCKS} block it and ${MUTES} are muted.`,
    );
  } finally {
    await new Promise<void>((resolve) => {
      if (hub.exitCode !== null || hub.signalCode !== null) return resolve();
      hub.once('exit', () => resolve());
      hub.kill('SIGTERM');
    });
    await rm(dataDir, { recursive: true, force: true });
    await database?.drop();
  }

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const where = database ? 'PostgreSQL (a fresh database on the DATABASE_URL server)' : 'embedded PGlite';
  console.log(
    `### Social graph on ${database ? 'PostgreSQL' : 'embedded PGlite'} (${new Date().toISOString().slice(0, 10)})`,
  );
  console.log(
    `\nMachine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; database: ${where}; load average ${load1.toFixed(1)} when the run began.\n`,
  );
  console.log('| operation | requests | concurrency | per second | p50 ms | p99 ms | failures |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(r);
  if (hubCpu.length > 0) {
    console.log(
      `\nHub CPU per batch (user + system, all its threads; on PGlite the database too) — ${hubCpu.join('; ')}.`,
    );
  }
  console.log(`\n${notes.join(' ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
