import { expect, it } from 'vitest';
import { describeBrowser, newContext, screenshot } from './browser.js';
import { useHubAndBrowser } from './fixture.js';
import {
  createAccountByApi,
  expectPng,
  newAccount,
  pathOf,
  signIn,
  signUp,
  trackPageErrors,
  waitForPath,
} from './pages.js';

describeBrowser('accounts and sessions in the browser', () => {
  const env = useHubAndBrowser();

  it('signs up, signs in by account number and by handle, and revokes the other session', async () => {
    const account = newAccount('ada');
    const laptop = await newContext(env.browser, env.hub.url);
    const phone = await newContext(env.browser, env.hub.url);
    try {
      const page = await laptop.newPage();
      const errors = trackPageErrors(page);

      // Sign up: the page shows the new account number.
      const accountNumber = await signUp(page, account);
      expect(accountNumber).toMatch(/^[1-9]\d{4,9}$/);
      await expectPng(await screenshot(page, 'signup-done'));

      await page.getByTestId('signup-continue').click();
      await waitForPath(page, '/account');
      await expect.poll(() => page.getByTestId('account-number').textContent()).toContain(accountNumber);
      await expect
        .poll(() => page.getByTestId('account-display-name').textContent())
        .toContain(account.displayName);
      await expectPng(await screenshot(page, 'account'));

      // Sign out, then back in with the account number.
      await page.getByTestId('signout').click();
      await page.getByTestId('signout').waitFor({ state: 'detached' });
      await page.goto('/account');
      await waitForPath(page, '/signin');

      await signIn(page, accountNumber, account.password);
      await waitForPath(page, '/account');
      await expect.poll(() => page.getByTestId('account-number').textContent()).toContain(accountNumber);

      // A second device signs in with the handle.
      const phonePage = await phone.newPage();
      await signIn(phonePage, account.handle, account.password);
      await waitForPath(phonePage, '/account');
      await expect.poll(() => phonePage.getByTestId('account-number').textContent()).toContain(accountNumber);

      // The first device sees both sessions (the account center's sessions section) and revokes the other one.
      await page.goto('/account/sessions');
      const rows = page.getByTestId('session-row');
      await expect.poll(() => rows.count()).toBe(2);
      await expect
        .poll(() => page.locator('[data-testid="session-row"][data-current="true"]').count())
        .toBe(1);
      await expectPng(await screenshot(page, 'account-two-sessions'));

      page.on('dialog', (dialog) => void dialog.accept()); // in case the page asks "are you sure?"
      const other = page.locator('[data-testid="session-row"]:not([data-current="true"])');
      await other.getByTestId('session-revoke').click();
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().getAttribute('data-current')).toBe('true');

      // The second device is signed out: /account sends it to /signin.
      await phonePage.reload();
      await waitForPath(phonePage, '/signin');
      const me = await phone.request.get('/api/session');
      expect(me.status()).toBe(401);

      // …while the first one still is signed in.
      await page.reload();
      await expect.poll(() => page.getByTestId('account-number').textContent()).toContain(accountNumber);
      expect(pathOf(page)).toBe('/account/sessions');

      expect(errors).toEqual([]);
    } finally {
      await laptop.close();
      await phone.close();
    }
  });

  it('shows an error for a wrong password and stays signed out', async () => {
    const account = newAccount('bob');
    await createAccountByApi(env.hub.url, account);
    const context = await newContext(env.browser, env.hub.url);
    try {
      const page = await context.newPage();
      const errors = trackPageErrors(page);
      await signIn(page, account.handle, `${account.password}-wrong`);

      const error = page.getByTestId('form-error');
      await error.waitFor();
      expect(((await error.textContent()) ?? '').trim()).not.toBe('');
      expect(pathOf(page)).toBe('/signin');
      await expectPng(await screenshot(page, 'signin-wrong-password'));

      const session = await context.request.get('/api/session');
      expect(session.status()).toBe(401);

      // The right password still works afterwards.
      await page.getByTestId('signin-password').fill(account.password);
      await page.getByTestId('signin-submit').click();
      await waitForPath(page, '/account');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
