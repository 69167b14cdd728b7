import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, newContext, screenshot } from './browser.js';
import { sharedBrowser, sharedHub } from './fixture.js';
import type { E2eHub } from './hub.js';
import { expectPng, getJson, newAccount, signUp, trackPageErrors, waitForPath } from './pages.js';
import { signInNewStaff } from './staff.js';

describeBrowser('Admin → Outbox (the development outbox)', () => {
  let hub: E2eHub;
  let browser: Browser;
  const admin = newAccount('admin');
  const resetLink = () => `${hub.url}/reset-password?token=outbox-e2e-token`;

  beforeAll(async () => {
    [hub, browser] = await Promise.all([sharedHub(), sharedBrowser()]);
  });
  afterAll(async () => {});

  async function createFirstAdmin(page: Page): Promise<void> {
    await signInNewStaff(page, hub, admin);
  }

  it('lists the hub’s mail for an admin, with clickable links and the HTML in a sandboxed frame', async () => {
    const context = await newContext(browser, hub.url);
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    await createFirstAdmin(page);
    await hub.hub.services.email.send({
      to: 'grace@example.test',
      locale: 'en',
      template: 'password_reset',
      data: { displayName: 'Grace <Hopper>', link: resetLink(), expiresMinutes: 30 },
    });

    await page.goto('/admin/services');
    await page.getByTestId('admin-nav-outbox').click();
    await waitForPath(page, '/admin/outbox');
    expect(await page.getByTestId('admin-outbox-mode').getAttribute('data-mode')).toBe('outbox');
    // The hub's worker delivers to the outbox within a second or two.
    const row = page.getByTestId('admin-outbox-row').filter({ hasText: 'grace@example.test' });
    await expect
      .poll(async () => {
        await page.reload();
        await row.first().waitFor();
        return row.getByTestId('admin-outbox-status').getAttribute('data-status');
      })
      .toBe('delivered');
    await expectPng(await screenshot(page, 'outbox-list'));

    await row.getByTestId('admin-outbox-link').click();
    await page.getByTestId('admin-outbox-subject').waitFor();
    expect(await page.getByTestId('admin-outbox-subject').textContent()).toBe('Reset your Orbit password');
    const text = page.getByTestId('admin-outbox-text');
    expect(await text.textContent()).toContain('Hi Grace <Hopper>,');
    const link = text.getByRole('link', { name: resetLink() });
    expect(await link.getAttribute('href')).toBe(resetLink());
    await expectPng(await screenshot(page, 'outbox-message-text'));

    await page.getByTestId('admin-outbox-html-tab').click();
    const frame = page.getByTestId('admin-outbox-html');
    expect(await frame.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
    const inner = page.frameLocator('[data-testid="admin-outbox-html"]');
    await inner.getByRole('link', { name: 'Reset password' }).waitFor();
    expect(await inner.getByText('Hi Grace <Hopper>,').count()).toBe(1);
    await expectPng(await screenshot(page, 'outbox-message-html'));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps other accounts out, and saves a signed-in reader’s language for their mail', async () => {
    const context = await newContext(browser, hub.url);
    const page = await context.newPage();
    await signUp(page, newAccount('reader'));
    expect((await getJson(context, `${hub.url}/api/me`)).body.account.locale).toBe('en');

    await page.goto('/admin/outbox');
    await page.getByTestId('forbidden').waitFor();

    await page.goto('/account');
    // Signed in as far as the page knows (the session has loaded), then the reader switches the language.
    await page.getByTestId('account-display-name').waitFor();
    await page.getByTestId('lang-switch').selectOption('zh-CN');
    await expect
      .poll(async () => (await getJson(context, `${hub.url}/api/me`)).body.account.locale, {
        timeout: 10_000,
      })
      .toBe('zh-CN');
    await context.close();
  });
});
