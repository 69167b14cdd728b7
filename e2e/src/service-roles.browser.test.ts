import { openDatabase } from '@orbit/db';
import { createTestDatabase, type TestDatabase } from '@orbit/db/testing';
import { errorHandler, notFoundHandler } from '@orbit/http';
import { createOrbitService, defineManifest, drizzleSessionStore, orbitSessions } from '@orbit/sdk';
import { freePort, type LaunchedHub, registerService, type ServedApp, serveApp } from '@orbit/testing';
import { sql } from 'drizzle-orm';
import { pgSchema } from 'drizzle-orm/pg-core';
import { Hono } from 'hono';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, newContext, screenshot } from './browser.js';
import { sharedBrowser, sharedHub } from './fixture.js';
import {
  at,
  createAccountByApi,
  expectPng,
  type NewAccount,
  newAccount,
  signIn,
  trackPageErrors,
  waitForPath,
} from './pages.js';
import { addFirstPasskey, signInNewStaff } from './staff.js';
import { addVirtualAuthenticator } from './webauthn.js';

const newsManifest = defineManifest({
  id: 'news',
  name: 'News',
  names: { 'zh-CN': '新闻' },
  description: 'Articles by Orbit’s editors.',
  icon: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect x="3" y="4" width="18" height="16"/></svg>',
  defaultPort: 4190,
  scopes: ['openid', 'profile'],
  roles: [
    {
      name: 'editor',
      label: { en: 'Editor', 'zh-CN': '编辑' },
      description: { en: 'Publishes articles.', 'zh-CN': '发布文章。' },
    },
  ],
});

/**
 * A small News service on the SDK beside the hub: its front page for anyone signed in, and the editor's desk
 * behind `requireRole('editor', { page: true })`. It asks the hub for the roles on every request
 * (`rolesCacheMs: 0`), so the test sees a grant or a revocation at once rather than within 30 s.
 */
async function startNews(launched: LaunchedHub): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const credentials = await registerService(launched, newsManifest, origin);
  const database: TestDatabase = await createTestDatabase();
  const { db, close } = await openDatabase({ url: database.url, dataDir: database.dataDir, schema: {} });
  for (const statement of [
    'create schema if not exists news',
    `create table news.orbit_sessions (id_hash text primary key, sub text not null, sid text, "user" jsonb not null,
      id_token text not null, created_at timestamptz not null, last_seen_at timestamptz not null,
      expires_at timestamptz not null)`,
  ]) {
    await db.execute(sql.raw(statement));
  }
  const orbit = createOrbitService({
    manifest: newsManifest,
    hubUrl: launched.url,
    publicUrl: origin,
    credentials,
    sessions: drizzleSessionStore(db, orbitSessions(pgSchema('news'))),
    rolesCacheMs: 0,
  });
  const app = new Hono()
    .route('/', orbit.routes)
    .get('/', orbit.requireUser({ redirect: true }), (c) =>
      c.html('<h1 data-testid="news-front">Front page</h1>'),
    )
    .get('/desk', orbit.requireUser({ redirect: true }), orbit.requireRole('editor', { page: true }), (c) =>
      c.html('<h1 data-testid="news-desk">Editor’s desk</h1>'),
    );
  app.onError(errorHandler((error) => console.error(error)));
  app.notFound(notFoundHandler);
  const served: ServedApp = await serveApp(app.fetch, port);
  return {
    url: served.url,
    close: async () => {
      await served.close();
      await close();
      await database.drop();
    },
  };
}

