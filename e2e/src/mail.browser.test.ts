import { expect, it } from 'vitest';
import { describeBrowser, newContext, screenshot } from './browser.js';
import { useHubMailAndBrowser } from './mail.js';
import { at, expectPng, newAccount, signUp, trackPageErrors } from './pages.js';

describeBrowser('Orbit Mail in the browser', () => {
  const env = useHubMailAndBrowser();

  it('opens from the launcher signed in, delivers to a second account, and signs out with the hub both ways', async () => {
    const { hub, mail, browser } = env;
    const alice = newAccount('alice');
    const bob = newAccount('bob');
    const aliceContext = await newContext(browser, hub.url);
    const bobContext = await newContext(browser, hub.url);
    try {
      // Alice signs up at the hub and opens Mail from the launcher: signed in there without a password.
      const a = await aliceContext.newPage();
      const aliceErrors = trackPageErrors(a);
      await signUp(a, alice);
      const b = await bobContext.newPage();
      const bobErrors = trackPageErrors(b);
      const bobNumber = await signUp(b, bob);

      await a.goto('/');
      await a.getByTestId('launcher-mail').click();
      await at(a, mail.url);
      await expect.poll(async () => a.getByTestId('user-name').textContent()).toContain(alice.displayName);

      // She writes to Bob by his account number.
      await a.getByTestId('compose-button').click();
      await a.getByTestId('compose-to').fill(bobNumber);
      await a.getByTestId('compose-subject').fill('Dinner on Friday?');
      await a.getByTestId('compose-body').fill('Shall we meet at seven?');
      await a.getByTestId('compose-send').click();
      await a.getByTestId('compose').waitFor({ state: 'detached' });
      await a.getByTestId('folder-sent').click();
      await a.getByTestId('message-row').filter({ hasText: 'Dinner on Friday?' }).waitFor();

      // Bob sees the unread count on the launcher, opens Mail from it, and reads the message.
      await b.goto('/');
      await expect.poll(async () => b.getByTestId('launcher-badge-mail').textContent()).toContain('1');
      await expectPng(await screenshot(b, 'launcher'));
      await b.getByTestId('launcher-mail').click();
      await at(b, mail.url);
      const row = b.getByTestId('message-row').filter({ hasText: 'Dinner on Friday?' });
      await row.click();
      await expect.poll(async () => b.getByTestId('message-subject').textContent()).toBe('Dinner on Friday?');
      expect(await b.getByTestId('message-body').textContent()).toContain('Shall we meet at seven?');
      await expectPng(await screenshot(b, 'mail-read'));

      // Alice signs out at the hub: Mail is signed out too (back-channel logout), so it sends her to sign in.
      await a.goto(`${hub.url}/account`);
      await a.getByTestId('signout').click();
      await at(a, hub.url, '/signin');
      await expect
        .poll(
          async () => {
            await a.goto(`${mail.url}/inbox`);
            return new URL(a.url()).origin;
          },
          { timeout: 15_000, interval: 500 },
        )
        .toBe(hub.url);

      // Bob signs out in Mail: he is signed out of the hub too (RP-initiated logout).
      await b.getByTestId('signout').click();
      await at(b, mail.url, '/signed-out');
      await b.goto(`${hub.url}/account`);
      await at(b, hub.url, '/signin');

      expect(aliceErrors).toEqual([]);
      expect(bobErrors).toEqual([]);
    } finally {
      await aliceContext.close();
      await bobContext.close();
    }
  });
});
