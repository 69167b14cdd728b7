import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineManifest } from '@orbit/contracts';
import { openDatabase } from '@orbit/db';
import { createTestDatabase, type TestDatabase } from '@orbit/db/testing';
import { errorHandler, notFoundHandler, orbitSecureHeaders } from '@orbit/http';
import {
  freePort,
  type LaunchedHub,
  launchHub,
  registerService,
  type ServedApp,
  serveApp,
} from '@orbit/testing';
import { sql } from 'drizzle-orm';
import { pgSchema } from 'drizzle-orm/pg-core';
import { Hono } from 'hono';
import { createOrbitService, type OrbitService, type OrbitServiceOptions } from '../service.js';
import { drizzleSessionStore, orbitSessions, type SessionStore } from '../session-store.js';

export const manifest = defineManifest({
  id: 'sdk-test',
  name: 'SDK test service',
  description: 'A service the SDK tests sign in to.',
  icon: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>',
  defaultPort: 4199,
  scopes: ['openid', 'profile'],
  hubScopes: ['accounts:read', 'accounts:locale', 'entitlements:read', 'social:read', 'notifications:write'],
  // VIP members get 1000 as soon as the service registers; `sdk-test-plus` doubles the default.
  perks: [
    {
      key: 'sdk-test.storage_mb',
      type: 'number',
      default: 100,
      tiers: { vip: 1000 },
      description: 'Storage',
    },
  ],
  plusTier: true,
  roles: [
    { name: 'editor', label: { en: 'Editor', 'zh-CN': '编辑' } },
    { name: 'agent', label: { en: 'Care agent', 'zh-CN': '客服专员' } },
  ],
  badge: true,
});

const schema = pgSchema('sdk_test');
const sessionsTable = orbitSessions(schema);

/** The SDK's session table, as a service's drizzle-kit migration would create it. */
const DDL = [
  'create schema if not exists sdk_test',
  `create table sdk_test.orbit_sessions (
    id_hash text primary key, sub text not null, sid text, "user" jsonb not null, id_token text not null,
    created_at timestamptz not null, last_seen_at timestamptz not null, expires_at timestamptz not null)`,
  'create index orbit_sessions_sid_idx on sdk_test.orbit_sessions (sid)',
  'create index orbit_sessions_sub_idx on sdk_test.orbit_sessions (sub)',
  'create index orbit_sessions_expires_idx on sdk_test.orbit_sessions (expires_at)',
];

export interface SdkFixture {
  launched: LaunchedHub;
  service: ServedApp;
  orbit: OrbitService;
  /** The service's session store, for a second `createOrbitService` in a test. */
  sessions: SessionStore;
  credentialsFile: string;
  clientSecret: string;
  close(): Promise<void>;
}

/**
 * A real hub, and beside it a small service built on the SDK with a page, an API, a bearer-protected route,
 * step-up routes (an API and a page) and a VIP route; its sessions live in its own database. `options` are
 * passed on to `createOrbitService`.
 */
export async function startSdkFixture(
  options: Pick<
    OrbitServiceOptions,
    | 'entitlementsCacheMs'
    | 'onMembershipChange'
    | 'rolesCacheMs'
    | 'logger'
    | 'shellCacheMs'
    | 'socialCacheMs'
    | 'onSocialChange'
  > = {},
): Promise<SdkFixture> {
  const launched = await launchHub();
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const credentials = await registerService(launched, manifest, origin);
  const dir = await mkdtemp(join(tmpdir(), 'orbit-sdk-'));
  const credentialsFile = join(dir, 'sdk-test.json');
  await writeFile(credentialsFile, JSON.stringify({ issuer: launched.url, ...credentials }), { mode: 0o600 });

  const database: TestDatabase = await createTestDatabase();
  const { db, close: closeDb } = await openDatabase({
    url: database.url,
    dataDir: database.dataDir,
    schema: {},
  });
  for (const statement of DDL) await db.execute(sql.raw(statement));

  const sessions = drizzleSessionStore(db, sessionsTable);
  const orbit = createOrbitService({
    manifest,
    hubUrl: launched.url,
    publicUrl: origin,
    credentials: { file: credentialsFile },
    sessions,
    ...options,
  });
  orbit.onBadge(async () => ({ count: 7 }));
  const app = new Hono()
    // What every Orbit server sends (`Referrer-Policy: no-referrer` among them), so the sign-out form's post
    // carries what Chromium sends under it.
    .use(orbitSecureHeaders({ https: false, formAction: [launched.url] }))
    .route('/', orbit.routes)
    .get('/', orbit.requireUser({ redirect: true }), (c) =>
      c.html(
        `<p>Hello ${c.get('user').handle}</p><form method="post" action="/auth/logout"><button>Sign out</button></form>`,
      ),
    )
    .get('/api/me', orbit.requireUser(), (c) => c.json({ user: c.get('user') }))
    .post('/api/notes', orbit.requireUser(), (c) => c.json({ saved: true }, 201))
    .get('/api/public', orbit.optionalUser(), (c) => c.json({ handle: c.get('user')?.handle ?? null }))
    .get('/api/bearer', orbit.requireBearer({ scopes: ['openid'] }), (c) =>
      c.json({ sub: c.get('token').sub }),
    )
    .post('/api/danger', orbit.requireUser(), orbit.requireStepUp(), (c) => c.json({ done: true }))
    .get(
      '/settings/danger',
      orbit.requireUser({ redirect: true }),
      orbit.requireStepUp({ redirect: true }),
      (c) => c.html('<p>Danger zone</p>'),
    )
    .get('/api/vip', orbit.requireUser(), orbit.requireVip('vip'), (c) => c.json({ vip: true }))
    .post('/api/articles', orbit.requireUser(), orbit.requireRole('editor'), (c) =>
      c.json({ published: true }, 201),
    )
    .get(
      '/desk',
      orbit.requireUser({ redirect: true }),
      orbit.requireRole('sdk-test.editor', { page: true }),
      (c) => c.html('<p>Editor’s desk</p>'),
    )
    .get('/api/tickets', orbit.requireBearer({ scopes: ['openid'] }), orbit.requireRole('agent'), (c) =>
      c.json({ sub: c.get('token').sub }),
    )
    .get('/api/roles', orbit.requireUser(), async (c) =>
      c.json({ atSignIn: c.get('user').roles, now: await orbit.roles(c.get('user').sub) }),
    )
    .get('/api/perk', orbit.requireUser(), async (c) =>
      c.json({ storage: await orbit.perk(c.get('user'), 'sdk-test.storage_mb') }),
    );
  app.onError(errorHandler((error) => console.error(error)));
  app.notFound(notFoundHandler);
  const service = await serveApp(app.fetch, port);
  return {
    launched,
    service,
    orbit,
    sessions,
    credentialsFile,
    clientSecret: credentials.clientSecret,
    close: async () => {
      await service.close();
      await closeDb();
      await database.drop();
      await launched.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` holds (the hub delivers back-channel logouts from its job queue). */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the condition did not hold in time');
}
