import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@orbit/db/testing';
import { errorHandler } from '@orbit/http';
import type { OrbitService } from '@orbit/sdk';
import {
  freePort,
  HttpBrowser,
  type LaunchedHub,
  launchHub,
  registerService,
  type ServedApp,
  type ServiceCredentials,
  serveApp,
  serviceToken,
  signUp,
  userTokens,
  writeCredentialsFile,
} from '@orbit/testing';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaffoldService } from './scaffold.js';

/**
 * Calls between services, end to end (issue 16's "done when"): two services made from the template — Alpha,
 * whose manifest is edited to call Beta's API as a team would, and Beta as scaffolded — against one real hub.
 * Alpha calls Beta as itself and on behalf of a signed-in user with tokens the hub addresses to Beta; Beta
 * refuses a token meant for Alpha (`token.wrong_audience`) and one without its scope (`token.missing_scope`).
 * Both are written under the git-ignored .orbit/ so the root's node_modules resolve, and run from their sources.
 */
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const suffix = randomBytes(4).toString('hex');
const alphaId = `alpha-${suffix}`;
const betaId = `beta-${suffix}`;

/** What the test uses of a scaffolded service's sources (imported at run time: they don't exist before). */
interface ServiceSources {
  createApp(
    config: unknown,
    deps: { db: unknown },
  ): {
    app: Hono;
    orbit: OrbitService;
  };
  loadConfig(env: Record<string, string>): unknown;
  openServiceDatabase(options: {
    url: string | undefined;
    dataDir: string;
  }): Promise<{ db: unknown; close(): Promise<void> }>;
  // biome-ignore lint/suspicious/noExplicitAny: the manifest's literal type is the generated service's own
  manifest: any;
}

interface Running {
  served: ServedApp;
  credentials: ServiceCredentials;
  sources: ServiceSources;
  orbit: OrbitService;
  close(): Promise<void>;
}

let parent: string;
let hub: LaunchedHub;
let alpha: Running;
let beta: Running;

/** Makes a service from the template; `edit` changes its manifest's source first, as a team would. */
async function make(id: string, edit?: (manifest: string) => string): Promise<ServiceSources> {
  const service = await scaffoldService({ repoRoot, id, name: id, dir: join(parent, id) });
  if (edit) {
    const file = join(service.dir, 'src', 'manifest.ts');
    await writeFile(file, edit(await readFile(file, 'utf8')));
  }
  const load = (file: string) => import(pathToFileURL(join(service.dir, 'src', file)).href);
  return {
    ...(await load('app.ts')),
    ...(await load('config.ts')),
    ...(await load('database.ts')),
    ...(await load('manifest.ts')),
  } as ServiceSources;
}

/** Registers a service with the hub and serves it on a free port, its database its own; `extra` routes first. */
async function start(sources: ServiceSources, extra?: (orbit: OrbitService) => Hono): Promise<Running> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const credentials = await registerService(hub, sources.manifest, origin);
  const database: TestDatabase = await createTestDatabase();
  const opened = await sources.openServiceDatabase({ url: database.url, dataDir: database.dataDir });
  const config = sources.loadConfig({
    PORT: String(port),
    ORBIT_HUB_URL: hub.url,
    ORBIT_PUBLIC_URL: origin,
    ORBIT_CREDENTIALS_FILE: await writeCredentialsFile(hub, credentials, {
      dir: join(parent, 'credentials'),
    }),
    LOG_LEVEL: 'silent',
  });
  const made = sources.createApp(config, { db: opened.db });
  let app = made.app;
  if (extra) {
    // The team's routes beside the template's, answering errors in the one shape as the template does.
    app = new Hono().route('/', extra(made.orbit)).route('/', made.app);
    app.onError(errorHandler((error) => console.error(error)));
  }
  const served = await serveApp(app.fetch, port);
  return {
    served,
    credentials,
    sources,
    orbit: made.orbit,
    async close() {
      await served.close();
      await opened.close();
      await database.drop();
    },
  };
}

/**
 * What Alpha's team adds to call Beta: a page's API that relays to Beta's notes API, as the signed-in user
 * (`as: user`) or as Alpha itself (`as: 'service'`), answering what Beta answered.
 */
const relay = (orbit: OrbitService) =>
  new Hono()
    .get('/api/beta/as-user', orbit.requireUser(), async (c) => {
      const res: Response = await orbit.call(betaId, '/api/service/notes', { as: c.get('user') });
      return c.json(await res.json(), res.status as 200);
    })
    .get('/api/beta/as-service', async (c) => {
      const res: Response = await orbit.call(betaId, '/api/service/notes', { as: 'service' });
      return c.json(await res.json(), res.status as 200);
    });

