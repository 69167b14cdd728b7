import type { SoftAuthenticator } from '@orbit/authenticator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEP_UP_MAX_AGE_SECONDS } from '../passkeys/index.js';
import { GOOD_PASSWORD } from '../test/client.js';
import {
  client,
  discover,
  FlowBrowser,
  location,
  type OidcTestServer,
  startOidcTestServer,
} from '../test/oidc.js';
import { authenticatorFor } from '../test/passkeys.js';
import { ACR_PASSKEY, ACR_PASSWORD } from './claims.js';

const REDIRECT = 'http://localhost:9999/callback';
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

describe('acr, amr and auth_time with openid-client as the relying party', () => {
  let server: OidcTestServer;
  let config: client.Configuration;

  beforeAll(async () => {
    server = await startOidcTestServer();
    const created = await server.hub.services.clients.create({
      id: 'mail',
      name: 'Mail',
      redirectUris: [REDIRECT],
      firstParty: true,
      grantTypes: ['authorization_code', 'refresh_token'],
    });
    config = await discover(server, 'mail', created.clientSecret!);
  });
  afterAll(async () => {
    await server.close();
  });

  const now = () => server.hub.clock.now();
  // biome-ignore lint/suspicious/noExplicitAny: tests read reply bodies loosely
  const json = (res: Response): Promise<any> => res.json();

  async function ok(res: Promise<Response>, status = 200) {
    const reply = await res;
    if (reply.status !== status)
      throw new Error(`expected ${status}, got ${reply.status} ${await reply.text()}`);
    return json(reply);
  }

  /** Adds a passkey to the browser's account (the first one needs no step-up). */
  async function enroll(browser: FlowBrowser, authenticator: SoftAuthenticator) {
    const { options } = await ok(browser.api('POST', '/api/me/passkeys/registration-options'));
    await ok(
      browser.api('POST', '/api/me/passkeys', { response: await authenticator.register(options) }),
      201,
    );
  }

  /** A passkey assertion in the browser's current session; answers the raised session. */
  async function stepUp(browser: FlowBrowser, authenticator: SoftAuthenticator) {
    const { options } = await ok(browser.api('POST', '/api/session/step-up/options'));
    const response = await authenticator.authenticate(options);
    return (await ok(browser.api('POST', '/api/session/step-up', { response }))).session;
  }

  async function passwordless(browser: FlowBrowser, authenticator: SoftAuthenticator) {
    const { options } = await ok(browser.api('POST', '/api/sign-in/passkey/options'));
    const response = await authenticator.authenticate(options);
    browser.csrfToken = (await ok(browser.api('POST', '/api/sign-in/passkey', { response }))).csrfToken;
  }

  async function passwordThenPasskey(
    browser: FlowBrowser,
    accountNumber: string,
    authenticator: SoftAuthenticator,
  ) {
    const pending = await ok(
      browser.api('POST', '/api/sessions', { identifier: String(accountNumber), password: GOOD_PASSWORD }),
    );
    expect(pending.status).toBe('second_factor_required');
    const { options } = await ok(browser.api('POST', '/api/sign-in/second-factor/options'));
    const response = await authenticator.authenticate(options);
    browser.csrfToken = (
      await ok(browser.api('POST', '/api/sign-in/second-factor/passkey', { response }))
    ).csrfToken;
  }

  const sessionOf = async (browser: FlowBrowser) => (await ok(browser.api('GET', '/api/session'))).session;

  /** A signed-up account with a passkey, in a session that only used the password. */
  async function passwordSessionWithPasskey() {
    const browser = new FlowBrowser(server.url);
    const account = await browser.signUpAndIn();
    const authenticator = authenticatorFor(server.hub);
    await enroll(browser, authenticator);
    return { browser, account, authenticator };
  }

  /** Starts the code flow; answers the hub's first response and what the client keeps to redeem the code. */
  async function authorize(browser: FlowBrowser, params: Record<string, string> = {}) {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...params,
    });
    const res = await browser.get(url.href);
    expect(res.status).toBe(302);
    return {
      to: location(res),
      checks: { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce },
    };
  }

  /** The client's side of the callback: redeems the code and answers the validated ID token claims. */
  async function redeem(
    callback: URL,
    checks: { pkceCodeVerifier: string; expectedState: string; expectedNonce: string; maxAge?: number },
  ) {
    const tokens = await client.authorizationCodeGrant(config, new URL(callback.href), checks);
    return tokens.claims()!;
  }

  /** Asserts the hub sent the browser to the step-up page; answers the page's return_to. */
  function expectStepUpPage(to: URL): string {
    expect(to.pathname).toBe('/signin/step-up');
    const returnTo = to.searchParams.get('return_to') ?? '';
    expect(returnTo).toMatch(/^\/oidc\/authorize\/resume\/[\w-]+$/);
    return returnTo;
  }

  const isCallback = (to: URL) => `${to.origin}${to.pathname}` === REDIRECT;

  it('lists both acr values in discovery', () => {
    const meta = config.serverMetadata();
    expect(meta.acr_values_supported).toEqual([ACR_PASSWORD, ACR_PASSKEY]);
    expect(meta.claims_supported).toEqual(expect.arrayContaining(['acr', 'amr', 'auth_time']));
  });

  it('gives a password sign-in acr password, amr pwd, and its auth_time', async () => {
    const browser = new FlowBrowser(server.url);
    const signedInAt = now();
    await browser.signUpAndIn();
    server.hub.clock.advance(45_000);

    const { to, checks } = await authorize(browser);
    expect(isCallback(to)).toBe(true);
    const claims = await redeem(to, checks);
    expect(claims).toMatchObject({ acr: ACR_PASSWORD, amr: ['pwd'], auth_time: seconds(signedInAt) });
  });

  it('sends a password-only session asking for acr passkey to step up, then issues acr passkey in that session', async () => {
    const { browser, authenticator } = await passwordSessionWithPasskey();
    const session = await sessionOf(browser);

    const { to, checks } = await authorize(browser, { acr_values: ACR_PASSKEY });
    const returnTo = expectStepUpPage(to);
    // Resuming before the step-up only sends the browser back to the step-up page.
    expect(expectStepUpPage(location(await browser.get(returnTo)))).toBe(returnTo);

    server.hub.clock.advance(30_000);
    const steppedUpAt = now();
    const raised = await stepUp(browser, authenticator);
    expect(raised.id).toBe(session.id);
    const resumed = location(await browser.get(returnTo));
    expect(isCallback(resumed)).toBe(true);
    const claims = await redeem(resumed, checks);
    expect(claims).toMatchObject({ acr: ACR_PASSKEY, auth_time: seconds(steppedUpAt), sid: session.id });
    expect(claims.amr).toEqual(expect.arrayContaining(['pwd', 'hwk', 'mfa']));
    expect((await sessionOf(browser)).id).toBe(session.id);
  });

  it('asks for a step-up again, in the same session, when the last one is older than max_age', async () => {
    const { browser, authenticator } = await passwordSessionWithPasskey();
    const session = await sessionOf(browser);
    await stepUp(browser, authenticator);

    // Within max_age the passkey assertion counts: a code at once.
    server.hub.clock.advance(299_000);
    const fresh = await authorize(browser, { acr_values: ACR_PASSKEY, max_age: '300' });
    expect(isCallback(fresh.to)).toBe(true);

    server.hub.clock.advance(2_000);
    const { to, checks } = await authorize(browser, { acr_values: ACR_PASSKEY, max_age: '300' });
    const returnTo = expectStepUpPage(to);
    expect(to.pathname).not.toBe('/signin');

    const steppedUpAt = now();
    expect((await stepUp(browser, authenticator)).id).toBe(session.id);
    const resumed = location(await browser.get(returnTo));
    expect(isCallback(resumed)).toBe(true);
    const claims = await redeem(resumed, { ...checks, maxAge: 300 });
    expect(claims).toMatchObject({ acr: ACR_PASSKEY, auth_time: seconds(steppedUpAt), sid: session.id });
    expect((await sessionOf(browser)).id).toBe(session.id);
    expect(STEP_UP_MAX_AGE_SECONDS).toBe(300);
  });

  it('answers prompt=none asking for acr passkey without a fresh passkey with interaction_required', async () => {
    const { browser, authenticator } = await passwordSessionWithPasskey();
    const { to, checks } = await authorize(browser, { acr_values: ACR_PASSKEY, prompt: 'none' });
    expect(isCallback(to)).toBe(true);
    expect(to.searchParams.get('error')).toBe('interaction_required');
    await expect(redeem(to, checks)).rejects.toMatchObject({ error: 'interaction_required' });

    // Once the session has a passkey assertion, the same silent request gets its code.
    await stepUp(browser, authenticator);
    const silent = await authorize(browser, { acr_values: ACR_PASSKEY, prompt: 'none' });
    expect((await redeem(silent.to, silent.checks)).acr).toBe(ACR_PASSKEY);
  });

  it('tells the client its requirements were unmet when the user cancels the step-up', async () => {
    const browser = new FlowBrowser(server.url);
    await browser.signUpAndIn(); // no passkey: the step-up page offers to add one, or to cancel
    const { to, checks } = await authorize(browser, { acr_values: ACR_PASSKEY });
    const returnTo = expectStepUpPage(to);

    const cancelled = location(await browser.get(`${returnTo}?step_up=cancel`));
    expect(isCallback(cancelled)).toBe(true);
    expect(cancelled.searchParams.get('error')).toBe('unmet_authentication_requirements');
    expect(cancelled.searchParams.get('state')).toBe(checks.expectedState);
    await expect(redeem(cancelled, checks)).rejects.toMatchObject({
      error: 'unmet_authentication_requirements',
    });
    // The request is over: it can't be resumed afterwards.
    expect((await browser.get(returnTo)).status).toBe(400);
  });

  it('lets a passwordless sign-in satisfy acr passkey at once', async () => {
    const { account, authenticator } = await passwordSessionWithPasskey();
    const browser = new FlowBrowser(server.url);
    server.hub.clock.advance(10_000);
    const signedInAt = now();
    await passwordless(browser, authenticator);

    const { to, checks } = await authorize(browser, { acr_values: ACR_PASSKEY, max_age: '300' });
    expect(isCallback(to)).toBe(true);
    const claims = await redeem(to, { ...checks, maxAge: 300 });
    expect(claims).toMatchObject({
      sub: account.id,
      acr: ACR_PASSKEY,
      amr: ['hwk', 'user', 'mfa'],
      auth_time: seconds(signedInAt),
    });
  });

  it('lets a password and passkey sign-in satisfy acr passkey at once', async () => {
    const { account, authenticator } = await passwordSessionWithPasskey();
    const browser = new FlowBrowser(server.url);
    await passwordThenPasskey(browser, account.accountNumber, authenticator);
    // The pending sign-in's cookie is gone; only the device cookie (lockout, sign-in/device-trust.ts) stays.
    expect([...browser.otherCookies.keys()]).toEqual(['orbit_device']);

    const { to, checks } = await authorize(browser, { acr_values: ACR_PASSKEY });
    expect(isCallback(to)).toBe(true);
    const claims = await redeem(to, checks);
    expect(claims).toMatchObject({ sub: account.id, acr: ACR_PASSKEY, amr: ['pwd', 'hwk', 'user', 'mfa'] });
  });
});
