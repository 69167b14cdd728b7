import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, newContext, screenshot } from './browser.js';
import { useHubAndBrowser } from './fixture.js';
import { expectPng, signedInPeople, waitForPath } from './pages.js';

/** Searches on the Add tab and waits for the answer: the results, or "nobody found". */
async function search(page: Page, query: string): Promise<void> {
  await page.getByTestId('friends-nav-add').click();
  await waitForPath(page, '/friends/add');
  await page.getByTestId('friends-search').fill(query);
  await page.getByTestId('friends-search-submit').click();
  await page.locator('[data-testid="search-result"], [data-testid="friends-search-none"]').first().waitFor();
}

/** The friend group named `name` on the Friends tab. */
const group = (page: Page, name: string) => page.locator(`[data-testid="friend-group"][data-name="${name}"]`);

describeBrowser('friends in the browser', () => {
  const env = useHubAndBrowser();

  it('finds someone by account number, asks them into a new group, they accept into theirs, and a block ends it', async () => {
    const [
      { account: ada, created: adaAccount, context: adaContext, page: a, errors: aErrors },
      { account: bob, created: bobAccount, context: bobContext, page: b, errors: bErrors },
    ] = await signedInPeople((url) => newContext(env.browser, url), env.hub.url, ['ada', 'bob']);
    try {
      // Ada opens Friends from the top bar: no friends yet, and the page says how to find some.
      await a.getByTestId('nav-friends').click();
      await waitForPath(a, '/friends');
      await a.getByTestId('friends-empty').waitFor();
      // The discoverability settings are one link away, in the account center's privacy section.
      await a.getByTestId('friends-privacy').click();
      await waitForPath(a, '/account/privacy');
      await a.getByTestId('discoverability-form').waitFor();
      expect(await a.getByTestId('discoverability-findableByAccountNumber').isChecked()).toBe(true);
      await a.getByTestId('nav-friends').click();
      await waitForPath(a, '/friends');

      // She finds Bob by his account number and asks him, with a message, filing him in a new group.
      await search(a, bobAccount.accountNumber);
      const found = a.getByTestId('search-result');
      expect(await found.count()).toBe(1);
      expect(await found.getAttribute('data-handle')).toBe(bob.handle);
      expect(await found.getAttribute('data-standing')).toBe('open');
      await found.getByTestId('person-add').click();
      const dialog = a.getByTestId('add-dialog');
      await dialog.waitFor();
      await a.getByTestId('add-message').fill('Hi Bob, Ada from the chess club.');
      await a.getByTestId('add-group').selectOption('new');
      await a.getByTestId('add-group-new-name').fill('Chess club');
      await expectPng(await screenshot(a, 'friends-add-dialog'));
      await a.getByTestId('add-send').click();
      await a.getByTestId('add-done').waitFor();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => found.getAttribute('data-standing')).toBe('requested');
      await a.getByTestId('friends-nav-requests').click();
      await expect
        .poll(() =>
          a.locator(`[data-testid="request-sent"][data-handle="${bob.handle}"]`).getAttribute('data-status'),
        )
        .toBe('pending');

      // Bob sees one request waiting, on the top bar and on the Requests tab.
      await b.goto('/account');
      await expect.poll(() => b.getByTestId('nav-friends-count').getAttribute('data-count')).toBe('1');
      await b.getByTestId('nav-friends').click();
      await waitForPath(b, '/friends');
      await expect.poll(() => b.getByTestId('friends-requests-count').getAttribute('data-count')).toBe('1');

      // He makes a group of his own, then accepts Ada into it with a remark.
      await b.getByTestId('friends-nav-groups').click();
      await waitForPath(b, '/friends/groups');
      await b.getByTestId('group-create-name').fill('Club');
      await b.getByTestId('group-create').click();
      await b.getByTestId('groups-done').waitFor();
      await b.locator('[data-testid="group-name"]', { hasText: 'Club' }).waitFor();
      await b.getByTestId('friends-nav-requests').click();
      await waitForPath(b, '/friends/requests');
      const request = b.locator(`[data-testid="request-received"][data-handle="${ada.handle}"]`);
      await request.waitFor();
      expect(await request.getByTestId('request-message').textContent()).toBe(
        'Hi Bob, Ada from the chess club.',
      );
      await expectPng(await screenshot(b, 'friends-request-received'));
      await request.getByTestId('request-accept').click();
      await b.getByTestId('accept-dialog').waitFor();
      await b.getByTestId('accept-group').selectOption({ label: 'Club' });
      await b.getByTestId('accept-remark').fill('Ada (chess)');
      await b.getByTestId('accept-submit').click();
      await b.getByTestId('requests-done').waitFor();
      await b.getByTestId('requests-received-empty').waitFor();
      await b.getByTestId('friends-requests-count').waitFor({ state: 'detached' });
      await b.getByTestId('nav-friends-count').waitFor({ state: 'detached' });

      // Each sees the other in the group they chose: Bob in "Club" (by his remark), Ada in "Chess club".
      await b.getByTestId('friends-nav-friends').click();
      await waitForPath(b, '/friends');
      const bobsClub = group(b, 'Club');
      await expect
        .poll(() => bobsClub.getByTestId('friend-group-count').getAttribute('data-count'))
        .toBe('1');
      const adaAtBob = bobsClub.locator(`[data-testid="friend-row"][data-handle="${ada.handle}"]`);
      expect(await adaAtBob.getByTestId('person-name').textContent()).toBe('Ada (chess)');
      expect(await group(b, 'My friends').getByTestId('friend-group-count').getAttribute('data-count')).toBe(
        '0',
      );

      await a.getByTestId('friends-nav-friends').click();
      await waitForPath(a, '/friends');
      const adasClub = group(a, 'Chess club');
      await expect
        .poll(() => adasClub.getByTestId('friend-group-count').getAttribute('data-count'))
        .toBe('1');
      const bobAtAda = adasClub.locator(`[data-testid="friend-row"][data-handle="${bob.handle}"]`);
      expect(await bobAtAda.getByTestId('person-number').textContent()).toContain(bobAccount.accountNumber);
      await a.getByTestId('friends-nav-requests').click();
      await expect
        .poll(() =>
          a.locator(`[data-testid="request-sent"][data-handle="${bob.handle}"]`).getAttribute('data-status'),
        )
        .toBe('accepted');
      // On a phone-sized screen too.
      await a.setViewportSize({ width: 360, height: 740 });
      await a.getByTestId('friends-nav-friends').click();
      await waitForPath(a, '/friends');
      await bobAtAda.waitFor();
      expect(await a.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      await expectPng(await screenshot(a, 'friends-list-phone'));
      await a.setViewportSize({ width: 1280, height: 800 });

      // Ada blocks Bob; the confirmation says what a block does first.
      await bobAtAda.getByTestId('friend-manage').click();
      await a.getByTestId('friend-dialog').waitFor();
      await a.getByTestId('friend-block').click();
      await a.getByTestId('block-effects').waitFor();
      await a.getByTestId('confirm-ok').click();
      await a.getByTestId('friends-done').waitFor();
      await a.getByTestId('friends-empty').waitFor();
      await a.getByTestId('friends-nav-blocked').click();
      await a.locator(`[data-testid="block-row"][data-handle="${bob.handle}"]`).waitFor();

      // Bob can no longer find Ada: not by her account number, nor by her handle, so there is nothing to add.
      await search(b, adaAccount.accountNumber);
      await b.getByTestId('friends-search-none').waitFor();
      await search(b, `@${ada.handle}`);
      await b.getByTestId('friends-search-none').waitFor();
      expect(await b.getByTestId('person-add').count()).toBe(0);
      // …and his friend list is empty.
      await b.goto('/friends');
      await b.getByTestId('friends-empty').waitFor();
      expect(await b.getByTestId('friend-row').count()).toBe(0);
      await expectPng(await screenshot(b, 'friends-after-block'));

      expect(aErrors).toEqual([]);
      expect(bErrors).toEqual([]);
    } finally {
      await adaContext.close();
      await bobContext.close();
    }
  });
});
