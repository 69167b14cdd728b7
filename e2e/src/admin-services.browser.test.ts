import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchBrowser, newContext, screenshot } from './browser.js';
import { type E2eHub, startE2eHub } from './hub.js';
import { startMail } from './mail.js';
import { expectPng, type NewAccount, newAccount, signUp, trackPageErrors, waitForPath } from './pages.js';

describeBrowser('the admin console for services', () => {
  let hub: E2eHub;
  let mail: Awaited<ReturnType<typeof startMail>>;
  let browser: Browser;
  const admin = newAccount('admin');

  beforeAll(async () => {
    [hub, browser] = await Promise.all([startE2eHub(), launchBrowser()]);
    mail = await startMail(hub);
  });
  afterAll(async () => {
    await browser?.close();
    await mail?.close();
    await hub?.close();
  });

  /** Creates the first admin through the hub's setup link, as setup.browser.test.ts does. */
  async function createFirstAdmin(page: Page, account: NewAccount): Promise<void> {
    const setupUrl = hub.hub.setupUrl;
    expect(setupUrl, 'a hub on an empty database offers a setup link').toBeDefined();
    await page.goto(setupUrl!);
    await page.getByTestId('setup-handle').fill(account.handle);
    await page.getByTestId('setup-display-name').fill(account.displayName);
    await page.getByTestId('setup-email').fill(account.email);
    await page.getByTestId('setup-password').fill(account.password);
    await page.getByTestId('setup-submit').click();
    await waitForPath(page, '/account');
  }

  const statusOf = (page: Page, id: string) =>
    page.getByTestId(`admin-service-status-${id}`).getAttribute('data-status');

  /** Clicks an action's button, then Confirm in the dialog it opens. */
  async function confirmAction(page: Page, testId: string): Promise<void> {
    await page.getByTestId(testId).click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
  }

  /** The home page's launcher, once it has loaded (with services, or saying there are none). */
  async function openLauncher(page: Page): Promise<void> {
    await page.goto('/');
    await page.getByTestId('launcher').or(page.getByTestId('launcher-empty')).first().waitFor();
  }

  /** What the hub's token endpoint answers Mail's client_credentials request made with `secret`. */
  const tokenStatus = async (secret: string) =>
    (
      await fetch(new URL('/oidc/token', hub.url), {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`mail:${secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      })
    ).status;

  it('lets the first admin disable Mail (gone from the launcher), enable it again, and rotate its secret', async () => {
    const context = await newContext(browser, hub.url);
    try {
      const page = await context.newPage();
      const errors = trackPageErrors(page);
      await createFirstAdmin(page, admin);

      // Admin → Services: Mail, enabled, with its client settings in the details view.
      await page.getByTestId('nav-admin').click();
      await waitForPath(page, '/admin/services');
      await page.getByTestId('admin-service-mail').waitFor();
      expect(await statusOf(page, 'mail')).toBe('enabled');
      expect(await page.getByTestId('admin-service-status-mail').textContent()).toBe('Enabled');
      await page.getByTestId('admin-service-details-mail').click();
      const settings = page.getByTestId('admin-service-settings-mail');
      await settings.waitFor();
      const settingsText = (await settings.textContent()) ?? '';
      expect(settingsText).toContain(`${mail.url}/auth/callback`);
      expect(settingsText).toContain(`${mail.url}/auth/backchannel-logout`);
      expect(settingsText).toContain('openid');
      await expectPng(await screenshot(page, 'admin-services'));

      // Cancelling the confirmation changes nothing.
      await page.getByTestId('admin-service-disable-mail').click();
      await page.getByTestId('confirm-cancel').click();
      await page.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
      expect(await statusOf(page, 'mail')).toBe('enabled');

      // Disable (confirmed): Mail is disabled, and the launcher no longer offers it.
      await page.getByTestId('admin-service-disable-mail').click();
      await expectPng(await screenshot(page, 'admin-services-confirm'));
      await page.getByTestId('confirm-ok').click();
      await expect.poll(() => statusOf(page, 'mail')).toBe('disabled');
      await page.getByTestId('admin-service-enable-mail').waitFor();
      await openLauncher(page);
      expect(await page.getByTestId('launcher-mail').count()).toBe(0);

      // Enable it again: it is back on the launcher.
      await page.getByTestId('nav-admin').click();
      await page.getByTestId('admin-service-mail').waitFor();
      expect(await statusOf(page, 'mail')).toBe('disabled');
      await confirmAction(page, 'admin-service-enable-mail');
      await expect.poll(() => statusOf(page, 'mail')).toBe('enabled');
      await openLauncher(page);
      await page.getByTestId('launcher-mail').waitFor();

      // Rotate its secret: the new one is shown once, and it is the one the hub now takes.
      await page.getByTestId('nav-admin').click();
      await confirmAction(page, 'admin-service-rotate-mail');
      const shown = page.getByTestId('admin-secret');
      await shown.waitFor();
      const secret = ((await shown.textContent()) ?? '').trim();
      expect(secret.length).toBeGreaterThanOrEqual(32);
      expect(await page.getByTestId('admin-secret-dialog').textContent()).toContain(
        '.orbit/data/services/mail.json',
      );
      expect(await tokenStatus(secret)).toBe(200);
      await expectPng(await screenshot(page, 'admin-services-secret'));
      await page.getByTestId('admin-secret-close').click();
      await page.getByTestId('admin-secret-dialog').waitFor({ state: 'detached' });
      expect(await page.getByTestId('admin-secret').count()).toBe(0);
      expect((await page.content()).includes(secret)).toBe(false);
      // The page does not keep it: a reload shows the list, and no secret.
      await page.reload();
      await page.getByTestId('admin-service-mail').waitFor();
      expect((await page.content()).includes(secret)).toBe(false);

      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('sends a signed-out visitor to sign in and back, and tells a non-admin they are not allowed', async () => {
    const context = await newContext(browser, hub.url);
    try {
      const page = await context.newPage();
      const errors = trackPageErrors(page);
      await page.goto('/admin/services');
      await waitForPath(page, '/signin');
      expect(new URL(page.url()).searchParams.get('return_to')).toBe('/admin/services');
      await page.getByTestId('signin-identifier').fill(admin.handle);
      await page.getByTestId('signin-password').fill(admin.password);
      await page.getByTestId('signin-submit').click();
      await waitForPath(page, '/admin/services');
      await page.getByTestId('admin-service-mail').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }

    const userContext = await newContext(browser, hub.url);
    try {
      const page = await userContext.newPage();
      const errors = trackPageErrors(page);
      await signUp(page, newAccount('user'));
      await page.goto('/');
      await page.getByTestId('launcher-menu').waitFor();
      expect(await page.getByTestId('nav-admin').count()).toBe(0);
      await page.goto('/admin/services');
      await page.getByTestId('forbidden').waitFor();
      expect(await page.getByTestId('admin-services').count()).toBe(0);
      expect((await userContext.request.get('/api/admin/services')).status()).toBe(403);
      expect(errors).toEqual([]);
    } finally {
      await userContext.close();
    }
  });
});
