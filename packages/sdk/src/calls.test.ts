import { defineManifest } from '@orbit/contracts';
import { openDatabase } from '@orbit/db';
import { createTestDatabase, type TestDatabase } from '@orbit/db/testing';
import { errorHandler } from '@orbit/http';
import {
  freePort,
  HttpBrowser,
  type LaunchedHub,
  launchHub,
  registerService,
  type ServedApp,
  ShiftedClock,
  serveApp,
  signUp,
} from '@orbit/testing';
import { sql } from 'drizzle-orm';
import { pgSchema } from 'drizzle-orm/pg-core';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrbitService, type OrbitService } from './service.js';
import { drizzleSessionStore, orbitSessions } from './session-store.js';

/**
 * `orbit.call()` against a real hub: a caller service and a target service, each on the SDK. What the template
 * test (packages/create-service/src/calls.test.ts) leaves out: an expired user access token is refreshed (and
 * kept) before the exchange, and the caller's refusals name why (not approved, unknown service, no hub tokens).
 */
const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>';
const both = (en: string) => ({ en, 'zh-CN': en });

const targetManifest = defineManifest({
  id: 'sdk-target',
  name: 'Target',
  description: 'Offers an API.',
  icon: ICON,
  defaultPort: 4198,
  scopes: ['openid', 'profile'],
  api: {
    offers: [
      { scope: 'sdk-target:read', description: both('Read') },
      { scope: 'sdk-target:write', description: both('Write') },
    ],
  },
});
const callerManifest = defineManifest({
  id: 'sdk-caller',
  name: 'Caller',
  description: 'Calls the target.',
  icon: ICON,
  defaultPort: 4197,
  scopes: ['openid', 'profile'],
  api: { calls: [{ service: 'sdk-target', scopes: ['sdk-target:read'] }] },
});

const schema = pgSchema('sdk_calls');
const sessionsTable = orbitSessions(schema);
const DDL = [
  'create schema if not exists sdk_calls',
  `create table sdk_calls.orbit_sessions (
    id_hash text primary key, sub text not null, sid text, "user" jsonb not null, id_token text not null,
    created_at timestamptz not null, last_seen_at timestamptz not null, expires_at timestamptz not null)`,
];

let hub: LaunchedHub;
let database: TestDatabase;
let closeDb: () => Promise<void>;
let db: Awaited<ReturnType<typeof openDatabase>>['db'];
let target: ServedApp;
let caller: ServedApp;
const clock = new ShiftedClock();

/** Registers a service and serves `build(orbit)` for it, its sessions in the shared test database. */
async function serve(
  manifest: typeof targetManifest,
  build: (orbit: OrbitService) => Hono,
  options: { clock?: ShiftedClock } = {},
): Promise<ServedApp> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const credentials = await registerService(hub, manifest, origin);
  const orbit = createOrbitService({
    manifest,
    hubUrl: hub.url,
    publicUrl: origin,
    credentials,
    sessions: drizzleSessionStore(db, sessionsTable),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const app = new Hono().route('/', orbit.routes).route('/', build(orbit));
  app.onError(errorHandler((error) => console.error(error)));
  return serveApp(app.fetch, port);
}

beforeAll(async () => {
  hub = await launchHub();
  database = await createTestDatabase();
  ({ db, close: closeDb } = await openDatabase({ url: database.url, dataDir: database.dataDir, schema: {} }));
  for (const statement of DDL) await db.execute(sql.raw(statement));
  target = await serve(targetManifest, (orbit) =>
    new Hono().get('/api/whoami', orbit.requireBearer({ scopes: ['sdk-target:read'] }), (c) =>
      c.json({ caller: c.get('caller'), scope: c.get('token').scope }),
    ),
  );
  caller = await serve(
    callerManifest,
    (orbit) =>
      new Hono()
        .get('/api/me', orbit.requireUser(), (c) => c.json({ user: c.get('user') }))
        .get('/relay/user', orbit.requireUser(), async (c) => {
          const res = await orbit.call('sdk-target', '/api/whoami', { as: c.get('user') });
          return c.json(await res.json(), res.status as 200);
        })
        .get('/relay/write', orbit.requireUser(), async (c) =>
          c.json(
            await orbit.callJson('sdk-target', '/api/whoami', {
              as: 'service',
              scopes: ['sdk-target:write'],
            }),
          ),
        )
        .get('/relay/unknown', async (c) =>
          c.json(await orbit.callJson('sdk-nowhere', '/api/whoami', { as: 'service' })),
        ),
    { clock },
  );
}, 60_000);

afterAll(async () => {
  await caller?.close();
  await target?.close();
  await closeDb?.();
  await database?.drop();
  await hub?.close();
});

/** A user signed up at the hub and signed in to the caller through it. */
async function signedIn() {
  const browser = new HttpBrowser();
  const account = await signUp(browser, hub.url);
  const visit = await browser.navigate(`${caller.url}/auth/login?return_to=%2Fapi%2Fme`);
  expect(visit.visited.some((url) => url.startsWith(`${caller.url}/auth/callback`))).toBe(true);
  return { browser, account };
}

const sealedTokens = async (sub: string) => {
  const rows = await db.select().from(sessionsTable).where(sql`${sessionsTable.sub} = ${sub}`);
  return (rows[0]?.user as { hubTokens?: string } | undefined)?.hubTokens;
};

describe('orbit.call on behalf of a user', () => {
  it('keeps the user’s hub tokens sealed in the session, never in the user the app sees', async () => {
    const { browser, account } = await signedIn();
    const sealed = await sealedTokens(account.id);
    expect(sealed).toMatch(/^[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+$/); // a compact JWE with a direct key
    const me = await browser.json('GET', `${caller.url}/api/me`);
    expect(me.body.user.sub).toBe(account.id);
    expect(me.body.user).not.toHaveProperty('hubTokens');
    expect(JSON.stringify(me.body)).not.toContain(sealed);
  });

  it('refreshes an expired access token before the exchange, and keeps the new one', async () => {
    const { browser, account } = await signedIn();
    const first = await browser.json('GET', `${caller.url}/relay/user`);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      caller: { service: 'sdk-caller', user: { sub: account.id } },
      scope: 'sdk-target:read',
    });
    const before = await sealedTokens(account.id);

    // Past the user's access token (10 minutes) as the caller sees time: it refreshes, then exchanges.
    clock.advance(11 * 60_000);
    try {
      const again = await browser.json('GET', `${caller.url}/relay/user`);
      expect(again.status).toBe(200);
      expect(again.body.caller.user).toEqual({ sub: account.id });
      const after = await sealedTokens(account.id);
      expect(after).toBeDefined();
      expect(after).not.toBe(before);
    } finally {
      clock.reset();
    }
  });

  it('asks the user to sign in again when the session holds no hub tokens', async () => {
    const { browser, account } = await signedIn();
    await db.execute(
      sql`update sdk_calls.orbit_sessions set "user" = "user" - 'hubTokens' where sub = ${account.id}`,
    );
    const refused = await browser.json('GET', `${caller.url}/relay/user`);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('session.required');
  });
});

describe('orbit.call refusals', () => {
  it('names a scope the caller may not carry (call.not_approved) and a service that takes no calls', async () => {
    const { browser } = await signedIn();
    const write = await browser.json('GET', `${caller.url}/relay/write`);
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('call.not_approved');
    const unknown = await browser.json('GET', `${caller.url}/relay/unknown`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('call.unknown_service');
  });
});
