import {
  enrollPasskey,
  HttpBrowser,
  SoftAuthenticator,
  signUp,
  stepUp,
  type TestAccount,
} from '@orbit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SdkFixture, startSdkFixture } from './testing/fixture.js';
import { ACR_PASSKEY } from './user.js';

/*
 * `requireStepUp()` against the real hub (docs/passkeys.md, "OpenID Connect"): the service asks for
 * `acr_values=urn:orbit:acr:passkey` with `max_age`, the hub sends a session without a fresh passkey to the
 * portal's `/signin/step-up` page, and the passkey assertion made there comes back in the ID token. The test
 * browser can't run that page, so the tests do what it does: the step-up calls, then on to its `return_to`.
 */

let f: SdkFixture;
beforeAll(async () => {
  f = await startSdkFixture();
});
afterAll(async () => {
  await f?.close();
});

const ACR_PASSWORD = 'urn:orbit:acr:password';

interface Person {
  browser: HttpBrowser;
  account: TestAccount;
  authenticator: SoftAuthenticator;
}

/** Signed up at the hub with a password (so no passkey assertion yet), and signed in to the service. */
async function person({ withPasskey }: { withPasskey: boolean }): Promise<Person> {
  const browser = new HttpBrowser();
  const account = await signUp(browser, f.launched.url);
  const authenticator = new SoftAuthenticator({ origin: f.launched.url });
  if (withPasskey) await enrollPasskey(browser, f.launched.url, authenticator);
  const visit = await browser.navigate(`${f.service.url}/`);
  expect(visit.text).toContain(`Hello ${account.handle}`);
  return { browser, account, authenticator };
}

/**
 * Follows `url` to the hub's step-up page, checking the authorization request asked for a passkey within five
 * minutes; answers the hub path that resumes it (the page's `return_to`).
 */
async function reachStepUpPage(browser: HttpBrowser, url: string): Promise<string> {
  const visit = await browser.navigate(url);
  const authorize = visit.visited.find((hop) => hop.startsWith(`${f.launched.url}/oidc/authorize?`));
  const asked = new URL(authorize ?? 'about:blank').searchParams;
  expect(asked.get('acr_values')).toBe(ACR_PASSKEY);
  expect(asked.get('max_age')).toBe('300');
  const landed = new URL(visit.url);
  expect(landed.origin).toBe(f.launched.url);
  expect(landed.pathname).toBe('/signin/step-up');
  const resume = landed.searchParams.get('return_to') ?? '';
  expect(resume).toMatch(/^\/oidc\/authorize\/resume\/[\w-]+$/);
  return resume;
}

const me = async (browser: HttpBrowser) => (await browser.json('GET', `${f.service.url}/api/me`)).body.user;