beforeAll(async () => {
  await mkdir(join(repoRoot, '.orbit'), { recursive: true });
  parent = await mkdtemp(join(repoRoot, '.orbit', 'calls-test-'));
  const [alphaSources, betaSources, launched] = await Promise.all([
    make(alphaId, (source) =>
      source.replace('calls: [],', `calls: [{ service: '${betaId}', scopes: ['${betaId}:read'] }],`),
    ),
    make(betaId),
    launchHub(),
  ]);
  hub = launched;
  expect(alphaSources.manifest.api.calls).toEqual([{ service: betaId, scopes: [`${betaId}:read`] }]);
  beta = await start(betaSources);
  alpha = await start(alphaSources, relay);
}, 120_000);

afterAll(async () => {
  await alpha?.close();
  await beta?.close();
  await hub?.close();
  if (parent) await rm(parent, { recursive: true, force: true });
});

/** A user signed up at the hub, signed in to Alpha through it, with a note of their own at Beta. */
async function userWithNoteAtBeta(text: string) {
  const browser = new HttpBrowser();
  const account = await signUp(browser, hub.url);
  await browser.navigate(`${beta.served.url}/auth/login?return_to=%2Fapi%2Fme`);
  const added = await browser.json('POST', `${beta.served.url}/api/notes`, { text });
  expect(added.status).toBe(201);
  const signedIn = await browser.navigate(`${alpha.served.url}/auth/login?return_to=%2Fapi%2Fme`);
  expect(signedIn.url).toBe(`${alpha.served.url}/api/me`);
  return { browser, account };
}

describe('a service made from the template calls another', () => {
  it('on behalf of a signed-in user: Beta sees Alpha as the caller and the user, and answers their notes', async () => {
    const { browser, account } = await userWithNoteAtBeta('Shared with Alpha');
    const reply = await browser.json('GET', `${alpha.served.url}/api/beta/as-user`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      caller: alphaId,
      user: account.id,
      notes: [expect.objectContaining({ text: 'Shared with Alpha' })],
    });
    // Again: the exchanged token is reused, and the answer the same.
    expect((await browser.json('GET', `${alpha.served.url}/api/beta/as-user`)).body).toEqual(reply.body);
  });

  it('as itself: Beta sees Alpha and no user, and answers only counts', async () => {
    const reply = await fetch(`${alpha.served.url}/api/beta/as-service`);
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({
      caller: alphaId,
      stats: { notes: expect.any(Number), authors: expect.any(Number) },
    });
  });

  it('needs a signed-in user for a call on a user’s behalf', async () => {
    const reply = await fetch(`${alpha.served.url}/api/beta/as-user`);
    expect(reply.status).toBe(401);
    expect(((await reply.json()) as { error: { code: string } }).error.code).toBe('session.required');
  });

  it('refuses a token for another service with token.wrong_audience, and one without its scope', async () => {
    const get = (token: string) =>
      fetch(`${beta.served.url}/api/service/notes`, { headers: { authorization: `Bearer ${token}` } });
    const code = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;
    const browser = new HttpBrowser();
    await signUp(browser, hub.url);

    // A user's token for Alpha, presented to Beta.
    const forAlpha = await userTokens(hub, browser, alpha.credentials, {
      redirectUri: `${alpha.served.url}/auth/callback`,
    });
    const wrong = await get(forAlpha.access_token);
    expect(wrong.status).toBe(401);
    expect(await code(wrong)).toBe('token.wrong_audience');
    // Alpha's token for the hub's API: addressed to the hub, not to Beta.
    const forHub = await serviceToken(hub, alpha.credentials, { scope: 'accounts:read' });
    expect(await code(await get(forHub.access_token))).toBe('token.wrong_audience');

    // A user's token for Beta itself: the right audience, but not the scope Beta's API offers to services.
    const forBeta = await userTokens(hub, browser, beta.credentials, {
      redirectUri: `${beta.served.url}/auth/callback`,
    });
    const narrow = await get(forBeta.access_token);
    expect(narrow.status).toBe(403);
    expect(await code(narrow)).toBe('token.missing_scope');

    // What Alpha's calls use: addressed to Beta (its origin as the resource, RFC 8707), with the scope.
    const alphaForBeta = await serviceToken(hub, alpha.credentials, { resource: beta.served.url });
    expect(alphaForBeta.scope).toBe(`${betaId}:read`);
    expect((await get(alphaForBeta.access_token)).status).toBe(200);

    const none = await fetch(`${beta.served.url}/api/service/notes`);
    expect(none.status).toBe(401);
    expect(await code(none)).toBe('token.missing');
  });
});
