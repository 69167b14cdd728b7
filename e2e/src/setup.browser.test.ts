import { expect, it } from 'vitest';
import { describeBrowser, newContext, screenshot } from './browser.js';
import { useOwnHub } from './fixture.js';
import { expectPng, newAccount, signIn, trackPageErrors, waitForPath } from './pages.js';

describeBrowser('first admin through the setup link', () => {
  const env = useOwnHub();

  it('creates the first admin once, and the link does not work a second time', async () => {
    const setupUrl = env.hub.hub.setupUrl;
    expect(setupUrl, 'a hub on an empty database offers a setup link').toBeDefined();
    const admin = newAccount('admin');

    const context = await newContext(env.browser, env.hub.url);
    try {
      const page = await context.newPage();
      const errors = trackPageErrors(page);
      await page.goto(setupUrl!);
      await page.getByTestId('setup-handle').fill(admin.handle);
      await page.getByTestId('setup-display-name').fill(admin.displayName);
      await page.getByTestId('setup-email').fill(admin.email);
      await page.getByTestId('setup-password').fill(admin.password);
      await expectPng(await screenshot(page, 'setup'));
      await page.getByTestId('setup-submit').click();

      await waitForPath(page, '/account');
      await expect
        .poll(() => page.getByTestId('account-display-name').textContent())
        .toContain(admin.displayName);
      const me = await context.request.get('/api/me');
      expect(me.status()).toBe(200);
      expect(((await me.json()) as { account: { roles: string[]; handle: string } }).account).toMatchObject({
        roles: ['admin'],
        handle: admin.handle,
      });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }

    // The link is spent: another visitor gets an error, not a second admin.
    const other = await newContext(env.browser, env.hub.url);
    try {
      const page = await other.newPage();
      await page.goto(setupUrl!);
      const error = page.getByTestId('form-error');
      const submit = page.getByTestId('setup-submit');
      await error.or(submit).first().waitFor();
      if (!(await error.isVisible())) {
        const intruder = newAccount('intruder');
        await page.getByTestId('setup-handle').fill(intruder.handle);
        await page.getByTestId('setup-display-name').fill(intruder.displayName);
        await page.getByTestId('setup-email').fill(intruder.email);
        await page.getByTestId('setup-password').fill(intruder.password);
        await submit.click();
        await error.waitFor();
      }
      expect(((await error.textContent()) ?? '').trim()).not.toBe('');
      expect((await other.request.get('/api/session')).status()).toBe(401);

      // The admin can sign in with the password chosen on the setup page (by handle: an address signs in only
      // once verified through its link, and the setup page doesn't verify it).
      await signIn(page, admin.handle, admin.password);
      await waitForPath(page, '/account');
    } finally {
      await other.close();
    }
  });
});