describeBrowser('service roles, from the console to the service', () => {
  let hub: LaunchedHub;
  let news: Awaited<ReturnType<typeof startNews>>;
  let browser: Browser;

  beforeAll(async () => {
    [hub, browser] = await Promise.all([sharedHub(), sharedBrowser()]);
    news = await startNews(hub);
  });
  afterAll(async () => {
    await news?.close();
  });

  /** Creates the first admin through the hub's setup link, as setup.browser.test.ts does. */
  async function createFirstAdmin(page: Page, account: NewAccount): Promise<void> {
    await signInNewStaff(page, hub, account);
  }

  /** Adds a passkey (the page's virtual authenticator): every admin change is confirmed with it. */
  async function addPasskey(page: Page): Promise<void> {
    await addFirstPasskey(page, 'Admin laptop');
  }

  async function openAccount(page: Page, handle: string): Promise<void> {
    await page.goto(`/admin/accounts?q=${encodeURIComponent(handle)}`);
    await page.getByTestId('admin-account-link').first().click();
    await page.getByTestId('admin-account-details').waitFor();
  }

  /** Confirms the open dialog, with a passkey step-up when the hub asks for one. */
  async function confirmWithStepUp(page: Page): Promise<void> {
    const stepUp = page.getByTestId('step-up-dialog');
    const dialog = page.getByTestId('confirm-dialog');
    await page.getByTestId('confirm-ok').click();
    const next = await Promise.race([
      stepUp.waitFor().then(
        () => 'step-up' as const,
        () => 'timeout' as const,
      ),
      dialog.waitFor({ state: 'detached' }).then(
        () => 'done' as const,
        () => 'timeout' as const,
      ),
    ]);
    if (next === 'step-up') {
      await page.getByTestId('step-up-confirm').click();
      await stepUp.waitFor({ state: 'detached' });
    }
    await dialog.waitFor({ state: 'detached' });
  }

  it('an admin grants News’s editor role in the console; News opens its desk, and closes it on revocation', async () => {
    const admin = newAccount('admin');
    const writer = newAccount('writer');
    await createAccountByApi(hub.url, writer);
    const adminContext = await newContext(browser, hub.url);
    const writerContext = await newContext(browser, hub.url);
    try {
      const a = await adminContext.newPage();
      const adminErrors = trackPageErrors(a);
      await addVirtualAuthenticator(a);
      await createFirstAdmin(a, admin);
      await addPasskey(a);

      // The writer, signed in at the hub, reaches News by single sign-on but not its desk.
      const w = await writerContext.newPage();
      await signIn(w, writer.handle, writer.password);
      await waitForPath(w, '/account');
      const refused = await w.goto(`${news.url}/desk`);
      expect(refused?.status()).toBe(403);
      expect(await w.getByTestId('sdk-problem').textContent()).toContain('needs the role “Editor”');
      expect(await w.content()).toContain('此页面需要“编辑”角色');

      // Admin → Services: News, with the role it declares.
      await a.goto('/admin/services');
      await a.getByTestId('admin-service-details-news').click();
      const declared = a.getByTestId('admin-service-roles-news');
      expect(await declared.textContent()).toContain('news.editor');
      expect(await declared.textContent()).toContain('Editor');

      // The writer's page: the picker offers News's role by its label; granting it needs the passkey.
      await openAccount(a, writer.handle);
      const picker = a.getByTestId('admin-role-picker');
      expect(await picker.locator('option[value="news.editor"]').textContent()).toBe('Editor (news.editor)');
      await picker.selectOption('news.editor');
      await a.getByTestId('admin-role-grant').click();
      await confirmWithStepUp(a);
      const chip = a
        .getByTestId('admin-account-roles')
        .locator('[data-testid="role-chip"][data-role="news.editor"]');
      await chip.waitFor();
      await expectPng(await screenshot(a, 'service-roles-granted'));

      // News asks the hub: the desk opens without signing in again.
      await w.goto(`${news.url}/desk`);
      await at(w, news.url, '/desk');
      await w.getByTestId('news-desk').waitFor();

      // Revoked in the console: the desk is closed again.
      await a.getByTestId('role-revoke-news.editor').click();
      await confirmWithStepUp(a);
      await chip.waitFor({ state: 'detached' });
      expect((await w.goto(`${news.url}/desk`))?.status()).toBe(403);

      const { entries } = await hub.hub.services.audit.search({ action: 'role.revoked' });
      expect(entries[0]).toMatchObject({ details: { role: 'news.editor' }, actor: { via: 'console' } });
      expect(adminErrors).toEqual([]);
    } finally {
      await adminContext.close();
      await writerContext.close();
    }
  });
});