describe('requireStepUp with the real hub', () => {
  it('sends a page to confirm with a passkey at the hub, and back to it with acr passkey, amr and a fresh auth_time', async () => {
    const { browser, authenticator } = await person({ withPasskey: true });
    const before = await me(browser);
    expect(before.acr).toBe(ACR_PASSWORD);

    const resume = await reachStepUpPage(browser, `${f.service.url}/settings/danger`);
    // auth_time has whole seconds: step up in a later second than the sign-in, so "fresh" can be seen.
    // A timer may fire a millisecond early by the wall clock, so wait until the clock itself says so.
    const nextSecond = Date.parse(before.authTime) + 1000;
    while (Date.now() < nextSecond) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, nextSecond - Date.now())));
    }
    const steppedUpAt = Math.floor(Date.now() / 1000) * 1000;
    const session = await stepUp(browser, f.launched.url, authenticator);
    expect(session.acr).toBe(ACR_PASSKEY);
    const back = await browser.navigate(`${f.launched.url}${resume}`);
    expect(back.url).toBe(`${f.service.url}/settings/danger`);
    expect(back.response.status).toBe(200);
    expect(back.text).toContain('Danger zone');

    const user = await me(browser);
    expect(user.acr).toBe(ACR_PASSKEY);
    // A device-bound passkey with user verification, on top of the password: two factors.
    expect(user.amr).toEqual(expect.arrayContaining(['pwd', 'hwk', 'user', 'mfa']));
    expect(Date.parse(user.authTime)).toBeGreaterThanOrEqual(steppedUpAt);
    expect(steppedUpAt).toBeGreaterThan(Date.parse(before.authTime));
    // The same hub session, raised: a step-up never signs anyone in anew.
    expect(user.sid).toBe(before.sid);

    // Within five minutes nothing more is asked, of the page or of the API.
    const again = await browser.navigate(`${f.service.url}/settings/danger`);
    expect(again.visited).toEqual([`${f.service.url}/settings/danger`]);
    const allowed = await browser.json('POST', `${f.service.url}/api/danger`);
    expect(allowed.status).toBe(200);
    expect(allowed.body).toEqual({ done: true });
  });

  it('answers an API call with 401 step_up_required and the URL that confirms, to come back to a page', async () => {
    const { browser, authenticator } = await person({ withPasskey: true });
    const refused = await browser.json('POST', `${f.service.url}/api/danger`);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toMatchObject({ code: 'step_up_required', details: { maxAgeSeconds: 300 } });
    const location = new URL(refused.body.error.details.location, f.service.url);
    expect(location.origin).toBe(f.service.url);
    expect(location.pathname).toBe('/auth/login');
    // A write can't be returned to (coming back is a GET): home, unless the page names itself.
    expect(location.searchParams.get('return_to')).toBe('/');
    location.searchParams.set('return_to', '/settings/danger?from=api');

    const resume = await reachStepUpPage(browser, location.href);
    await stepUp(browser, f.launched.url, authenticator);
    const back = await browser.navigate(`${f.launched.url}${resume}`);
    expect(back.url).toBe(`${f.service.url}/settings/danger?from=api`);
    expect((await browser.json('POST', `${f.service.url}/api/danger`)).body).toEqual({ done: true });
  });

  it('lets a user with no passkey add one on the step-up page, confirm with it, and go on', async () => {
    const { browser, authenticator } = await person({ withPasskey: false });
    const resume = await reachStepUpPage(browser, `${f.service.url}/settings/danger`);
    await expect(stepUp(browser, f.launched.url, authenticator)).rejects.toMatchObject({
      status: 409,
      code: 'passkey.none',
    });
    // The first passkey needs no step-up; then it confirms.
    await enrollPasskey(browser, f.launched.url, authenticator);
    await stepUp(browser, f.launched.url, authenticator);
    const back = await browser.navigate(`${f.launched.url}${resume}`);
    expect(back.text).toContain('Danger zone');
    expect((await me(browser)).acr).toBe(ACR_PASSKEY);
  });

  it('says a passkey is needed when the user cancels, keeps them signed in, and sends them nowhere by itself', async () => {
    const { browser } = await person({ withPasskey: false });
    const before = await me(browser);
    const resume = await reachStepUpPage(browser, `${f.service.url}/settings/danger`);
    const cancelled = await browser.navigate(`${f.launched.url}${resume}?step_up=cancel`);
    // The hub answers unmet_authentication_requirements; the callback shows it and stops there.
    expect(cancelled.visited).toHaveLength(2);
    expect(new URL(cancelled.url).pathname).toBe('/auth/callback');
    expect(new URL(cancelled.url).searchParams.get('error')).toBe('unmet_authentication_requirements');
    expect(cancelled.response.status).toBe(403);
    expect(cancelled.text).toContain('A passkey is needed');
    expect(cancelled.text).toContain('Back to SDK test service');
    // In both languages, in the service shell's look (system-page.ts).
    expect(cancelled.text).toContain('需要通行密钥');
    expect(cancelled.text).toContain('返回SDK test service');
    expect(cancelled.text).toContain('class="service">SDK test service<');
    const retry = /href="(\/auth\/login\?[^"]+)"/.exec(cancelled.text)?.[1]?.replaceAll('&amp;', '&') ?? '';
    const retryQuery = new URL(retry, f.service.url).searchParams;
    expect(retryQuery.get('return_to')).toBe('/settings/danger');
    expect(retryQuery.get('acr')).toBe(ACR_PASSKEY);

    // Still signed in as before, and the action still refused.
    const after = await me(browser);
    expect(after).toMatchObject({ sub: before.sub, sid: before.sid, acr: ACR_PASSWORD });
    const refused = await browser.json('POST', `${f.service.url}/api/danger`);
    expect(refused.body.error.code).toBe('step_up_required');
    // The hub forgot the cancelled request: it can't be resumed.
    const stale = await browser.fetch(`${f.launched.url}${resume}`);
    expect(stale.status).toBe(400);
  });

  it('refuses a step-up window that is not a whole number of seconds', () => {
    expect(() => f.orbit.requireStepUp({ maxAgeSeconds: 0 })).toThrow(/maxAgeSeconds/);
    expect(() => f.orbit.requireStepUp({ maxAgeSeconds: 2.5 })).toThrow(/maxAgeSeconds/);
  });
});
