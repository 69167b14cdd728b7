import { randomBytes } from 'node:crypto';
import { befriend, HttpBrowser, signIn as signInByApi, signUp as signUpByApi } from '@orbit/testing';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeBrowser, newContext, screenshot } from './browser.js';
import {
  at,
  createAccount,
  expectPng,
  getJson,
  newAccount,
  signIn,
  trackPageErrors,
  waitForPath,
} from './pages.js';
import { useHubSpaceAndBrowser } from './space.js';

/** What the bell in Space's header (the service shell) counts. */
const bellCount = async (page: Page) =>
  Number(await page.getByTestId('shell-bell').getAttribute('data-unread'));

/** A word no other test writes, of letters only (the search tokenizer splits letters from digits). */
const uniqueWord = () =>
  `quokka${[...randomBytes(6)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('')}`;

/**
 * A small real JPEG, encoded by Chromium's own encoder from a canvas (e2e declares no image library; Space's
 * sharp decodes it on upload like any camera's).
 */
async function jpegFrom(page: Page): Promise<Buffer> {
  // A string, as the page's code: this project is typed without the DOM.
  const dataUrl = String(
    await page.evaluate(`(() => {
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 48;
      const context = canvas.getContext('2d');
      context.fillStyle = '#1e78c8';
      context.fillRect(0, 0, 64, 48);
      context.fillStyle = '#f59e0b';
      context.fillRect(8, 8, 24, 16);
      return canvas.toDataURL('image/jpeg', 0.9);
    })()`),
  );
  const jpeg = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  expect(jpeg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  return jpeg;
}

describeBrowser('Orbit Space in the browser', () => {
  const env = useHubSpaceAndBrowser();

  it('shows a friends-only moment with its photo to a friend, who likes and comments on it live, and to no one else anywhere', async () => {
    const { hub, space, browser } = env;
    // Alice and Bob sign up and become friends through the hub's API (clicking through the portal is tested
    // elsewhere); Carol is a stranger.
    const aliceHttp = new HttpBrowser();
    const bobHttp = new HttpBrowser();
    const [alice, bob] = await Promise.all([
      signUpByApi(aliceHttp, hub.url, { displayName: 'Alice Space' }),
      signUpByApi(bobHttp, hub.url, { displayName: 'Bob Space' }),
    ]);
    await Promise.all([
      signInByApi(aliceHttp, hub.url, alice.handle, alice.password),
      signInByApi(bobHttp, hub.url, bob.handle, bob.password),
    ]);
    await befriend(hub.url, { browser: aliceHttp, account: alice }, { browser: bobHttp, account: bob });
    const carol = newAccount('carol');
    await createAccount(hub.url, carol);

    const word = uniqueWord();

    const contexts = await Promise.all([alice, bob, carol].map(() => newContext(browser, hub.url)));
    const [aliceContext, bobContext, carolContext] = contexts as [
      (typeof contexts)[0],
      (typeof contexts)[0],
      (typeof contexts)[0],
    ];
    try {
      // Each signs in at the hub, then opens Space: signed in there through the hub, no password.
      const [a, b, c] = await Promise.all(
        [
          { context: aliceContext, handle: alice.handle, password: alice.password },
          { context: bobContext, handle: bob.handle, password: bob.password },
          { context: carolContext, handle: carol.handle, password: carol.password },
        ].map(async ({ context, handle, password }) => {
          const page = await context.newPage();
          await signIn(page, handle, password);
          await waitForPath(page, '/account');
          return page;
        }),
      );
      const [aliceErrors, bobErrors, carolErrors] = [a, b, c].map((page) => trackPageErrors(page!));
      await a!.goto(space.url);
      await at(a!, space.url, '/');

      // Alice writes a moment with a photo, which uploads with its progress and shows its thumbnail.
      await a!.getByTestId('composer-text').fill(`Evening at the harbour ${word}`);
      await a!.getByTestId('composer-files').setInputFiles({
        name: 'harbour.jpg',
        mimeType: 'image/jpeg',
        buffer: await jpegFrom(a!),
      });
      await a!.locator('[data-testid="upload-tile"][data-status="done"]').waitFor();
      await a!.getByTestId('composer-audience').selectOption('friends');
      await a!.getByTestId('composer-post').click();
      const mine = a!.getByTestId('post').filter({ hasText: word });
      await mine.waitFor();
      const postId = (await mine.getAttribute('data-post-id')) ?? '';
      expect(postId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await mine.getByTestId('post-audience').textContent()).toBe('Friends');
      const own = await getJson(aliceContext, `${space.url}/api/posts/${postId}`);
      expect(own.status).toBe(200);
      const photoId: string = own.body.post.photos[0].id;
      const baseline = await bellCount(a!);
      // Marks this very document, to tell later that nothing reloaded it.
      await a!.evaluate('window.spaceMark = 7');

      // Bob, her friend, finds it in his timeline with the photo, likes it and comments.
      await b!.goto(space.url);
      const seen = b!.getByTestId('timeline').locator(`[data-post-id="${postId}"]`);
      await seen.waitFor();
      const photo = seen.getByTestId('photo');
      await expect
        .poll(() => photo.evaluate((img: { naturalWidth: number }) => img.naturalWidth))
        .toBeGreaterThan(0);
      await seen.getByTestId('like-button').click();
      await expect.poll(() => seen.getByTestId('like-count').getAttribute('data-count')).toBe('1');
      expect(await seen.getByTestId('like-button').getAttribute('aria-pressed')).toBe('true');
      await seen.getByTestId('comments-toggle').click();
      await seen.getByTestId('comment-input').fill('Beautiful light!');
      await seen.getByTestId('comment-send').click();
      await expect
        .poll(() => seen.getByTestId('comment-body').first().textContent())
        .toBe('Beautiful light!');
      await expectPng(await screenshot(b!, 'space-timeline'));

      // Alice's bell, in Space's own header, counts Bob's like and comment live; its list names them.
      await expect.poll(() => bellCount(a!), { timeout: 15_000 }).toBeGreaterThanOrEqual(baseline + 2);
      await a!.getByTestId('shell-bell').click();
      const bell = a!.getByTestId('shell-bell-panel');
      await expect
        .poll(() => bell.getByTestId('notification-text').allTextContents())
        .toEqual(
          expect.arrayContaining([
            expect.stringMatching(/Bob Space liked your moment/),
            expect.stringMatching(/Bob Space commented on your moment/),
          ]),
        );
      expect(await a!.evaluate('window.spaceMark')).toBe(7);

      // The photo and search answer Bob (so the refusals below are about Carol, not broken paths).
      expect((await bobContext.request.get(`${space.url}/photos/${photoId}/display`)).status()).toBe(200);
      const found = await getJson(bobContext, `${space.url}/api/search?q=${word}`);
      expect(found.body.items.map((hit: { post: { id: string } }) => hit.post.id)).toEqual([postId]);

      // Carol, not a friend, sees it nowhere: the page, the API, RSS, search, the photo's URL.
      await c!.goto(`${space.url}/p/${postId}`);
      await at(c!, space.url, `/p/${postId}`);
      await c!.getByTestId('not-found').waitFor();
      expect(await c!.getByTestId('post').count()).toBe(0);
      const api = await getJson(carolContext, `${space.url}/api/posts/${postId}`);
      expect(api.status).toBe(404);
      expect(api.body.error.code).toBe('space.not_found');
      const rss = await carolContext.request.get(`${space.url}/rss/${alice.id}.xml`);
      expect(rss.status()).toBe(200);
      expect(rss.headers()['content-type']).toContain('application/rss+xml');
      expect(await rss.text()).not.toContain(word);
      const search = await getJson(carolContext, `${space.url}/api/search?q=${word}`);
      expect(search.status).toBe(200);
      expect(search.body.items).toEqual([]);
      expect((await carolContext.request.get(`${space.url}/photos/${photoId}/display`)).status()).toBe(404);

      expect(aliceErrors).toEqual([]);
      expect(bobErrors).toEqual([]);
      expect(carolErrors).toEqual([]);
    } finally {
      await Promise.all(contexts.map((context) => context.close()));
    }
  });
});
