import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createTestDatabase, type TestDatabase } from '@orbit/db/testing';
import { freePort, registerService, type ServedApp, serveApp, writeCredentialsFile } from '@orbit/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, newContext, screenshot } from './browser.js';
import { sharedBrowser, sharedHub } from './fixture.js';
import type { E2eHub } from './hub.js';
import { at, expectPng, getJson, newAccount, signUp, trackPageErrors } from './pages.js';

/**
 * The template's sign-out in Chromium. Every Orbit page sends `Referrer-Policy: no-referrer`, under which
 * Chromium posts the page's sign-out form with `Origin: null`; the SDK once took that for another site and
 * answered with a confirmation page whose own button did the same again, forever. A service is made from the
 * template as a team makes one (`new-service`, under the git-ignored .orbit/ so the root's node_modules
 * resolve), its pages built with Vite, and its app started from its sources.
 */
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const id = `tpl-${randomBytes(4).toString('hex')}`;

/** Runs a Node script of the repository (a CLI, a tool in node_modules/.bin) and fails with its output. */
function run(script: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} ${args.join(' ')} exited ${code}:\n${output}`)),
    );
  });
}

/** What the test uses of the scaffolded service's sources (imported at run time: they don't exist before). */
interface ServiceSources {
  createApp(
    config: unknown,
    deps: { db: unknown },
  ): { app: { fetch: (request: Request) => Promise<Response> } };
  loadConfig(env: Record<string, string>): unknown;
  openServiceDatabase(options: {
    url: string | undefined;
    dataDir: string;
  }): Promise<{ db: unknown; close(): Promise<void> }>;
  // biome-ignore lint/suspicious/noExplicitAny: the manifest's literal type is the generated service's own
  manifest: any;
}

let parent: string;
let hub: E2eHub;
let browser: Browser;
let service: ServedApp;
let database: TestDatabase;
let closeDb: (() => Promise<void>) | undefined;

describeBrowser('a service made from the template, in Chromium', () => {
  beforeAll(async () => {
    await mkdir(join(repoRoot, '.orbit'), { recursive: true });
    parent = await mkdtemp(join(repoRoot, '.orbit', 'e2e-template-'));
    const dir = join(parent, id);
    const made = (async () => {
      await run(join(repoRoot, 'packages/create-service/dist/cli.js'), [id, '--dir', dir], repoRoot);
      await run(join(repoRoot, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], dir);
    })();
    [hub, browser] = await Promise.all([sharedHub(), sharedBrowser(), made]);

    const load = (file: string) => import(pathToFileURL(join(dir, 'src', file)).href);
    const sources = {
      ...(await load('app.ts')),
      ...(await load('config.ts')),
      ...(await load('database.ts')),
      ...(await load('manifest.ts')),
    } as ServiceSources;
    const port = await freePort();
    const origin = `http://localhost:${port}`;
    const credentials = await registerService(hub, sources.manifest, origin);
    database = await createTestDatabase();
    const opened = await sources.openServiceDatabase({ url: database.url, dataDir: database.dataDir });
    closeDb = opened.close;
    const config = sources.loadConfig({
      PORT: String(port),
      ORBIT_HUB_URL: hub.url,
      ORBIT_PUBLIC_URL: origin,
      ORBIT_CREDENTIALS_FILE: await writeCredentialsFile(hub, credentials, {
        dir: join(parent, 'credentials'),
      }),
      LOG_LEVEL: 'silent',
    });
    service = await serveApp(sources.createApp(config, { db: opened.db }).app.fetch, port);
  }, 180_000);

  afterAll(async () => {
    await service?.close();
    await closeDb?.();
    await database?.drop();
    if (parent) await rm(parent, { recursive: true, force: true });
  });

  it('signs out with its own button, here and at the hub, and asks to sign in on the next visit', async () => {
    const person = newAccount('notes');
    const context = await newContext(browser, hub.url);
    try {
      const page = await context.newPage();
      const errors = trackPageErrors(page);
      await signUp(page, person);

      // Single sign-on: signed in at the hub, so straight in at the service.
      await page.goto(service.url);
      await at(page, service.url, '/');
      const signOut = page.getByRole('button', { name: 'Sign out' });
      await signOut.waitFor();
      expect((await getJson(context, `${service.url}/api/me`)).status).toBe(200);

      const posted: { origin: string | undefined; site: string | undefined }[] = [];
      page.on('request', async (request) => {
        if (request.method() === 'POST' && request.url() === `${service.url}/auth/logout`) {
          const headers = await request.allHeaders();
          posted.push({ origin: headers.origin, site: headers['sec-fetch-site'] });
        }
      });
      await signOut.click();
      // Through the hub's logout and back: the service's pages send the visitor to sign in again.
      await at(page, hub.url, '/signin');
      await expectPng(await screenshot(page, 'template-signed-out'));
      // What the SDK once refused: a same-origin form post that says `Origin: null`.
      expect(posted).toEqual([{ origin: 'null', site: 'same-origin' }]);
      expect(await page.getByTestId('sdk-confirm-logout').count()).toBe(0);

      expect((await getJson(context, `${service.url}/api/me`)).status).toBe(401);
      expect((await getJson(context, `${hub.url}/api/session`)).status).toBe(401);
      await page.goto(service.url);
      await at(page, hub.url, '/signin');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
