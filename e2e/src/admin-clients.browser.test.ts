import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestMail } from '@orbit/mail/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, newContext, screenshot } from './browser.js';
import { sharedBrowser, sharedHub } from './fixture.js';
import type { E2eHub } from './hub.js';
import { startMail } from './mail.js';
import {
  createAccountByApi,
  expectPng,
  type NewAccount,
  newAccount,
  signIn,
  trackPageErrors,
  waitForPath,
} from './pages.js';
import { type RelyingParty, startRelyingParty } from './relying-party.js';
import { addFirstPasskey, signInNewStaff } from './staff.js';
import { addVirtualAuthenticator } from './webauthn.js';

const HOUR_MS = 3_600_000;

/**
 * OIDC clients in the admin console, in the browser: an admin with a passkey registers an application whose
 * secret, shown once, signs a user in with openid-client; a rotation shows when the old secret stops; and Mail
 * keeps signing people in after the console rotates its secret (the hub rewrites Mail's credentials file).
 */
describeBrowser('OIDC clients in the admin console', () => {
  let hub: E2eHub;
  let mail: TestMail;
  let browser: Browser;
  let rp: RelyingParty;
  const admin = newAccount('admin');
  const early = newAccount('early');
  const late = newAccount('late');

  beforeAll(async () => {
    [hub, browser, rp] = await Promise.all([
      sharedHub(),
      sharedBrowser(),
      startRelyingParty('reports', 'Reports'),
    ]);
    // Mail reads the credentials file in the hub's data folder, as under `npm start`.
    mail = await startMail(hub, {}, { credentialsFile: true });
  });
  afterAll(async () => {
    await mail?.close();
    await rp?.close();
  });

  async function createFirstAdmin(page: Page, account: NewAccount): Promise<void> {
    await signInNewStaff(page, hub, account);
  }

  /** The first passkey (the session's password is fresh): every admin change is confirmed with it. */
  async function addPasskey(page: Page): Promise<void> {
    await addFirstPasskey(page);
  }

  /** Clicks a button that sends an admin write; confirms the passkey step-up when the hub asks for one. */
  async function submitWithStepUp(page: Page, testId: string, then: string): Promise<void> {
    await page.getByTestId(testId).click();
    const stepUp = page.getByTestId('step-up-dialog');
    const next = await Promise.race([
      stepUp.waitFor().then(() => 'step-up' as const),
      page
        .getByTestId(then)
        .waitFor()
        .then(() => 'done' as const),
    ]);
    if (next === 'step-up') {
      await page.getByTestId('step-up-confirm').click();
      await stepUp.waitFor({ state: 'detached' });
    }
    await page.getByTestId(then).waitFor();
  }

  /**
   * What the token endpoint makes of `clientId:secret`: 401 when it refuses the client; 400 (a grant the client
   * may not use) once it has accepted the secret.
   */
  const secretStatus = async (clientId: string, secret: string) =>
    (
      await fetch(new URL('/oidc/token', hub.url), {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=password',
      })
    ).status;

  const mailCredentials = () => join(hub.config.servicesDir!, 'mail.json');

  /** Signs `account` in at the hub in a browser of its own, then opens Mail (single sign-on). */
  async function signInToMail(account: NewAccount): Promise<void> {
    const context = await newContext(browser, hub.url);
    try {
      const page = await context.newPage();
      await signIn(page, account.handle, account.password);
      await expect.poll(async () => (await context.request.get('/api/session')).status()).toBe(200);
      await page.goto(mail.url);
      await expect.poll(() => page.getByTestId('user-name').textContent()).toContain(account.displayName);
    } finally {
      await context.close();
    }
  }

  it('registers a client whose secret signs a user in, rotates it with a grace, and rotates Mail’s without breaking it', async () => {
    const context = await newContext(browser, hub.url);
    try {
      await Promise.all([early, late].map((account) => createAccountByApi(hub.url, account)));
      const page = await context.newPage();
      const errors = trackPageErrors(page);
      await addVirtualAuthenticator(page, {});
      await createFirstAdmin(page, admin);
      await addPasskey(page);

      // Admin → Clients lists Mail's client, marked as the service's.
      await page.goto('/admin/services');
      await page.getByTestId('admin-nav-clients').click();
      await waitForPath(page, '/admin/clients');
      const mailRow = page.locator('[data-testid="admin-client-row"][data-client-id="mail"]');
      await mailRow.waitFor();
      expect(await mailRow.textContent()).toContain('mail');

      // Register an application; its secret is shown once.
      await page.getByTestId('admin-clients-new').click();
      await waitForPath(page, '/admin/clients/new');
      await page.getByTestId('client-id').fill('reports');
      await page.getByTestId('client-name').fill('Reports');
      await page.getByTestId('client-redirect-uris').fill(`${rp.url}/callback`);
      await page.getByTestId('client-post-logout-uris').fill(`${rp.url}/signed-out`);
      await page.getByTestId('client-backchannel-uri').fill(`${rp.url}/backchannel`);
      await page.getByTestId('client-first-party').check();
      await expectPng(await screenshot(page, 'admin-client-new'));
      await submitWithStepUp(page, 'client-create', 'client-secret-dialog');
      const secret = ((await page.getByTestId('client-secret').textContent()) ?? '').trim();
      expect(secret.length).toBeGreaterThanOrEqual(32);
      expect(await page.getByTestId('client-secret-client-id').textContent()).toBe('reports');
      await page.getByTestId('client-secret-close').click();
      await waitForPath(page, '/admin/clients/reports');
      await page.getByTestId('admin-client-name').waitFor();
      expect((await page.content()).includes(secret)).toBe(false);

      // The secret it showed signs the admin in to the application with openid-client (first-party: no consent).
      await rp.connect(hub.url, secret);
      await page.goto(rp.url);
      await page.getByTestId('rp-login').click();
      await expect
        .poll(() => page.getByTestId('rp-status').textContent())
        .toBe(`Signed in as ${admin.displayName}`);

      // Rotate with a two-hour grace: the dialog says when the old secret stops; both work until then.
      await page.goto('/admin/clients/reports');
      await page.getByTestId('admin-client-rotate').click();
      await page.getByTestId('client-rotate-grace').fill('2');
      const before = Date.now();
      await submitWithStepUp(page, 'client-rotate-ok', 'client-secret-dialog');
      const grace = page.getByTestId('client-secret-grace');
      const expires = Date.parse((await grace.getAttribute('data-expires')) ?? '');
      expect(expires).toBeGreaterThanOrEqual(before + 2 * HOUR_MS - 1000);
      expect(expires).toBeLessThanOrEqual(Date.now() + 2 * HOUR_MS + 1000);
      expect(await grace.textContent()).toContain('keeps working until');
      const rotated = ((await page.getByTestId('client-secret').textContent()) ?? '').trim();
      await expectPng(await screenshot(page, 'admin-client-rotated'));
      expect(await secretStatus('reports', secret)).toBe(400);
      expect(await secretStatus('reports', rotated)).toBe(400);
      expect(await secretStatus('reports', 'not-the-secret')).toBe(401);
      await page.getByTestId('client-secret-close').click();
      await expect.poll(() => page.getByTestId('admin-client-secrets').locator('li').count()).toBe(2);

      // Mail: rotated in the console with no grace at all. The hub writes the new secret into Mail's
      // credentials file, so Mail reads it again when the old one is refused, and goes on signing people in.
      // Someone signs in to Mail first, so Mail holds the old secret when it is rotated.
      await signInToMail(early);
      const mailSecretBefore = JSON.parse(await readFile(mailCredentials(), 'utf8')).clientSecret as string;
      await page.goto('/admin/services');
      await page.getByTestId('admin-service-rotate-mail').click();
      await page.getByTestId('client-rotate-grace').fill('0');
      await submitWithStepUp(page, 'client-rotate-ok', 'admin-secret-dialog');
      expect(await page.getByTestId('admin-secret-grace').textContent()).toContain('stopped working at once');
      expect(await page.getByTestId('admin-secret-file').getAttribute('data-written')).toBe('yes');
      expect(await page.getByTestId('admin-secret-file').textContent()).toContain('mail.json');
      await page.getByTestId('admin-secret-close').click();

      expect(await secretStatus('mail', mailSecretBefore)).toBe(401);
      await signInToMail(late);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
