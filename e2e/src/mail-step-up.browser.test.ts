import { expect, it } from 'vitest';
import { describeBrowser, newContext, screenshot } from './browser.js';
import { useHubMailAndBrowser } from './mail.js';
import { at, expectPng, getJson, newAccount, signUp, trackPageErrors } from './pages.js';
import { addVirtualAuthenticator } from './webauthn.js';

describeBrowser('a service demands a passkey step-up through the SDK (Mail: emptying the trash)', () => {
  const env = useHubMailAndBrowser();

  it('sends the user to the hub for the passkey and back, then empties the trash', async () => {
    const { hub, mail, browser } = env;
    const carol = newAccount('carol');
    const context = await newContext(browser, hub.url);
    try {
      const page = await context.newPage();
      const errors = trackPageErrors(page);
      await addVirtualAuthenticator(page);
      const number = await signUp(page, carol);

      const hubSession = async () => (await getJson(context, `${hub.url}/api/session`)).body.session;
      const before = await hubSession();

      // A passkey on the account (the first needs no step-up).
      await page.goto('/account/security');
      await page.getByTestId('passkey-add').click();
      await page.getByTestId('passkey-name').fill('This laptop');
      await page.getByTestId('passkey-add-submit').click();
      await page.getByTestId('recovery-codes-confirm').click();
      await expect.poll(() => page.getByTestId('passkey-row').count()).toBe(1);

      // In Mail (signed in by single sign-on with the password session): a message to herself, then trashed.
      await page.goto('/');
      await page.getByTestId('launcher-mail').click();
      await at(page, mail.url);
      await page.getByTestId('compose-button').click();
      await page.getByTestId('compose-to').fill(number);
      await page.getByTestId('compose-subject').fill('Old receipts');
      await page.getByTestId('compose-body').fill('Throw these away.');
      await page.getByTestId('compose-send').click();
      await page.getByTestId('compose').waitFor({ state: 'detached' });
      await page.getByTestId('folder-inbox').click();
      await page.getByTestId('message-row').filter({ hasText: 'Old receipts' }).click();
      await page.getByTestId('action-trash').click();
      // The move is done once Mail says so; a Trash opened before that lists the folder without it (a loaded CI
      // machine once got there first).
      await page.getByTestId('notice').filter({ hasText: 'Moved to the trash' }).waitFor();
      await page.getByTestId('folder-trash').click();
      await page.getByTestId('message-row').filter({ hasText: 'Old receipts' }).waitFor();

      // Emptying the trash needs a fresh passkey: Mail sends the browser to the hub's step-up page…
      await page.getByTestId('empty-trash').click();
      await page.getByTestId('confirm-ok').click();
      await at(page, hub.url, '/signin/step-up');
      await page.getByTestId('stepup-page').waitFor();
      await expectPng(await screenshot(page, 'mail-step-up'));
      await page.getByTestId('stepup-page-confirm').click();

      // …and back to the trash, where the browser SDK sends the refused request again: it is emptied.
      await at(page, mail.url, '/trash');
      await page.getByTestId('list-empty').waitFor();
      expect(new URL(page.url()).search).toBe('');
      expect(await page.getByTestId('message-row').count()).toBe(0);

      // The step-up raised the hub session the user already had; it made no new one.
      const after = await hubSession();
      expect(after.id).toBe(before.id);
      expect(after.acr).toBe('urn:orbit:acr:passkey');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
