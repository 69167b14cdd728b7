import { type LaunchedHub, ShiftedClock } from '@orbit/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, newContext, screenshot } from './browser.js';
import { sharedBrowser } from './fixture.js';
import { startE2eHub } from './hub.js';
import { expectPng, newAccount, signUp, trackPageErrors } from './pages.js';
import { addVirtualAuthenticator } from './webauthn.js';

/**
 * Adding a first passkey needs the password entered in the last five minutes (docs/security.md). The hub runs on
 * a clock the test moves, so the sign-up's password gets "old" without waiting.
 */
describeBrowser('the first passkey in the browser', () => {
  const clock = new ShiftedClock();
  let hub: LaunchedHub;
  let browser: Browser;

  beforeAll(async () => {
    [hub, browser] = await Promise.all([startE2eHub({}, { clock }), sharedBrowser()]);
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('asks for the password when the session’s is older than five minutes, then adds the passkey', async () => {
    const account = newAccount('fpk');
    const context = await newContext(browser, hub.url);
    try {
      const page = await context.newPage();
      const errors = trackPageErrors(page);
      await addVirtualAuthenticator(page, {});
      await signUp(page, account);
      clock.advance(6 * 60_000);

      await page.goto('/account/security');
      await page.getByTestId('passkey-add').click();
      await page.getByTestId('passkey-name').fill('Laptop');
      await page.getByTestId('passkey-add-submit').click();
      await page.getByTestId('passkey-reauthenticate-intro').waitFor();
      expect(await page.getByTestId('recovery-codes-dialog').count()).toBe(0);

      // A wrong password is refused in place; the right one goes on to the passkey.
      await page.getByTestId('passkey-reauthenticate-password').fill('not the password at all');
      await page.getByTestId('passkey-add-submit').click();
      await expect.poll(() => page.getByTestId('form-error').count()).toBeGreaterThan(0);
      await expectPng(await screenshot(page, 'passkey-reauthenticate'));
      await page.getByTestId('passkey-reauthenticate-password').fill(account.password);
      await page.getByTestId('passkey-add-submit').click();
      await page.getByTestId('recovery-codes-dialog').waitFor();
      await page.getByTestId('recovery-codes-confirm').click();
      await expect.poll(() => page.getByTestId('passkey-row').count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      clock.reset();
    }
  });
});
