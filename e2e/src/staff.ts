import { grantRoles, type LaunchedHub } from '@orbit/testing';
import type { Locator, Page } from 'playwright-core';
import { createAccount, type NewAccount, signIn, waitForPath } from './pages.js';
import { addVirtualAuthenticator } from './webauthn.js';

/**
 * Staff in the browser: every admin write needs a passkey (the hub's admin/guards.ts), so a staff member adds one
 * first, and confirms writes with a passkey step-up when the hub asks.
 */

/**
 * Gives the page a virtual authenticator and adds the account's first passkey from the account center (the
 * session's password must be fresh: just after setup, sign-up or sign-in).
 */
export async function addStaffPasskey(page: Page, name = 'Laptop'): Promise<void> {
  await addVirtualAuthenticator(page, {});
  await addFirstPasskey(page, name);
}

/** Adds the account's first passkey from the account center, with the page's virtual authenticator. */
export async function addFirstPasskey(page: Page, name = 'Laptop'): Promise<void> {
  await page.goto('/account/security');
  await page.getByTestId('passkey-add').click();
  await page.getByTestId('passkey-name').fill(name);
  await page.getByTestId('passkey-add-submit').click();
  await page.getByTestId('recovery-codes-dialog').waitFor();
  await page.getByTestId('recovery-codes-confirm').click();
  await page.getByTestId('recovery-codes-dialog').waitFor({ state: 'detached' });
}

/**
 * Clicks `button`, confirms the passkey step-up when the hub asks for one, and waits for `done` (what the page
 * shows once the write went through).
 */
export async function clickWithStepUp(page: Page, button: Locator, done: Locator): Promise<void> {
  await button.click();
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

/** Creates the first admin through the hub's one-time setup link; the page ends on the account center. */
export async function setUpFirstAdmin(
  page: Page,
  setupUrl: string | undefined,
  account: NewAccount,
): Promise<void> {
  if (!setupUrl) throw new Error('a hub on an empty database offers a setup link');
  await page.goto(setupUrl);
  await page.getByTestId('setup-handle').fill(account.handle);
  await page.getByTestId('setup-display-name').fill(account.displayName);
  await page.getByTestId('setup-email').fill(account.email);
  await page.getByTestId('setup-password').fill(account.password);
  await page.getByTestId('setup-submit').click();
  await waitForPath(page, '/account');
}

/**
 * Signs a new staff member in on `page`: an account made through the API, given `roles` over the hub's admin
 * channel (as `npm run orbit -- roles:grant` does), then signed in with its password — for the run's shared hub,
 * whose one-time setup link is long used. The page ends on the account center, the password fresh.
 */
export async function signInNewStaff(
  page: Page,
  hub: LaunchedHub,
  account: NewAccount,
  roles: readonly string[] = ['admin'],
): Promise<void> {
  const created = await createAccount(hub.url, account);
  await grantRoles(hub, created.id, roles);
  await signIn(page, account.handle, account.password);
  await page.waitForURL((url) => url.pathname !== '/signin');
  await page.goto('/account');
  await waitForPath(page, '/account');
}
