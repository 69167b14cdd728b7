import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, newContext, screenshot } from './browser.js';
import { sharedBrowser, sharedHub } from './fixture.js';
import type { E2eHub } from './hub.js';
import { expectPng, getJson, newAccount, signUp, trackPageErrors, waitForPath } from './pages.js';
import { signInNewStaff } from './staff.js';

/**
 * The whole of "forgot password" as a newcomer meets it on the embedded default (no SMTP): the links arrive in the
 * development outbox, and an admin reads them in the console (Admin → Outbox), as a person would on a fresh hub.
 */
describeBrowser('forgot password through the development outbox', () => {
  let hub: E2eHub;
  let browser: Browser;
  const admin = newAccount('admin');
  const user = newAccount('newcomer');
  const newPassword = 'a lantern over the quiet harbour';

  beforeAll(async () => {
    [hub, browser] = await Promise.all([sharedHub(), sharedBrowser()]);
  });
  afterAll(async () => {});

  async function createFirstAdmin(page: Page): Promise<void> {
    await signInNewStaff(page, hub, admin);
  }

  /** The admin opens the newest message to `to` in Admin → Outbox and reads the link to `path` in it. */
  async function linkFromOutbox(page: Page, to: string, path: string): Promise<string> {
    await page.goto('/admin/outbox');
    const row = page.getByTestId('admin-outbox-row').filter({ hasText: to });
    // The hub's worker delivers to the outbox within a second or two.
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId('admin-outbox').waitFor();
          const first = row.first();
          if ((await row.count()) === 0) return 'none';
          const subject = (await first.textContent()) ?? '';
          const status = await first.getByTestId('admin-outbox-status').getAttribute('data-status');
          return `${status}:${subject}`;
        },
        { timeout: 20_000 },
      )
      .toMatch(/^delivered:/);
    await row.first().getByTestId('admin-outbox-link').click();
    const link = page.getByTestId('admin-outbox-text').locator(`a[href*="${path}?token="]`);
    await link.first().waitFor();
    const href = await link.first().getAttribute('href');
    expect(href?.startsWith(`${hub.url}${path}?token=`)).toBe(true);
    return href!;
  }

  it('signs up with an email, verifies it, forgets the password and resets it, then signs in', async () => {
    const adminContext = await newContext(browser, hub.url);
    const consolePage = await adminContext.newPage();
    await createFirstAdmin(consolePage);

    // The newcomer signs up with an email: the page says a link went there.
    const userContext: BrowserContext = await newContext(browser, hub.url);
    const page = await userContext.newPage();
    const errors = trackPageErrors(page);
    await signUp(page, user);
    expect(await page.getByTestId('signup-email-sent').textContent()).toContain(user.email);
    // The account center shows the address waiting for its link, and sends it again on request.
    await page.goto('/account/profile');
    const state = page.getByTestId('email-state');
    await state.waitFor();
    expect(await state.textContent()).toContain(user.email);
    await page.getByTestId('email-resend').click();
    await state.getByText(`A new link is on its way to ${user.email}.`).waitFor();

    // The link, as the admin sees it in the outbox; opening it spends nothing, the button does.
    const verifyLink = await linkFromOutbox(consolePage, user.email, '/verify-email');
    await page.goto(verifyLink);
    await page.getByTestId('verify-submit').waitFor();
    // The token is read once and leaves the address bar (and so the history entry).
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('verify-done').waitFor();
    expect((await getJson(userContext, `${hub.url}/api/me`)).body.account).toMatchObject({
      email: user.email,
      emailVerified: true,
    });
    await page.goto('/account/profile');
    await page.getByTestId('email-state').waitFor();
    expect(await page.getByTestId('email-state').getAttribute('class')).toContain('email-state-verified');

    // Some days later, on another device, the password is forgotten.
    const laterContext = await newContext(browser, hub.url);
    const later = await laterContext.newPage();
    const laterErrors = trackPageErrors(later);
    await later.goto('/signin');
    await later.getByTestId('signin-identifier').fill(user.email);
    await later.getByTestId('signin-forgot').click();
    await waitForPath(later, '/forgot-password');
    expect(await later.getByTestId('forgot-identifier').inputValue()).toBe(user.email);
    await later.getByTestId('forgot-submit').click();
    await later.getByTestId('forgot-sent').waitFor();
    await expectPng(await screenshot(later, 'forgot-password-sent'));

    const resetLink = await linkFromOutbox(consolePage, user.email, '/reset-password');
    const response = await later.goto(resetLink);
    // No Referer carries the token anywhere from this page.
    expect(response?.headers()['referrer-policy']).toBe('no-referrer');
    await later.getByTestId('reset-password').waitFor();
    expect(new URL(later.url()).searchParams.has('token')).toBe(false);
    await later.getByTestId('reset-password').fill(newPassword);
    await later.getByTestId('reset-confirm').fill(`${newPassword}!`);
    await later.getByTestId('reset-submit').click();
    await later.getByText('The two passwords are not the same.').waitFor();
    await later.getByTestId('reset-confirm').fill(newPassword);
    await expectPng(await screenshot(later, 'reset-password'));
    await later.getByTestId('reset-submit').click();
    await later.getByTestId('reset-done').waitFor();

    // The reset ended the newcomer's other session; the new password signs in.
    expect((await getJson(userContext, `${hub.url}/api/me`)).status).toBe(401);
    await later.getByTestId('reset-sign-in').click();
    await waitForPath(later, '/signin');
    await later.getByTestId('signin-identifier').fill(user.email);
    await later.getByTestId('signin-password').fill(newPassword);
    await later.getByTestId('signin-submit').click();
    await waitForPath(later, '/account');
    expect((await getJson(laterContext, `${hub.url}/api/me`)).body.account.handle).toBe(user.handle);

    // The link is spent: opening it again says so.
    await later.goto(resetLink);
    await later.getByTestId('form-error').waitFor();
    expect(errors).toEqual([]);
    expect(laterErrors).toEqual([]);
    await Promise.all([adminContext.close(), userContext.close(), laterContext.close()]);
  });

  it('speaks Chinese on the recovery pages, and says so when a link is not good', async () => {
    const context = await newContext(browser, hub.url);
    const page = await context.newPage();
    const errors = trackPageErrors(page);
    const han = /[\u4e00-\u9fff]/;
    await page.goto('/forgot-password');
    await page.getByTestId('lang-switch').selectOption('zh-CN');
    await expect.poll(async () => (await page.getByTestId('forgot-submit').textContent()) ?? '').toMatch(han);
    await expectPng(await screenshot(page, 'forgot-password-zh-CN'));

    // A made-up token: the page asks the hub, which knows no such link.
    await page.goto(`/reset-password?token=${'A'.repeat(43)}`);
    const error = page.getByTestId('form-error');
    await error.waitFor();
    expect((await error.textContent()) ?? '').toMatch(han);
    expect(new URL(page.url()).search).toBe('');
    await page.goto(`/verify-email?token=${'B'.repeat(43)}`);
    await error.waitFor();
    expect((await error.textContent()) ?? '').toMatch(han);
    expect(errors).toEqual([]);
    await context.close();
  });
});
