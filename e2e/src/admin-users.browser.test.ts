import type { BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, newContext, screenshot } from './browser.js';
import { useHubMailAndBrowser } from './mail.js';
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
import { addFirstPasskey, setUpFirstAdmin } from './staff.js';
import { addVirtualAuthenticator } from './webauthn.js';

/**
 * Issue 15's "Done when", in the browser: an admin (with a passkey) grants a second admin and a support role,
 * locks a user signed in to the hub and to Mail (both sign them out), support unlocks them but can't grant
 * roles, and the audit log lists every action.
 */
describeBrowser('managing users in the admin console', () => {
  // Its own hub: the first admin is also the last one, which the hub refuses to demote.
  const env = useHubMailAndBrowser({ ownHub: true });

  /** Creates the first admin through the hub's setup link, as setup.browser.test.ts does. */
  async function createFirstAdmin(page: Page, account: NewAccount): Promise<void> {
    await setUpFirstAdmin(page, env.hub.hub.setupUrl, account);
  }

  /**
   * Adds a passkey (the page's virtual authenticator) in the account center's security section; the session's
   * password is fresh, so no re-authentication is asked.
   */
  async function addPasskey(page: Page, name: string): Promise<void> {
    await addFirstPasskey(page, name);
  }

  /** Opens an account's page from the accounts list, found by its handle. */
  async function openAccount(page: Page, handle: string): Promise<void> {
    await page.goto(`/admin/accounts?q=${encodeURIComponent(handle)}`);
    await page.getByTestId('admin-account-row').first().waitFor();
    await page.getByTestId('admin-account-link').first().click();
    await page.getByTestId('admin-account-details').waitFor();
    expect(await page.getByTestId('admin-account-handle').textContent()).toBe(`@${handle}`);
  }

  /**
   * Confirms the dialog open on the page; when the hub asks for a passkey step-up, confirms it with the virtual
   * authenticator. Resolves once the dialog is gone (the action succeeded).
   */
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
    // A dialog that stays open shows why: say it, rather than only that it timed out.
    await dialog.waitFor({ state: 'detached' }).catch(async (error: unknown) => {
      const shot = await screenshot(page, 'admin-users-dialog-stayed-open');
      throw new Error(`the dialog stayed open (${shot}): ${await dialog.textContent()}`, { cause: error });
    });
  }

  async function grantRole(page: Page, handle: string, role: string): Promise<void> {
    await openAccount(page, handle);
    await page.getByTestId('admin-role-picker').selectOption(role);
    await page.getByTestId('admin-role-grant').click();
    await confirmWithStepUp(page);
    await page.locator(`[data-testid="role-chip"][data-role="${role}"]`).first().waitFor();
  }

  /** The browser's own `fetch` of a hub write, with the session's CSRF token (as the portal sends it). */
  async function hubWrite(page: Page, method: string, path: string, body: unknown) {
    return page.evaluate(
      async ({ method, path, body }) => {
        const session = await fetch('/api/session', { headers: { accept: 'application/json' } });
        const { csrfToken } = (await session.json()) as { csrfToken: string };
        const response = await fetch(path, {
          method,
          headers: {
            'content-type': 'application/json',
            'x-csrf-token': csrfToken,
            accept: 'application/json',
          },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as { error?: { code?: string } } };
      },
      { method, path, body },
    );
  }

  const signedInTo = async (context: BrowserContext) => (await context.request.get('/api/session')).status();

  it('grants admin and support, locks a user out of the hub and Mail, lets support unlock, deletes an account that every service acknowledges, and audits it all', async () => {
    const { hub, mail, browser } = env;
    const admin = newAccount('admin');
    const second = newAccount('second');
    const helper = newAccount('helper');
    const user = newAccount('user');
    const leaving = newAccount('leaving');
    const [, , , leavingNumber] = await Promise.all(
      [second, helper, user, leaving].map((account) => createAccountByApi(hub.url, account)),
    );

    const adminContext = await newContext(browser, hub.url);
    const userContext = await newContext(browser, hub.url);
    const helperContext = await newContext(browser, hub.url);
    try {
      // 1. The first admin, with a passkey: every admin change is confirmed with it.
      const a = await adminContext.newPage();
      const adminErrors = trackPageErrors(a);
      await addVirtualAuthenticator(a);
      await createFirstAdmin(a, admin);
      await addPasskey(a, 'Admin laptop');

      // The only administrator can't remove their own role: the hub refuses, and the page says why.
      await openAccount(a, admin.handle);
      expect(await a.getByTestId('admin-account-action-lock').count()).toBe(0);
      expect(await a.getByTestId('admin-account-action-delete').count()).toBe(0);
      await a.getByTestId('role-revoke-admin').click();
      await confirmWithStepUp(a);
      await a.locator('[data-code="role.last_admin"]').waitFor();
      const roles = a.getByTestId('admin-account-roles');
      expect(await roles.locator('[data-testid="role-chip"][data-role="admin"]').count()).toBe(1);

      // 2. A second admin, granted from the role picker after a passkey step-up.
      await grantRole(a, second.handle, 'admin');
      expect(await a.getByTestId('admin-account-done').textContent()).toContain(second.displayName);
      await expectPng(await screenshot(a, 'admin-users-granted-admin'));

      // 3. Support for a third user.
      await grantRole(a, helper.handle, 'support');

      // The list shows them with their roles as chips, filtered by role in the address.
      await a.goto('/admin/accounts?role=admin');
      await a.getByTestId('admin-account-row').first().waitFor();
      await expect.poll(() => a.getByTestId('admin-account-row').count()).toBe(2);
      expect(await a.getByTestId('admin-accounts-total').getAttribute('data-total')).toBe('2');
      await a.getByTestId('admin-accounts-role').selectOption('support');
      await a.getByTestId('admin-accounts-search-submit').click();
      await a.waitForURL((url) => url.searchParams.get('role') === 'support');
      await expect
        .poll(async () => a.getByTestId('admin-account-row').getAttribute('data-account-id'))
        .toBeTruthy();
      expect(await a.getByTestId('admin-accounts-results').textContent()).toContain(helper.handle);
      const csv = await a.getByTestId('admin-accounts-export').getAttribute('href');
      expect(csv).toBe('/api/admin/accounts.csv?role=support');
      const exported = await adminContext.request.get(csv!);
      expect(exported.status()).toBe(200);
      expect(await exported.text()).toContain(helper.handle);
      await expectPng(await screenshot(a, 'admin-users-list'));
      // An address the hub refuses (a cursor it never gave) offers to start over.
      await a.goto('/admin/accounts?role=support&cursor=not-a-cursor');
      await a.getByTestId('console-bad-address').waitFor();

      // 4. The user is signed in to the hub and to Mail.
      const u = await userContext.newPage();
      const userErrors = trackPageErrors(u);
      await signIn(u, user.handle, user.password);
      await waitForPath(u, '/account');
      await u.goto(mail.url);
      await at(u, mail.url);
      await expect.poll(async () => u.getByTestId('user-name').textContent()).toContain(user.displayName);

      // 5. The admin locks them, with a reason: signed out of the hub and, through the back-channel, of Mail.
      await openAccount(a, user.handle);
      await a.getByTestId('admin-account-action-lock').click();
      await a.getByTestId('action-reason').fill('Reported for spam');
      await expectPng(await screenshot(a, 'admin-users-lock-dialog'));
      await confirmWithStepUp(a);
      await a.getByTestId('admin-account-locked').waitFor();
      expect(await a.getByTestId('admin-account-locked-reason').textContent()).toBe('Reported for spam');
      expect(await a.getByTestId('account-status').first().getAttribute('data-status')).toBe('locked');
      await expectPng(await screenshot(a, 'admin-users-locked'));

      expect(await signedInTo(userContext)).toBe(401);
      await u.goto(`${hub.url}/account`);
      await at(u, hub.url, '/signin');
      await expect
        .poll(
          async () => {
            await u.goto(`${mail.url}/inbox`);
            return new URL(u.url()).origin;
          },
          { timeout: 20_000, interval: 500 },
        )
        .toBe(hub.url);
      // And the password no longer signs them in.
      await signIn(u, user.handle, user.password);
      await u.getByTestId('form-error').waitFor();
      expect(pathOfPage(u)).toBe('/signin');

      // 6. Support: sees the console's accounts, unlock and resend only; needs a passkey before any change.
      const h = await helperContext.newPage();
      const helperErrors = trackPageErrors(h);
      await addVirtualAuthenticator(h);
      await signIn(h, helper.handle, helper.password);
      await waitForPath(h, '/account');
      await openAccount(h, user.handle);
      await h.getByTestId('admin-account-action-unlock').waitFor();
      expect(await h.getByTestId('admin-account-action-lock').count()).toBe(0);
      expect(await h.getByTestId('admin-account-action-delete').count()).toBe(0);
      expect(await h.getByTestId('admin-role-picker').count()).toBe(0);
      expect(await h.getByTestId('admin-role-grant').count()).toBe(0);
      expect(await h.locator('[data-testid^="role-revoke-"]').count()).toBe(0);
      // Without a passkey, the hub refuses, and the console says so and where to add one.
      await h.getByTestId('admin-account-action-unlock').click();
      await h.getByTestId('action-reason').fill('Checked with the user by phone');
      await h.getByTestId('confirm-ok').click();
      await h.getByTestId('passkey-required-dialog').waitFor();
      await h.getByTestId('admin-passkey-required').waitFor();
      await expectPng(await screenshot(h, 'admin-users-passkey-required'));
      await h.getByTestId('passkey-required-add').click();
      await waitForPath(h, '/account/security');
      await addPasskey(h, 'Support phone');
      expect(await signedInTo(helperContext)).toBe(200);
      // Support's console: accounts, outbox and the audit log, no services, clients or tiers.
      await h.goto('/admin/accounts');
      await h.getByTestId('admin-nav-audit').waitFor();
      expect(await h.getByTestId('admin-nav-services').count()).toBe(0);
      expect(await h.getByTestId('admin-nav-clients').count()).toBe(0);
      expect(await h.getByTestId('admin-nav-membership').count()).toBe(0);
      // The roles API refuses support too, whatever the page shows.
      const accountId = await accountIdOf(h, user.handle);
      const refused = await hubWrite(h, 'POST', `/api/admin/accounts/${accountId}/roles`, { role: 'admin' });
      expect(refused.status).toBe(403);
      expect(refused.body.error?.code).toBe('auth.forbidden');

      await openAccount(h, user.handle);
      await h.getByTestId('admin-account-action-unlock').click();
      await h.getByTestId('action-reason').fill('Checked with the user by phone');
      await confirmWithStepUp(h);
      await expect
        .poll(async () => h.getByTestId('account-status').first().getAttribute('data-status'))
        .toBe('active');
      expect(await h.getByTestId('admin-account-locked').count()).toBe(0);
      await expectPng(await screenshot(h, 'admin-users-unlocked-by-support'));

      // The user signs in again.
      await signIn(u, user.handle, user.password);
      await waitForPath(u, '/account');

      // Editing a profile: a taken handle is refused beside its field; a new name is saved.
      await openAccount(a, user.handle);
      await a.getByTestId('admin-account-action-edit-profile').click();
      await a.getByTestId('admin-profile-handle').fill(helper.handle);
      await a.getByTestId('admin-profile-save').click();
      await confirmWithStepUp(a);
      await a.getByTestId('admin-profile-handle-error').waitFor();
      await a.getByTestId('admin-profile-handle').fill(user.handle);
      await a.getByTestId('admin-profile-displayName').fill(`${user.displayName} (verified)`);
      await a.getByTestId('admin-profile-save').click();
      expect(await a.getByTestId('admin-profile-changes').textContent()).toBe('Display name');
      await confirmWithStepUp(a);
      await expect
        .poll(async () => a.getByTestId('admin-account-name').textContent())
        .toBe(`${user.displayName} (verified)`);

      // Deleting an account needs a reason and its handle typed.
      await openAccount(a, leaving.handle);
      await a.getByTestId('admin-account-action-delete').click();
      await a.getByTestId('action-reason').fill('Asked by email to be deleted');
      await a.getByTestId('action-type-confirm').fill('someone_else');
      expect(await a.getByTestId('confirm-ok').isDisabled()).toBe(true);
      await a.getByTestId('action-type-confirm').fill(leaving.handle);
      await expectPng(await screenshot(a, 'admin-users-delete-dialog'));
      await confirmWithStepUp(a);
      await waitForPath(a, '/admin/accounts');
      expect(await a.getByTestId('admin-account-deleted').textContent()).toContain(leaving.displayName);
      // Admin → Deletions lists it, with each service's acknowledgement: Mail deleted the mailbox and said so.
      await a.getByTestId('admin-nav-deletions').click();
      await waitForPath(a, '/admin/deletions');
      const record = a.locator(`[data-testid="admin-deletion"][data-account="${leavingNumber}"]`);
      const mailAck = record.locator('[data-testid="admin-deletion-service"][data-service="mail"]');
      await expect
        .poll(async () => {
          await a.reload();
          await record.waitFor();
          return mailAck.getAttribute('data-acknowledged');
        })
        .toBe('true');
      await expectPng(await screenshot(a, 'admin-deletions'));

      // 7. The audit log lists each action: who, what, to whom.
      await a.goto('/admin/audit');
      await a.getByTestId('audit-entry').first().waitFor();
      const actions = await a
        .getByTestId('audit-entry')
        .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')));
      expect(actions).toEqual(
        expect.arrayContaining(['role.granted', 'account.locked', 'account.unlocked', 'account.deleted']),
      );
      // (Setup's first admin is a role grant too, by the hub itself.)
      const granted = await a
        .locator('[data-testid="audit-entry"][data-action="role.granted"]')
        .evaluateAll((rows) => rows.map((row) => row.textContent ?? ''));
      for (const account of [second, helper]) {
        expect(
          granted.some((text) => text.includes(`@${admin.handle}`) && text.includes(account.handle)),
        ).toBe(true);
      }
      const unlocked = a.locator('[data-testid="audit-entry"][data-action="account.unlocked"]');
      expect(await unlocked.textContent()).toContain(`@${helper.handle}`);
      const locked = a.locator('[data-testid="audit-entry"][data-action="account.locked"]');
      expect(await locked.textContent()).toContain(`@${admin.handle}`);
      expect(await locked.getByTestId('audit-entry-target').getAttribute('href')).toBe(
        `/admin/accounts/${accountId}`,
      );
      await expectPng(await screenshot(a, 'admin-users-audit'));
      // Filtered by action in the address.
      await a.getByTestId('audit-action').selectOption('account.locked');
      await a.getByTestId('audit-search-submit').click();
      await a.waitForURL((url) => url.searchParams.get('action') === 'account.locked');
      await expect.poll(() => a.getByTestId('audit-entry').count()).toBe(1);
      // In Chinese too.
      await a.getByTestId('lang-switch').selectOption('zh-CN');
      await expect.poll(async () => a.locator('h1').textContent()).toBe('审计日志');
      expect(await a.getByTestId('audit-entry-action').first().textContent()).toBe('锁定了账号');
      await expectPng(await screenshot(a, 'admin-users-audit-zh-CN'));
      await a.getByTestId('lang-switch').selectOption('en');
      // And from the account's page: what staff did to it.
      await openAccount(a, user.handle);
      const onAccount = a.getByTestId('admin-account-audit');
      await onAccount.getByTestId('audit-entry').first().waitFor();
      expect(await onAccount.getByTestId('audit-entry').count()).toBe(3); // locked, unlocked, edited

      expect(adminErrors).toEqual([]);
      expect(userErrors).toEqual([]);
      expect(helperErrors).toEqual([]);
    } finally {
      await adminContext.close();
      await userContext.close();
      await helperContext.close();
    }
  }, 180_000); // one story through three browsers, Mail and two dozen passkey ceremonies
});

const pathOfPage = (page: Page) => new URL(page.url()).pathname;

/** The id of the account with `handle`, from the page the reader is on (its accounts list answer). */
async function accountIdOf(page: Page, handle: string): Promise<string> {
  const found = await page.evaluate(async (q) => {
    const response = await fetch(`/api/admin/accounts?q=${encodeURIComponent(q)}`, {
      headers: { accept: 'application/json' },
    });
    return (await response.json()) as { accounts: { id: string; handle: string }[] };
  }, handle);
  const account = found.accounts.find((a) => a.handle === handle);
  expect(account, `an account @${handle}`).toBeDefined();
  return account!.id;
}
