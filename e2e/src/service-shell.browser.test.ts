import { expect, it } from 'vitest';
import { describeBrowser, newContext, screenshot } from './browser.js';
import { useHubMailAndBrowser } from './mail.js';
import { at, expectPng, getJson, newAccount, signUp, trackPageErrors } from './pages.js';

describeBrowser('the service shell: one header, and the language follows the user', () => {
  const env = useHubMailAndBrowser();

  it('shows in Mail the language chosen in the portal, and in the portal the one chosen in Mail', async () => {
    const { hub, mail, browser } = env;
    const person = newAccount('shell');
    const context = await newContext(browser, hub.url);
    try {
      const page = await context.newPage();
      const errors = trackPageErrors(page);
      await signUp(page, person);
      const locale = async () => (await getJson(context, `${hub.url}/api/me`)).body.account.locale;
      expect(await locale()).toBe('en');

      // Chosen in the portal: saved on the account.
      await page.goto('/account');
      await page.getByTestId('account-display-name').waitFor();
      await page.getByTestId('lang-switch').selectOption('zh-CN');
      await expect.poll(locale, { timeout: 10_000 }).toBe('zh-CN');

      // Seen in Mail, whose page had never been told: the shell takes the account's language.
      await page.goto(mail.url);
      await at(page, mail.url);
      await expect
        .poll(async () => page.getByTestId('user-name').textContent())
        .toContain(person.displayName);
      await expect.poll(async () => page.getByTestId('lang-switch').inputValue()).toBe('zh-CN');
      expect(await page.getByTestId('shell-service-name').textContent()).toBe('Orbit 邮箱');
      expect(await page.getByTestId('signout').textContent()).toBe('退出登录');

      // The app switcher lists the launcher's services, Mail marked as the current one.
      await page.getByTestId('app-switcher').click();
      const self = page.getByTestId('app-mail');
      await self.waitFor();
      expect(await self.getAttribute('aria-current')).toBe('page');
      expect(await self.getAttribute('href')).toBe(`${mail.url}/`);
      // Its icon comes from the hub, another origin: Mail's CSP and the hub's CORP let it load.
      await expect
        .poll(async () =>
          self.locator('img').evaluate((img) => (img as { naturalWidth: number }).naturalWidth),
        )
        .toBeGreaterThan(0);
      await expectPng(await screenshot(page, 'service-shell-zh-CN'));
      await page.keyboard.press('Escape');
      await page.getByTestId('app-switcher-menu').waitFor({ state: 'detached' });

      // Chosen in Mail's menu: saved at the hub, and the portal shows it on its next visit.
      await page.getByTestId('lang-switch').selectOption('en');
      await expect.poll(async () => page.getByTestId('signout').textContent()).toBe('Sign out');
      await expect.poll(locale, { timeout: 10_000 }).toBe('en');
      await page.goto(`${hub.url}/account`);
      await page.getByTestId('account-display-name').waitFor();
      await expect.poll(async () => page.getByTestId('lang-switch').inputValue()).toBe('en');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
