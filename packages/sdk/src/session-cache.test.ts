import { openDatabase } from '@orbit/db';
import { createTestDatabase, type TestDatabase } from '@orbit/db/testing';
import { sql } from 'drizzle-orm';
import { pgSchema } from 'drizzle-orm/pg-core';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drizzleSessionStore, orbitSessions, type SessionStore } from './session-store.js';
import { createServiceSessions } from './sessions.js';
import type { OrbitUser } from './user.js';

/**
 * `drizzleSessionStore(…, { cacheMs })`: a session read is kept in memory, and every ending this process does
 * (sign-out, back-channel logout by hub session or by account, expiry) refuses the session at once, not when
 * the kept copy runs out. The copy is kept a minute here, so that only an ending can explain a refusal.
 */
const schema = pgSchema('sdk_cache');
const table = orbitSessions(schema);
const DDL = [
  'create schema if not exists sdk_cache',
  `create table sdk_cache.orbit_sessions (
    id_hash text primary key, sub text not null, sid text, "user" jsonb not null, id_token text not null,
    created_at timestamptz not null, last_seen_at timestamptz not null, expires_at timestamptz not null)`,
];

let database: TestDatabase;
let closeDb: () => Promise<void>;
let db: Awaited<ReturnType<typeof openDatabase>>['db'];
let store: SessionStore;
let app: Hono;
let people = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  const opened = await openDatabase({ url: database.url, dataDir: database.dataDir, schema: {} });
  db = opened.db;
  closeDb = opened.close;
  for (const statement of DDL) await db.execute(sql.raw(statement));
  store = drizzleSessionStore(db, table, { cacheMs: 60_000 });
  const sessions = createServiceSessions({
    store,
    clock: { now: () => new Date() },
    cookieName: 'cache_test_session',
    secure: false,
    lifetimes: { idleMs: 3_600_000, absoluteMs: 7_200_000 },
  });
  app = new Hono()
    .post('/in/:sub/:sid', async (c) => {
      const user: OrbitUser = {
        sub: c.req.param('sub'),
        accountNumber: '10001',
        handle: 'cached',
        displayName: 'Cached',
        picture: null,
        sid: c.req.param('sid'),
        acr: null,
        amr: ['pwd'],
        authTime: new Date(),
        roles: [],
      };
      await sessions.start(c, user, 'id-token');
      return c.body(null, 204);
    })
    .get('/me', async (c) => {
      const current = await sessions.current(c);
      return current ? c.json({ handle: current.user.handle }) : c.json({ signedIn: false }, 401);
    })
    .post('/out', async (c) => {
      await sessions.end(c);
      return c.body(null, 204);
    });
});

afterAll(async () => {
  await closeDb?.();
  await database?.drop();
});

/** Signs a new person in; answers their cookie, sub and hub session id, with the session read (and kept) once. */
async function signIn() {
  const sub = `00000000-0000-4000-8000-${String(++people).padStart(12, '0')}`;
  const sid = `sid-${people}`;
  const res = await app.request(`/in/${sub}/${sid}`, { method: 'POST' });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  expect((await me(cookie)).status).toBe(200);
  return { cookie, sub, sid };
}

const me = (cookie: string) => app.request('/me', { headers: { cookie } });

describe('a kept session', () => {
  it('is answered from memory while it is kept (a change by another process is not seen yet)', async () => {
    const { cookie, sub } = await signIn();
    await db.execute(
      sql`update sdk_cache.orbit_sessions set "user" = jsonb_set("user", '{handle}', '"renamed"') where sub = ${sub}`,
    );
    expect(await (await me(cookie)).json()).toEqual({ handle: 'cached' });
  });

  it('is refused at once after the user signs out here', async () => {
    const { cookie } = await signIn();
    expect((await app.request('/out', { method: 'POST', headers: { cookie } })).status).toBe(204);
    expect((await me(cookie)).status).toBe(401);
  });

  it('is refused at once after a back-channel logout of its hub session, and of its account', async () => {
    const bySid = await signIn();
    const other = await signIn();
    expect(await store.deleteByHubSession(bySid.sid)).toBe(1);
    expect((await me(bySid.cookie)).status).toBe(401);
    expect((await me(other.cookie)).status).toBe(200);

    const bySub = await signIn();
    expect(await store.deleteBySubject(bySub.sub)).toBe(1);
    expect((await me(bySub.cookie)).status).toBe(401);
  });

  it('is refused at once after it expired and was swept', async () => {
    const { cookie, sub } = await signIn();
    await db.execute(
      sql`update sdk_cache.orbit_sessions set expires_at = now() - interval '1 minute' where sub = ${sub}`,
    );
    await store.deleteExpired(new Date());
    expect((await me(cookie)).status).toBe(401);
  });
});
