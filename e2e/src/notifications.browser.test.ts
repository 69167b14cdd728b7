import { defineManifest } from '@orbit/sdk';
import { type LaunchedHub, registerService, type ServiceCredentials, serviceToken } from '@orbit/testing';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, newContext, screenshot } from './browser.js';
import { useHubAndBrowser } from './fixture.js';
import { startMail } from './mail.js';
import {
  at,
  createAccount,
  expectPng,
  newAccount,
  signedInPeople,
  signIn,
  trackPageErrors,
  waitForPath,
} from './pages.js';

/** A service that only notifies: registered with the hub like any other, its token scoped `notifications:write`. */
const spaceManifest = defineManifest({
  id: 'space',
  name: 'Space',
  names: { 'zh-CN': '空间' },
  description: 'Photos and posts among friends.',
  icon: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="9"/></svg>',
  defaultPort: 4191,
  scopes: ['openid', 'profile'],
  hubScopes: ['notifications:write'],
});

/** Space's `POST /api/v1/notifications` with its own client-credentials token. */
async function notify(hub: LaunchedHub, credentials: ServiceCredentials, body: object): Promise<void> {
  const { access_token } = await serviceToken(hub, credentials, { scope: 'notifications:write' });
  const response = await fetch(new URL('/api/v1/notifications', hub.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await response.text();
  expect(response.status, answer).toBe(202);
  expect(JSON.parse(answer).outcome).toBe('stored');
}

/** What the bell says: the count on its button. */
const bellCount = (page: Page) => page.getByTestId('nav-bell').getAttribute('data-unread');
/** What the bell in a service's header (the service shell) says. */
const shellBellCount = (page: Page) => page.getByTestId('shell-bell').getAttribute('data-unread');

/** The profile fields `/u/…` shows the page's reader, by their test ids. */
async function shownFields(page: Page): Promise<string[]> {
  await page.getByTestId('profile-page').waitFor();
  const fields = ['bio', 'email', 'birthday', 'location', 'gender', 'friends', 'friends-list'];
  const shown: string[] = [];
  for (const field of fields) if ((await page.getByTestId(`profile-${field}`).count()) > 0) shown.push(field);
  return shown;
}

describeBrowser('the bell and profiles in the browser', () => {
  const env = useHubAndBrowser();
  let space: Promise<ServiceCredentials> | undefined;
  /** Space, registered once for the file's tests. */
  const registeredSpace = () => {
    space ??= registerService(env.hub, spaceManifest, 'http://localhost:4191');
    return space;
  };

  it('counts a service’s notification live, and opening it reads it and follows its link', async () => {
    const ada = newAccount('ada');
    const adaAccount = await createAccount(env.hub.url, ada);
    const credentials = await registeredSpace();
    const context = await newContext(env.browser, env.hub.url);
    try {
      const a = await context.newPage();
      const errors = trackPageErrors(a);
      await signIn(a, ada.handle, ada.password);
      await waitForPath(a, '/account');

      // Her first sign-in in this browser (she signed up elsewhere) is news from Orbit itself: a hub notice.
      await expect.poll(() => bellCount(a)).toBe('1');
      await a.getByTestId('nav-bell').click();
      const notice = a.getByTestId('bell-item').first();
      await notice.waitFor();
      expect(await notice.getByTestId('notification-source').textContent()).toBe('Orbit');
      expect(await notice.getByTestId('notification-text').textContent()).toMatch(
        /^New sign-in to your account on /,
      );
      await a.getByTestId('bell-mark-all').click();
      await a.getByTestId('nav-bell').click();

      // Nothing unread now: the bell says 0 and shows no count.
      await expect.poll(() => bellCount(a)).toBe('0');
      expect(await a.getByTestId('nav-bell-count').count()).toBe(0);
      // Marks this very document, to tell later that nothing reloaded it.
      await a.evaluate('window.orbitMark = 42');

      // Space notifies her; the bell counts it without a reload, over the event stream.
      await notify(env.hub, credentials, {
        recipient: adaAccount.id,
        type: 'space.comment',
        category: 'space.comments',
        target: 'post:1',
        url: `/u/${adaAccount.accountNumber}`,
        text: { en: 'Someone commented on your post', 'zh-CN': '有人评论了你的动态' },
      });
      await expect.poll(() => bellCount(a)).toBe('1');
      expect(await a.getByTestId('nav-bell-count').textContent()).toBe('1');
      expect(await a.evaluate('window.orbitMark')).toBe(42);

      // The panel lists it first, unread, from Space (once the list opened with the panel has come: until then it
      // shows what it showed last time).
      await a.getByTestId('nav-bell').click();
      const item = a.getByTestId('bell-item').first();
      await expect
        .poll(() => item.getByTestId('notification-text').textContent())
        .toBe('Someone commented on your post');
      expect(await item.getAttribute('data-read')).toBe('false');
      expect(await item.getByTestId('notification-source').textContent()).toBe('Space');
      await expectPng(await screenshot(a, 'bell-panel'));

      // Opening it reads it (the count goes to 0) and follows its hub path in the page.
      await item.click();
      await waitForPath(a, `/u/${adaAccount.accountNumber}`);
      await expect.poll(() => bellCount(a)).toBe('0');
      await a.getByTestId('nav-bell-count').waitFor({ state: 'detached' });
      expect(await a.evaluate('window.orbitMark')).toBe(42);

      // The page lists it read; on a phone the bell goes there, and the page fits the screen.
      await a.setViewportSize({ width: 360, height: 740 });
      await a.getByTestId('nav-bell').click();
      await waitForPath(a, '/notifications');
      const row = a.getByTestId('notification-row').first();
      await row.waitFor();
      expect(await row.getAttribute('data-read')).toBe('true');
      expect(await a.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      await expectPng(await screenshot(a, 'notifications-phone'));
      await a.setViewportSize({ width: 1280, height: 800 });

      // The preferences list Space's category beside the hub's; security can't be turned off.
      await a.getByTestId('notifications-preferences-link').click();
      await waitForPath(a, '/notifications/preferences');
      const security = a.locator('[data-testid="preference-row"][data-category="security"]');
      await security.waitFor();
      expect(await security.getByTestId('preference-email').isDisabled()).toBe(true);
      const comments = a.locator('[data-testid="preference-row"][data-category="space.comments"]');
      await comments.getByTestId('preference-email').uncheck();
      await a.getByTestId('preferences-save').click();
      await a.getByTestId('preferences-saved').waitFor();
      await a.reload();
      await comments.waitFor();
      expect(await comments.getByTestId('preference-email').isChecked()).toBe(false);
      expect(await comments.getByTestId('preference-inApp').isChecked()).toBe(true);

      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows a service’s notification live in the portal’s bell and in Mail’s header; read in one, it is read in the other', async () => {
    const [mail, credentials] = await Promise.all([startMail(env.hub), registeredSpace()]);
    const eve = newAccount('eve');
    const eveAccount = await createAccount(env.hub.url, eve);
    const context = await newContext(env.browser, env.hub.url);
    try {
      const portal = await context.newPage();
      const inbox = await context.newPage();
      const portalErrors = trackPageErrors(portal);
      const inboxErrors = trackPageErrors(inbox);
      await signIn(portal, eve.handle, eve.password);
      await waitForPath(portal, '/account');
      // Her first sign-in in this browser is a hub notice (see above): read, so the bells start at 0.
      await expect.poll(() => bellCount(portal)).toBe('1');
      await portal.getByTestId('nav-bell').click();
      await portal.getByTestId('bell-mark-all').click();
      await portal.getByTestId('nav-bell').click();
      // Signed in at the hub, so at once in Mail too; its header has the bell, from Mail's own origin.
      await inbox.goto(mail.url);
      await at(inbox, mail.url);
      await expect.poll(() => shellBellCount(inbox)).toBe('0');
      await expect.poll(() => bellCount(portal)).toBe('0');

      // Space notifies her: both bells count it, live.
      const comment = {
        recipient: eveAccount.id,
        type: 'space.comment',
        category: 'space.comments',
        url: `/u/${eveAccount.accountNumber}`,
        text: { en: 'Someone commented on your photo', 'zh-CN': '有人评论了你的照片' },
      };
      await notify(env.hub, credentials, comment);
      await expect.poll(() => bellCount(portal)).toBe('1');
      await expect.poll(() => shellBellCount(inbox)).toBe('1');
      expect(await inbox.getByTestId('shell-bell-count').textContent()).toBe('1');

      // Mail's bell lists it, from Space; "Mark all read" there clears the count…
      await inbox.getByTestId('shell-bell').click();
      const item = inbox.getByTestId('shell-bell-panel').getByTestId('bell-item').first();
      await item.waitFor();
      expect(await item.getAttribute('data-read')).toBe('false');
      expect(await item.getByTestId('notification-text').textContent()).toBe(
        'Someone commented on your photo',
      );
      expect(await item.getByTestId('notification-source').textContent()).toBe('Space');
      expect(await inbox.getByTestId('shell-bell-see-all').getAttribute('href')).toBe(
        `${env.hub.url}/notifications`,
      );
      await expectPng(await screenshot(inbox, 'mail-shell-bell'));
      await inbox.getByTestId('shell-bell-mark-all').click();
      await expect.poll(() => shellBellCount(inbox)).toBe('0');
      // …and in the portal, once reloaded.
      await portal.reload();
      await expect.poll(() => bellCount(portal)).toBe('0');

      // The other way: read in the portal, it is read in Mail after a reload; opening it in Mail follows its link.
      await notify(env.hub, credentials, { ...comment, text: { en: 'Someone liked your photo' } });
      await expect.poll(() => shellBellCount(inbox)).toBe('1');
      await portal.getByTestId('nav-bell').click();
      await portal.getByTestId('bell-item').first().click();
      await waitForPath(portal, `/u/${eveAccount.accountNumber}`);
      await expect.poll(() => bellCount(portal)).toBe('0');
      await inbox.reload();
      await expect.poll(() => shellBellCount(inbox)).toBe('0');
      await inbox.getByTestId('shell-bell').click();
      const read = inbox.getByTestId('shell-bell-panel').getByTestId('bell-item').first();
      await read.waitFor();
      expect(await read.getAttribute('data-read')).toBe('true');
      await read.click();
      await inbox.waitForURL(`${env.hub.url}/u/${eveAccount.accountNumber}`);

      expect(portalErrors).toEqual([]);
      expect(inboxErrors).toEqual([]);
    } finally {
      await context.close();
      await mail.close();
    }
  });

  it('shows another account’s profile as its owner allows: public fields, then friends’ fields once friends', async () => {
    const [
      { account: ada, created: adaAccount, context: adaContext, page: a, errors: aErrors },
      { account: bob, created: bobAccount, context: bobContext, page: b, errors: bErrors },
    ] = await signedInPeople((url) => newContext(env.browser, url), env.hub.url, ['ada', 'bob']);
    try {
      // Ada fills in her profile…
      await a.goto('/account/profile');
      await a.getByTestId('profile-bio').fill('Chess and tea.');
      await a.getByTestId('profile-birthday').fill('1990-05-17');
      await a.getByTestId('profile-location').fill('Hangzhou');
      await a.getByTestId('profile-gender').selectOption('female');
      await a.getByTestId('profile-save').click();
      await a.getByTestId('profile-saved').waitFor();

      // …and lets friends see her email (by default only she does).
      await a.goto('/account/privacy');
      await a.getByTestId('visibility-email').selectOption('friends');
      expect(await a.getByTestId('visibility-location').inputValue()).toBe('friends');
      await a.getByTestId('visibility-save').click();
      await a.getByTestId('visibility-saved').waitFor();

      // Her own view says it is how others see it, and has every field.
      await a.getByTestId('privacy-view-profile').click();
      await waitForPath(a, `/u/${adaAccount.accountNumber}`);
      await a.getByTestId('profile-self-note').waitFor();
      expect(await shownFields(a)).toEqual([
        'bio',
        'email',
        'birthday',
        'location',
        'gender',
        'friends',
        'friends-list',
      ]);

      // Bob, not her friend, sees only what is public: bio, gender, the number of friends.
      await b.goto(`/u/${adaAccount.accountNumber}`);
      expect(await b.getByTestId('profile-name').textContent()).toBe(ada.displayName);
      expect(await shownFields(b)).toEqual(['bio', 'gender', 'friends']);
      expect(await b.getByTestId('profile-bio').textContent()).toBe('Chess and tea.');
      expect(await b.getByTestId('profile-gender').textContent()).toContain('Female');
      expect(await b.getByTestId('profile-actions').getAttribute('data-standing')).toBe('open');
      await expectPng(await screenshot(b, 'profile-public'));

      // He asks her through the Friends page's dialog; the profile then says "Asked".
      await b.getByTestId('profile-add').click();
      await b.getByTestId('add-dialog').waitFor();
      await b.getByTestId('add-send').click();
      await b.getByTestId('profile-done').waitFor();
      await expect
        .poll(() => b.getByTestId('profile-actions').getAttribute('data-standing'))
        .toBe('requested');
      expect(await b.getByTestId('profile-standing').textContent()).toBe('Asked');

      // She accepts.
      await a.goto('/friends/requests');
      const request = a.locator(`[data-testid="request-received"][data-handle="${bob.handle}"]`);
      await request.getByTestId('request-accept').click();
      await a.getByTestId('accept-dialog').waitFor();
      await a.getByTestId('accept-submit').click();
      await a.getByTestId('requests-done').waitFor();

      // Now Bob sees the friends' fields too, and her friends list with himself in it, linked to his profile.
      await b.reload();
      await expect.poll(() => b.getByTestId('profile-actions').getAttribute('data-standing')).toBe('friends');
      expect(await shownFields(b)).toEqual([
        'bio',
        'email',
        'birthday',
        'location',
        'gender',
        'friends',
        'friends-list',
      ]);
      expect(await b.getByTestId('profile-location').textContent()).toContain('Hangzhou');
      // Her address is not verified yet, so even friends see it as not given.
      expect(await b.getByTestId('profile-email').textContent()).toContain('Not given');
      expect(await b.getByTestId('profile-friend').getAttribute('href')).toBe(
        `/u/${bobAccount.accountNumber}`,
      );
      await b.setViewportSize({ width: 360, height: 740 });
      expect(await b.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
      await expectPng(await screenshot(b, 'profile-friend-phone'));

      // On Ada's Friends page, Bob's name leads to his profile.
      await a.goto('/friends');
      await a
        .locator(`[data-testid="friend-row"][data-handle="${bob.handle}"]`)
        .getByTestId('person-name')
        .click();
      await waitForPath(a, `/u/${bobAccount.accountNumber}`);
      await a.getByTestId('profile-page').waitFor();
      expect(await a.getByTestId('profile-name').textContent()).toBe(bob.displayName);

      // A number nobody has is "No such account".
      await b.goto('/u/99999999');
      await b.getByTestId('profile-not-found').waitFor();

      expect(aErrors).toEqual([]);
      expect(bErrors).toEqual([]);
    } finally {
      await adaContext.close();
      await bobContext.close();
    }
  });
});
