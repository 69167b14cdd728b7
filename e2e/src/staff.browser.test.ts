import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, newContext } from './browser.js';
import { sharedBrowser, sharedHub } from './fixture.js';
import type { E2eHub } from './hub.js';
import { startMail } from './mail.js';
import { newAccount, signIn, trackPageErrors, waitForPath } from './pages.js';
import { clickWithStepUp } from './staff.js';
import { addVirtualAuthenticator } from './webauthn.js';

/**
 * Issue 15's staff rules in Chromium: an admin without a passkey is sent to add one before any admin change, then
 * confirms the change with it; support sees only the console sections its permissions open.
 */
describeBrowser('staff roles and the passkey rule', () => {
  let hub: E2eHub;
  let mail: Awaited<ReturnType<typeof startMail>>;
  let browser: Browser;

  beforeAll(async () => {
    [hub, browser] = await Promise.all([sharedHub(), sharedBrowser()]);
    mail = await startMail(hub);
  });
  afterAll(async () => {
    await mail?.close();
  });

  it('asks an admin without a passkey to add one, then lets the change through with a step-up', async () => {
    const admin = newAccount('admin');
    await hub.hub.services.accounts.create({ ...admin, roles: ['admin'] });
    const context = await newContext(browser, hub.url);
    try {
      const page = await context.newPage();
      const errors = trackPageErrors(page);
      await addVirtualAuthenticator(page, {});
      await signIn(page, admin.handle, admin.password);
      await waitForPath(page, '/account');

      await page.goto('/admin/services');
      await page.getByTestId('admin-service-disable-mail').click();
      await page.getByTestId('confirm-ok').click();
      // Refused until the account has a passkey: the dialog says so and leads to the account center's passkeys.
      const dialog = page.getByTestId('passkey-required-dialog');
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('Add a passkey');
      expect(await page.getByTestId('admin-service-status-mail').getAttribute('data-status')).toBe('enabled');
      await page.getByTestId('passkey-required-add').click();
      await waitForPath(page, '/account/security');

      // The password was entered minutes ago: the first passkey needs nothing more.
      await page.getByTestId('passkey-add').click();
      await page.getByTestId('passkey-name').fill('Laptop');
      await page.getByTestId('passkey-add-submit').click();
      await page.getByTestId('recovery-codes-dialog').waitFor();
      await page.getByTestId('recovery-codes-confirm').click();
      await page.getByTestId('recovery-codes-dialog').waitFor({ state: 'detached' });

      await page.goto('/admin/services');
      await page.getByTestId('admin-service-disable-mail').click();
      await clickWithStepUp(
        page,
        page.getByTestId('confirm-ok'),
        page.locator('[data-testid="admin-service-status-mail"][data-status="disabled"]'),
      );
      // The run's hub is shared: other admins may have disabled Mail before; this admin did once, from the console.
      const { entries } = await hub.hub.services.audit.search({
        action: 'service.disabled',
        targetId: 'mail',
      });
      const own = entries.filter((entry) => entry.actor?.label === `@${admin.handle}`);
      expect(own).toHaveLength(1);
      expect(own[0]?.actor).toMatchObject({ label: `@${admin.handle}`, via: 'console' });
      expect(errors).toEqual([]);
    } finally {
      await hub.hub.services.serviceRegistry.setDisabled('mail', false);
      await context.close();
    }
  });

  it('opens Accounts and the audit log to support, and not Services', async () => {
    const support = newAccount('support');
    await hub.hub.services.accounts.create({ ...support, roles: ['support'] });
    const context = await newContext(browser, hub.url);
    try {
      const page = await context.newPage();
      const errors = trackPageErrors(page);
      await signIn(page, support.handle, support.password);
      await waitForPath(page, '/account');
      await page.getByTestId('nav-admin').click();
      await waitForPath(page, '/admin/accounts');
      await page.getByTestId('admin-nav-audit').waitFor();
      expect(await page.getByTestId('admin-nav-services').count()).toBe(0);
      expect(await page.getByTestId('admin-nav-clients').count()).toBe(0);
      expect(await page.getByTestId('admin-nav-membership').count()).toBe(0);

      await page.goto('/admin/services');
      await page.getByTestId('forbidden').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
