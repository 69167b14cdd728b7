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
 * fifths), blocked and blocking accounts, muted ones and strangers. The hub runs on embedded PGlite, or on a fresh
 * database on the PostgreSQL server `DATABASE_URL` names (made here and dropped at the end), as
 * `ORBIT_HUB_PROCESSES` processes (default 1). Results are printed as Markdown for docs/performance.md, with the
 * CPU each batch cost the hub, the database and the load generator.
 */
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { defineManifest, MAX_RELATIONSHIP_BATCH } from '@orbit/contracts';
import { blocks, friendGroups, friendships, mutes } from '../social/index.js';
import { beforeHubStarts } from './clients.js';
import { benchHub, CHUNK, clientCredentialsToken, printResults, writeBenchAccounts } from './hub-process.js';
import { cpuMeter, cpuPerOp, databaseCpu, load, loadClient, row, type Timing } from './load.js';

const VIEWERS = 20;
const OTHERS = 1000;
const FRIENDS = 200;
const BLOCKS = 10;
const MUTES = 10;
const GROUPS = 3;
const REQUESTS = Number(process.env.ORBIT_BENCH_SOCIAL_REQUESTS ?? 4000);
const CONCURRENCY = [1, 8];
const WARM_UP = 500;

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
  const setup = await benchHub('social');
  const { url, database } = setup;

  const viewers = Array.from({ length: VIEWERS }, () => randomUUID());
  const others = Array.from({ length: OTHERS }, () => randomUUID());
  const { clientSecret } = await beforeHubStarts(setup.env, async (services, db) => {
    const now = new Date();
    await writeBenchAccounts(db, [...viewers, ...others], 'sb', 8_000_000_000);

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

  const rows: string[] = [];
  const cpuRows: string[] = [];
  const notes: string[] = [];
  const dbCpu = databaseCpu(database?.url);
  const client = loadClient(url, Math.max(...CONCURRENCY));
  let hubPid: number | undefined;
  const cpu = cpuMeter(() => hubPid, dbCpu);
  const measure = async (
    name: string,
    count: number,
    concurrency: number,
    op: (i: number) => Promise<boolean>,
  ): Promise<Timing> => {
    const before = await cpu();
    const timing = await load(count, concurrency, op);
    const after = await cpu();
    rows.push(row(name, count, concurrency, timing));
    cpuRows.push(`at ${concurrency}: ${cpuPerOp(before, after, count, cpus().length)}`);
    return timing;
  };
  try {
    hubPid = (await setup.start()).pid;
    const token = await clientCredentialsToken(url, 'space', clientSecret, 'social:read');

    /** Request i: viewer i mod VIEWERS, and every fifth of the others from where its friends start. */
    const bodies = viewers.map((viewer, v) =>
      JSON.stringify({
        viewer,
        ids: Array.from({ length: MAX_RELATIONSHIP_BATCH }, (_, k) => others[(v * 37 + k * 5) % OTHERS]!),
      }),
    );
    let friendsSeen = 0;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const batch = async (i: number): Promise<boolean> => {
      const res = await client.send('POST', '/api/v1/social/relationships', headers, bodies[i % VIEWERS]);
      if (res.status !== 200) return false;
      const { relationships } = JSON.parse(res.text) as {
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
    client.close();
    await dbCpu.end();
    await setup.close();
  }

  printResults(
    'Social graph',
    setup,
    load1,
    rows,
    `CPU per batch (user + system, every thread; on PGlite the hub's includes the database) — ${cpuRows.join('; ')}.`,
    notes,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
