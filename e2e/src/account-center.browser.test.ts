import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, newContext, screenshot } from './browser.js';
import { useHubAndBrowser } from './fixture.js';
import { expectPng, getJson, newAccount, signIn, signUp, trackPageErrors, waitForPath } from './pages.js';
import { addVirtualAuthenticator } from './webauthn.js';

/** Whether the nav link of `section` is marked as the current page. */
const current = (page: Page, section: string) =>
  page.getByTestId(`account-nav-${section}`).getAttribute('aria-current');

/** Buys a monthly VIP membership with the sandbox card, from the page (same origin, its CSRF token). */
const buyVip = (page: Page) =>
  page.evaluate(async () => {
    const { csrfToken } = (await (await fetch('/api/session')).json()) as { csrfToken: string };
    const res = await fetch('/api/me/subscriptions', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': csrfToken,
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify({
        tierId: 'vip',
        period: 'month',
        currency: 'CNY',
        card: { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2090, cvc: '123' },
      }),
    });
    return res.status;
  });

describeBrowser('the account center in the browser', () => {
  const env = useHubAndBrowser();

  it('navigates its sections, signs the other sessions out, names a passkey after the browser, warns before deleting a paid membership, and signing in cancels the deletion', async () => {
    const account = newAccount('center');
    const laptop = await newContext(env.browser, env.hub.url);
    const phone = await newContext(env.browser, env.hub.url);
    try {
      const page = await laptop.newPage();
      const errors = trackPageErrors(page);
      await addVirtualAuthenticator(page, { backupEligible: true, backedUp: true });
      const accountNumber = await signUp(page, account);
      await page.getByTestId('signup-continue').click();
      await waitForPath(page, '/account');

      // The overview: a new account has no passkey yet, and its address waits for its link.
      await page.locator('[data-testid="account-attention"][data-kind="no-passkey"]').waitFor();
      await page.locator('[data-testid="account-attention"][data-kind="email-unverified"]').waitFor();
      expect(await current(page, 'overview')).toBe('page');
      await expect
        .poll(() => page.getByTestId('account-card-sessions').textContent())
        .toContain('1 signed-in');
      await expectPng(await screenshot(page, 'account-center-overview'));

      // Each section has its own address; the nav marks where we are; back and forward walk through them.
      await page.getByTestId('account-nav-security').click();
      await waitForPath(page, '/account/security');
      await page.getByTestId('passkey-protection').waitFor();
      expect(await current(page, 'security')).toBe('page');
      expect(await current(page, 'overview')).toBeNull();
      // The keyboard continues in the section, not in the nav.
      expect(await page.evaluate("document.activeElement?.getAttribute('data-testid')")).toBe(
        'account-content',
      );
      await page.getByTestId('account-nav-sessions').click();
      await waitForPath(page, '/account/sessions');
      await page.getByTestId('session-row').first().waitFor();
      await page.goBack();
      await waitForPath(page, '/account/security');
      await page.getByTestId('passkey-protection').waitFor();
      expect(await current(page, 'security')).toBe('page');
      await page.goBack();
      await waitForPath(page, '/account');
      await page.getByTestId('account-card-security').waitFor();
      await page.goForward();
      await waitForPath(page, '/account/security');
      // A link from before the sections lands in the section that holds it now.
      await page.goto('/account#passkeys');
      await waitForPath(page, '/account/security');
      expect(new URL(page.url()).hash).toBe('#passkeys');

      // Sign out every other session: the phone loses its session, this browser keeps its own.
      const phonePage = await phone.newPage();
      await signIn(phonePage, account.handle, account.password);
      await waitForPath(phonePage, '/account');
      await page.getByTestId('account-nav-sessions').click();
      await waitForPath(page, '/account/sessions');
      const others = page.getByTestId('sessions-revoke-others');
      await expect.poll(() => others.getAttribute('data-count')).toBe('1');
      expect(await others.textContent()).toBe('Sign out 1 other session');
      await expectPng(await screenshot(page, 'account-center-sessions'));
      await others.click();
      await page.getByTestId('confirm-ok').click();
      await page.getByTestId('sessions-revoked-others').waitFor();
      await expect.poll(() => page.getByTestId('session-row').count()).toBe(1);
      await page.getByTestId('sessions-only-this').waitFor();
      expect((await getJson(phone, `${env.hub.url}/api/session`)).status).toBe(401);
      await phonePage.reload();
      await waitForPath(phonePage, '/signin');
      expect((await getJson(laptop, `${env.hub.url}/api/session`)).status).toBe(200);

      // A paid membership (bought before the passkey, so without a step-up), shown in the membership section.
      expect(await buyVip(page)).toBe(201);
      await page.getByTestId('account-nav-membership').click();
      await waitForPath(page, '/account/membership');
      await page.getByTestId('membership-live').getByText('VIP').first().waitFor();
      expect(await current(page, 'membership')).toBe('page');

      // A passkey added without a name is named after this browser: Debian's Chromium says "Chrome" on Linux.
      // The overview's "add a passkey" leads to the passkeys on the security section.
      await page.getByTestId('account-nav-overview').click();
      await page.getByTestId('account-attention-no-passkey').click();
      await waitForPath(page, '/account/security');
      expect(new URL(page.url()).hash).toBe('#passkeys');
      await page.getByTestId('passkey-add').click();
      expect(await page.getByTestId('passkey-name').getAttribute('placeholder')).toBe('Chrome on Linux');
      await page.getByTestId('passkey-add-submit').click();
      await page.getByTestId('recovery-codes-dialog').waitFor();
      await page.getByTestId('recovery-codes-confirm').click();
      await expect.poll(() => page.getByTestId('passkey-name-text').textContent()).toBe('Chrome on Linux');
      await expectPng(await screenshot(page, 'account-center-passkey-named'));
      // The overview no longer asks for one.
      await page.getByTestId('account-nav-overview').click();
      await page.getByTestId('account-card-security').getByText('Passkey protection is on').waitFor();
      expect(await page.locator('[data-testid="account-attention"][data-kind="no-passkey"]').count()).toBe(0);

      // On a phone-sized screen the sections are a select above the content.
      await page.setViewportSize({ width: 375, height: 812 });
      expect(await page.getByTestId('account-nav-security').isVisible()).toBe(false);
      const select = page.getByTestId('account-nav-select');
      expect(await select.isVisible()).toBe(true);
      expect(await select.inputValue()).toBe('overview');
      await select.selectOption('profile');
      await waitForPath(page, '/account/profile');
      await page.getByTestId('profile-display-name').waitFor();
      await expectPng(await screenshot(page, 'account-center-narrow'));
      // In Chinese too.
      await page.getByTestId('region-language').selectOption('zh-CN');
      await expect.poll(() => select.locator('option[value="profile"]').textContent()).toBe('个人信息');
      await expectPng(await screenshot(page, 'account-center-narrow-zh-CN'));
      await page.getByTestId('region-language').selectOption('en');
      await select.selectOption('privacy');
      await waitForPath(page, '/account/privacy');
      await page.goBack();
      await waitForPath(page, '/account/profile');
      expect(await select.inputValue()).toBe('profile');

      // Deleting the account names the paid membership that ends, unrefunded, before anything happens.
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.getByTestId('account-nav-privacy').click();
      await waitForPath(page, '/account/privacy');
      await page.getByTestId('account-delete').click();
      const warning = page.getByTestId('delete-account-memberships');
      await warning.waitFor();
      expect(await warning.textContent()).toContain('is not refunded');
      expect(await page.getByTestId('delete-account-membership').getAttribute('data-tier')).toBe('vip');
      await expectPng(await screenshot(page, 'account-center-delete-warning'));
      await page.getByTestId('delete-account-confirm-input').fill(accountNumber);
      await page.getByTestId('delete-account-submit').click();
      // With a passkey the deletion needs a step-up, which the virtual authenticator answers. The account is
      // signed out and waits out its grace period: the sign-in page says so.
      await page.getByTestId('step-up-dialog').waitFor();
      await page.getByTestId('step-up-confirm').click();
      await waitForPath(page, '/signin');
      // Signing in again cancels the deletion, and the page says so before going on: here the passkey, which the
      // form's autofill offers (and the virtual authenticator takes at once), or else its button.
      const cancelled = page.getByTestId('signin-deletion-cancelled');
      await cancelled.waitFor({ timeout: 5_000 }).catch(async () => {
        await page.getByTestId('signin-passkey').click({ timeout: 3_000 });
        await cancelled.waitFor();
      });
      expect(await cancelled.textContent()).toContain('deletion was cancelled');
      await expectPng(await screenshot(page, 'account-center-deletion-cancelled'));
      await page.getByTestId('signin-continue').click();
      await waitForPath(page, '/account');
      expect((await getJson(laptop, `${env.hub.url}/api/session`)).status).toBe(200);

      expect(errors).toEqual([]);
    } finally {
      await laptop.close();
      await phone.close();
    }
  });
});
