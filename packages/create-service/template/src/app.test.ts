import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@orbit/db/testing';
import {
  freePort,
  grantRoles,
  HttpBrowser,
  type LaunchedHub,
  launchHub,
  registerService,
  type ServedApp,
  serveApp,
  signUp,
  writeCredentialsFile,
} from '@orbit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { openServiceDatabase } from './database.js';
import { manifest } from './manifest.js';

let hub: LaunchedHub;
let service: ServedApp;
let database: TestDatabase;
let closeDb: () => Promise<void>;
let dir: string;

// A real hub on a fresh database, and this service registered with it and running on a free port.
beforeAll(async () => {
  hub = await launchHub();
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const credentials = await registerService(hub, manifest, origin);
  // Where `services:register` would write them, read as under `npm start`.
  dir = await mkdtemp(join(tmpdir(), `orbit-${manifest.id}-`));
  const credentialsFile = await writeCredentialsFile(hub, credentials, { dir });
  database = await createTestDatabase();
  const opened = await openServiceDatabase({ url: database.url, dataDir: database.dataDir });
  closeDb = opened.close;
  const config = loadConfig({
    PORT: String(port),
    ORBIT_HUB_URL: hub.url,
    ORBIT_PUBLIC_URL: origin,
    ORBIT_CREDENTIALS_FILE: credentialsFile,
    LOG_LEVEL: 'silent',
  });
  service = await serveApp(createApp(config, { db: opened.db }).app.fetch, port);
});

afterAll(async () => {
  await service?.close();
  await closeDb?.();
  await database?.drop();
  await hub?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A browser signed up (so signed in) at the hub, and then signed in here through it. */
async function signedIn() {
  const browser = new HttpBrowser();
  const account = await signUp(browser, hub.url);
  const visit = await browser.navigate(`${service.url}/`);
  return { browser, account, visit };
}

describe('signing in', () => {
  it('signs a user who is signed in at the hub straight in, without a password', async () => {
    const { browser, account, visit } = await signedIn();
    expect(visit.visited.some((url) => url.startsWith(`${hub.url}/oidc/authorize`))).toBe(true);
    expect(visit.url).toBe(`${service.url}/`);
    expect(visit.response.status, 'are the pages built? npm run build').toBe(200);
    expect(visit.text).toContain('<div id="root">');
    const me = await browser.json('GET', `${service.url}/api/me`);
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({
      sub: account.id,
      accountNumber: account.accountNumber,
      handle: account.handle,
      displayName: account.displayName,
    });
  });

  it('sends a visitor nobody signed in to the hub’s sign-in page', async () => {
    const browser = new HttpBrowser();
    const visit = await browser.navigate(`${service.url}/`);
    expect(new URL(visit.url).origin).toBe(hub.url);
    expect(new URL(visit.url).pathname).toBe('/signin');
    const me = await browser.json('GET', `${service.url}/api/me`);
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('session.required');
  });

  it('lets the pages post the sign-out form to the hub', async () => {
    const { visit } = await signedIn();
    const policy = visit.response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain(`form-action 'self' ${hub.url}`);
    // The service shell shows the avatar and the app switcher's icons from the hub.
    expect(policy).toContain(`img-src 'self' data: blob: ${hub.url}`);
  });

  it('signs out here and at the hub', async () => {
    const { browser } = await signedIn();
    const out = await browser.fetch(`${service.url}/auth/logout`, { method: 'POST' });
    expect(out.status).toBe(302);
    const location = out.headers.get('location') ?? '';
    expect(location.startsWith(`${hub.url}/oidc/logout?`)).toBe(true);
    // The hub ends its session and comes back to this service, whose pages send the visitor to sign in again.
    const after = await browser.navigate(location);
    expect(after.visited).toContain(`${service.url}/`);
    expect(new URL(after.url).pathname).toBe('/signin');
    expect((await browser.json('GET', `${service.url}/api/me`)).status).toBe(401);
    expect((await browser.json('GET', `${hub.url}/api/session`)).status).toBe(401);
  });
});

describe('notes', () => {
  it('keeps each account’s notes to that account', async () => {
    const alice = await signedIn();
    const bob = await signedIn();
    const saved = await alice.browser.json('POST', `${service.url}/api/notes`, { text: '  Buy milk ' });
    expect(saved.status).toBe(201);
    expect(saved.body.note).toMatchObject({ id: expect.any(String), text: 'Buy milk' });

    const mine = await alice.browser.json('GET', `${service.url}/api/notes`);
    expect(mine.body.notes.map((n: { text: string }) => n.text)).toEqual(['Buy milk']);
    const theirs = await bob.browser.json('GET', `${service.url}/api/notes`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.notes).toEqual([]);
  });

  it('refuses an empty note, naming the field', async () => {
    const { browser } = await signedIn();
    const reply = await browser.json('POST', `${service.url}/api/notes`, { text: '   ' });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('request.invalid');
    expect(reply.body.error.details[0].path).toBe('text');
  });

  it('refuses a note posted from another origin', async () => {
    const { browser } = await signedIn();
    const reply = await browser.json(
      'POST',
      `${service.url}/api/notes`,
      { text: 'forged' },
      // Another service on this host: same site (ports don't count), so the Lax session cookie goes along.
      { origin: 'http://localhost:1' },
    );
    expect(reply.status).toBe(403);
    expect(reply.body.error.code).toBe('csrf.cross_origin');
    const mine = await browser.json('GET', `${service.url}/api/notes`);
    expect(mine.body.notes).toEqual([]);
  });

  it('answers the API without a session with 401', async () => {
    const reply = await new HttpBrowser().json('POST', `${service.url}/api/notes`, { text: 'hi' });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe('session.required');
  });
});

describe('roles', () => {
  const moderator = `${manifest.id}.moderator`;

  it('lets a moderator count every account’s notes, without reading them', async () => {
    const browser = new HttpBrowser();
    const account = await signUp(browser, hub.url);
    // What an Orbit admin does in the console: grant this service's role at the hub.
    await grantRoles(hub, account.id, [moderator]);
    await browser.navigate(`${service.url}/`);
    expect((await browser.json('GET', `${service.url}/api/me`)).body.user.roles).toEqual([moderator]);

    const before = (await browser.json('GET', `${service.url}/api/notes/stats`)).body;
    await (await signedIn()).browser.json('POST', `${service.url}/api/notes`, { text: 'Secret plan' });
    const after = await browser.json('GET', `${service.url}/api/notes/stats`);
    expect(after.status).toBe(200);
    expect(after.body).toEqual({ notes: before.notes + 1, authors: before.authors + 1 });
    expect(JSON.stringify(after.body)).not.toContain('Secret plan');
  });

  it('refuses the counts to anyone without the role', async () => {
    const { browser } = await signedIn();
    expect((await browser.json('GET', `${service.url}/api/me`)).body.user.roles).toEqual([]);
    const refused = await browser.json('GET', `${service.url}/api/notes/stats`);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'role.required', details: { role: moderator } });
  });
});

describe('health', () => {
  it('is live and ready (the database answers)', async () => {
    expect(await (await fetch(`${service.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${service.url}/readyz`);
    expect(ready.status).toBe(200);
  });
});
