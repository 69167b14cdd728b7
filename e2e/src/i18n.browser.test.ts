import { expect, it } from 'vitest';
import { describeBrowser, newContext, screenshot } from './browser.js';
import { useHubAndBrowser } from './fixture.js';
import { expectPng, trackPageErrors } from './pages.js';

const han = /[\u4e00-\u9fff]/;

describeBrowser('language switch', () => {
  const env = useHubAndBrowser();

  it('switches to 简体中文, keeps it across a reload, and switches back', async () => {
    const context = await newContext(env.browser, env.hub.url);
    try {
      const page = await context.newPage();
      const errors = trackPageErrors(page);
      const submit = page.getByTestId('signin-submit');
      const langSwitch = page.getByTestId('lang-switch');
      const text = async () => ((await submit.textContent()) ?? '').trim();

      await page.goto('/signin');
      await submit.waitFor();
      const english = await text();
      expect(english).not.toMatch(han);
      expect(await langSwitch.inputValue()).toBe('en');
      expect(await langSwitch.locator('option[value="zh-CN"]').textContent()).toContain('简体中文');

      await langSwitch.selectOption('zh-CN');
      await expect.poll(text).toMatch(han);
      await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('zh-CN');
      await expectPng(await screenshot(page, 'signin-zh-CN'));

      await page.reload();
      await submit.waitFor();
      await expect.poll(text).toMatch(han);
      expect(await langSwitch.inputValue()).toBe('zh-CN');

      // Other pages follow the choice too.
      await page.goto('/signup');
      await expect
        .poll(async () => (await page.getByTestId('signup-submit').textContent()) ?? '')
        .toMatch(han);
      await expectPng(await screenshot(page, 'signup-zh-CN'));

      await langSwitch.selectOption('en');
      await expect
        .poll(async () => (await page.getByTestId('signup-submit').textContent()) ?? '')
        .not.toMatch(han);
      await page.goto('/signin');
      await expect.poll(text).toBe(english);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
