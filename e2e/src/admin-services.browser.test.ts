import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, newContext, screenshot } from './browser.js';
import { sharedBrowser, sharedHub } from './fixture.js';
import type { E2eHub } from './hub.js';
import { startMail } from './mail.js';
import { expectPng, type NewAccount, newAccount, signUp, trackPageErrors, waitForPath } from './pages.js';
import { addFirstPasskey, signInNewStaff } from './staff.js';
import { addVirtualAuthenticator, type VirtualAuthenticator } from './webauthn.js';

describeBrowser('the admin console for services', () => {
  let hub: E2eHub;
  let mail: Awaited<ReturnType<typeof startMail>>;
  let browser: Browser;
  const admin = newAccount('admin');
  let adminContext: BrowserContext | undefined;
  let adminPage: Page | undefined;
  let authenticator: VirtualAuthenticator | undefined;
  /** Whether the virtual authenticator answers by itself (off: the sign-in form's passkey autofill waits). */
  const presence = (enabled: boolean) =>
    authenticator!.cdp.send('WebAuthn.setAutomaticPresenceSimulation', {
      authenticatorId: authenticator!.authenticatorId,
      enabled,
    });

  beforeAll(async () => {
    [hub, browser] = await Promise.all([sharedHub(), sharedBrowser()]);
    mail = await startMail(hub);
  });
  afterAll(async () => {
    await adminContext?.close();
    await mail?.close();
  });

  /** Creates the first admin through the hub's setup link, as setup.browser.test.ts does. */
  async function createFirstAdmin(page: Page, account: NewAccount): Promise<void> {
    await signInNewStaff(page, hub, account);
  }

  const statusOf = (page: Page, id: string) =>
    page.getByTestId(`admin-service-status-${id}`).getAttribute('data-status');

  /** The first passkey (the session's password is fresh): every admin change is confirmed with it. */
  async function addPasskey(page: Page): Promise<void> {
    await addFirstPasskey(page);
  }

  /**
   * Clicks `okTestId` in the dialog open on the page and waits for `done`, confirming the passkey step-up on the
   * way when the hub asks for one.
   */
  async function confirmWithStepUp(page: Page, okTestId: string, done: Locator): Promise<void> {
    await page.getByTestId(okTestId).click();
    const stepUp = page.getByTestId('step-up-dialog');
    const next = await Promise.race([
      stepUp.waitFor().then(() => 'step-up' as const),
      done.waitFor().then(() => 'done' as const),
    ]);
    if (next === 'step-up') {
      await page.getByTestId('step-up-confirm').click();
      await stepUp.waitFor({ state: 'detached' });
    }
    await done.waitFor();
  }

  /** Clicks an action's button, then Confirm in the dialog it opens, until the service shows `status`. */
  async function confirmAction(page: Page, testId: string, status: 'enabled' | 'disabled'): Promise<void> {
    await page.getByTestId(testId).click();
    await confirmWithStepUp(
      page,
      'confirm-ok',
      page.locator(`[data-testid="admin-service-status-mail"][data-status="${status}"]`),
    );
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
    adminContext = await newContext(browser, hub.url);
    // Kept open for the next test: its virtual authenticator holds the admin's passkey.
    adminPage = await adminContext.newPage();
    const page = adminPage;
    const errors = trackPageErrors(page);
    authenticator = await addVirtualAuthenticator(page, {});
    await createFirstAdmin(page, admin);
    await addPasskey(page);

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
    await confirmWithStepUp(
      page,
      'confirm-ok',
      page.locator('[data-testid="admin-service-status-mail"][data-status="disabled"]'),
    );
    await page.getByTestId('admin-service-enable-mail').waitFor();
    await openLauncher(page);
    expect(await page.getByTestId('launcher-mail').count()).toBe(0);

    // Enable it again: it is back on the launcher.
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-service-mail').waitFor();
    expect(await statusOf(page, 'mail')).toBe('disabled');
    await confirmAction(page, 'admin-service-enable-mail', 'enabled');
    await openLauncher(page);
    await page.getByTestId('launcher-mail').waitFor();

    // Rotate its secret: the new one is shown once and the hub takes it, and written into the credentials file
    // that registration left in the hub's services folder (as `npm start` registers); the old one works through
    // the grace (24 hours by default), so Mail, which was given its secret rather than reading that file, keeps
    // working.
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-service-rotate-mail').click();
    expect(await page.getByTestId('client-rotate-grace').inputValue()).toBe('24');
    const shown = page.getByTestId('admin-secret');
    await confirmWithStepUp(page, 'client-rotate-ok', shown);
    const secret = ((await shown.textContent()) ?? '').trim();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const ends = Date.parse(
      (await page.getByTestId('admin-secret-grace').getAttribute('data-expires')) ?? '',
    );
    expect(Math.abs(ends - (Date.now() + 24 * 3_600_000))).toBeLessThan(60_000);
    expect(await page.getByTestId('admin-secret-file').getAttribute('data-written')).toBe('yes');
    expect(await tokenStatus(secret)).toBe(200);
    expect(await tokenStatus(mail.credentials.clientSecret)).toBe(200);
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
  });

  it('sends a signed-out visitor to sign in and back, and tells a non-admin they are not allowed', async () => {
    // Signed out (no cookies) in the admin's own browser, whose authenticator holds the passkey: the password,
    // then the passkey as the second factor, and back to the console.
    const page = adminPage!;
    const errors = trackPageErrors(page);
    await adminContext!.clearCookies();
    await presence(false);
    await page.goto('/admin/services');
    await waitForPath(page, '/signin');
    expect(new URL(page.url()).searchParams.get('return_to')).toBe('/admin/services');
    await page.getByTestId('signin-identifier').fill(admin.handle);
    await page.getByTestId('signin-password').fill(admin.password);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('signin-second-factor').waitFor();
    await presence(true);
    await page.getByTestId('signin-second-factor-passkey').click();
    await waitForPath(page, '/admin/services');
    await page.getByTestId('admin-service-mail').waitFor();
    expect(errors).toEqual([]);

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
