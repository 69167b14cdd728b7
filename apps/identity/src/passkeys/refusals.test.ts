import { randomBytes, randomUUID } from 'node:crypto';
import type { SoftAuthenticator } from '@orbit/authenticator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Reply, TestBrowser } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { authenticatorFor, enroll, secondFactor, stepUp } from '../test/passkeys.js';
import { CHALLENGE_LIFETIME_MS } from './challenges.js';

const SECOND_FACTOR = '/api/sign-in/second-factor/passkey';
const PASSWORDLESS = '/api/sign-in/passkey';
const STEP_UP = '/api/session/step-up';

/** A challenge the hub never issued. */
const strayChallenge = () => randomBytes(32).toString('base64url');

function expectRefused(reply: Reply, status: number, code: string) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body.error.code).toBe(code);
}

describe('what the hub refuses in passkey ceremonies', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  /** A signed-up account with one passkey; `owner` is its (password) session. */
  async function protectedAccount(
    options: Parameters<typeof authenticatorFor>[1] = {},
  ): Promise<{ owner: TestBrowser; accountNumber: string; authenticator: SoftAuthenticator }> {
    const owner = new TestBrowser(hub);
    const { account } = (await owner.signUp()).body;
    const authenticator = authenticatorFor(hub, options);
    await enroll(owner, authenticator);
    return { owner, accountNumber: String(account.accountNumber), authenticator };
  }

  /** A browser whose password was accepted, waiting for its second factor. */
  async function pendingSignIn(accountNumber: string, ip?: string): Promise<TestBrowser> {
    const browser = new TestBrowser(hub, ip);
    const reply = await browser.signIn(accountNumber);
    expect(reply.body.status).toBe('second_factor_required');
    return browser;
  }

  async function optionsFor(browser: TestBrowser, path: string) {
    const reply = await browser.request('POST', `${path}/options`);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body.options;
  }

  /** Nothing was granted: the browser holds no session, and the hub knows it as signed out. */
  async function expectSignedOut(browser: TestBrowser) {
    expect(browser.cookie).toBeUndefined();
    expect((await browser.request('GET', '/api/session')).status).toBe(401);
  }

  const currentSession = async (browser: TestBrowser) =>
    (await browser.request('GET', '/api/session')).body.session;

  const securityLog = async (browser: TestBrowser) =>
    (await browser.request('GET', '/api/me/security-log?limit=100')).body.events as {
      type: string;
      details: Record<string, unknown>;
    }[];

  describe('challenges', () => {
    it('refuses a replayed step-up response: its challenge was spent by the first use', async () => {
      const { owner, authenticator } = await protectedAccount();
      const response = await authenticator.authenticate(await optionsFor(owner, STEP_UP));
      const first = await owner.request('POST', STEP_UP, { response });
      expect(first.status).toBe(200);

      hub.clock.advance(60_000);
      const replay = await owner.request('POST', STEP_UP, { response });
      expectRefused(replay, 401, 'passkey.challenge_invalid');
      expect((await currentSession(owner)).passkeyAt).toBe(first.body.session.passkeyAt);
    });

    it('refuses a replayed passwordless response, even from a browser holding the same ceremony cookie', async () => {
      const { authenticator } = await protectedAccount();
      const browser = new TestBrowser(hub);
      const response = await authenticator.authenticate(await optionsFor(browser, PASSWORDLESS));
      const attacker = new TestBrowser(hub, '198.51.100.66');
      for (const [name, value] of browser.otherCookies) attacker.otherCookies.set(name, value);

      expect((await browser.request('POST', PASSWORDLESS, { response })).status).toBe(200);
      expectRefused(
        await attacker.request('POST', PASSWORDLESS, { response }),
        401,
        'passkey.challenge_invalid',
      );
      await expectSignedOut(attacker);
    });

    it('spends a challenge even when its response fails verification', async () => {
      const { accountNumber, authenticator } = await protectedAccount();
      const browser = await pendingSignIn(accountNumber);
      const options = await optionsFor(browser, '/api/sign-in/second-factor');
      const forged = await authenticator.authenticate(options, { signWith: 'other-key' });
      expectRefused(
        await browser.request('POST', SECOND_FACTOR, { response: forged }),
        401,
        'passkey.verification_failed',
      );
      const genuine = await authenticator.authenticate(options);
      expectRefused(
        await browser.request('POST', SECOND_FACTOR, { response: genuine }),
        401,
        'passkey.challenge_invalid',
      );
      await expectSignedOut(browser);
    });

    it('refuses a challenge older than five minutes, and accepts one used just before', async () => {
      const { owner, accountNumber, authenticator } = await protectedAccount();
      const browser = await pendingSignIn(accountNumber);
      const options = await optionsFor(browser, '/api/sign-in/second-factor');
      hub.clock.advance(CHALLENGE_LIFETIME_MS + 1_000);
      const late = await browser.request('POST', SECOND_FACTOR, {
        response: await authenticator.authenticate(options),
      });
      expectRefused(late, 401, 'passkey.challenge_invalid');
      await expectSignedOut(browser);

      const stepUpOptions = await optionsFor(owner, STEP_UP);
      hub.clock.advance(CHALLENGE_LIFETIME_MS - 1_000);
      const inTime = await owner.request('POST', STEP_UP, {
        response: await authenticator.authenticate(stepUpOptions),
      });
      expect(inTime.status).toBe(200);
    });

    it('refuses a challenge issued to another session, pending sign-in or browser', async () => {
      const { owner, accountNumber, authenticator } = await protectedAccount();

      // Step-up: a challenge asked for by one session of the account, answered in another.
      const other = await pendingSignIn(accountNumber, '198.51.100.20');
      expect((await secondFactor(other, authenticator)).status).toBe(200);
      const before = await currentSession(other);
      const ownersChallenge = await authenticator.authenticate(await optionsFor(owner, STEP_UP));
      expectRefused(
        await other.request('POST', STEP_UP, { response: ownersChallenge }),
        401,
        'passkey.challenge_invalid',
      );
      expect(await currentSession(other)).toEqual(before);

      // Second factor: a challenge of one pending sign-in, answered by another of the same account.
      const first = await pendingSignIn(accountNumber, '198.51.100.21');
      const second = await pendingSignIn(accountNumber, '198.51.100.22');
      const firstsChallenge = await authenticator.authenticate(
        await optionsFor(first, '/api/sign-in/second-factor'),
      );
      expectRefused(
        await second.request('POST', SECOND_FACTOR, { response: firstsChallenge }),
        401,
        'passkey.challenge_invalid',
      );
      await expectSignedOut(second);

      // Passwordless: a challenge of one browser's ceremony, answered with another browser's ceremony cookie.
      const victim = new TestBrowser(hub, '198.51.100.23');
      const attacker = new TestBrowser(hub, '198.51.100.24');
      const victimsChallenge = await authenticator.authenticate(await optionsFor(victim, PASSWORDLESS));
      await optionsFor(attacker, PASSWORDLESS);
      expectRefused(
        await attacker.request('POST', PASSWORDLESS, { response: victimsChallenge }),
        401,
        'passkey.challenge_invalid',
      );
      await expectSignedOut(attacker);
      const noCeremony = new TestBrowser(hub, '198.51.100.25');
      expectRefused(
        await noCeremony.request('POST', PASSWORDLESS, { response: victimsChallenge }),
        401,
        'passkey.challenge_invalid',
      );
      await expectSignedOut(noCeremony);
    });

    it('refuses a response whose challenge the hub never issued', async () => {
      const { owner, accountNumber, authenticator } = await protectedAccount();
      const browser = await pendingSignIn(accountNumber);
      const options = await optionsFor(browser, '/api/sign-in/second-factor');
      const forged = await authenticator.authenticate(options, { challenge: strayChallenge() });
      expectRefused(
        await browser.request('POST', SECOND_FACTOR, { response: forged }),
        401,
        'passkey.challenge_invalid',
      );
      await expectSignedOut(browser);

      const stepUpOptions = await optionsFor(owner, STEP_UP);
      const forgedStepUp = await authenticator.authenticate(stepUpOptions, { challenge: strayChallenge() });
      expectRefused(
        await owner.request('POST', STEP_UP, { response: forgedStepUp }),
        401,
        'passkey.challenge_invalid',
      );
      expect((await currentSession(owner)).passkeyAt).toBeNull();
    });
  });

  describe('assertions', () => {
    it.each([
      ['from another origin', { origin: 'https://orbit.example.net' }],
      ['for another rpID', { rpId: 'example.net' }],
      ['signed with another key', { signWith: 'other-key' as const }],
      ['of the wrong ceremony type', { type: 'webauthn.create' }],
    ])('refuses an assertion %s (passkey.verification_failed)', async (_, overrides) => {
      const { owner, accountNumber, authenticator } = await protectedAccount();
      const browser = await pendingSignIn(accountNumber);
      const options = await optionsFor(browser, '/api/sign-in/second-factor');
      const response = await authenticator.authenticate(options, overrides);
      expectRefused(
        await browser.request('POST', SECOND_FACTOR, { response }),
        401,
        'passkey.verification_failed',
      );
      await expectSignedOut(browser);

      const stepUpResponse = await authenticator.authenticate(await optionsFor(owner, STEP_UP), overrides);
      expectRefused(
        await owner.request('POST', STEP_UP, { response: stepUpResponse }),
        401,
        'passkey.verification_failed',
      );
      expect((await currentSession(owner)).passkeyAt).toBeNull();
      const types = (await securityLog(owner)).map((e) => e.type);
      expect(types).toEqual(expect.arrayContaining(['sign_in.failed', 'step_up.failed']));
    });

    it('refuses a signature counter that did not increase, and records it in the security log', async () => {
      const { owner, accountNumber, authenticator } = await protectedAccount();
      // Two honest assertions: the hub now holds counter 2.
      expect((await stepUp(owner, authenticator)).status).toBe(200);
      expect((await stepUp(owner, authenticator)).status).toBe(200);
      const [credential] = authenticator.credentials();

      authenticator.setCounter(credential!.id, 0); // a clone that reports 1
      const browser = await pendingSignIn(accountNumber);
      const regressed = await secondFactor(browser, authenticator);
      expectRefused(regressed, 401, 'passkey.counter_regression');
      await expectSignedOut(browser);

      // Equal is not an increase either.
      const again = await pendingSignIn(accountNumber);
      const equal = await authenticator.authenticate(await optionsFor(again, '/api/sign-in/second-factor'), {
        counter: 2,
      });
      expectRefused(
        await again.request('POST', SECOND_FACTOR, { response: equal }),
        401,
        'passkey.counter_regression',
      );
      await expectSignedOut(again);

      const events = (await securityLog(owner)).filter((e) => e.type === 'passkey.counter_regression');
      expect(events).toHaveLength(2);
      expect(events.map((e) => e.details)).toEqual([
        expect.objectContaining({ stored: 2, received: 2 }),
        expect.objectContaining({ stored: 2, received: 1 }),
      ]);
    });

    it('accepts a counter that stays zero on both sides (synced passkeys)', async () => {
      const { accountNumber, authenticator } = await protectedAccount({ counter: 'zero' });
      for (const ip of ['198.51.100.30', '198.51.100.31']) {
        const browser = await pendingSignIn(accountNumber, ip);
        const done = await secondFactor(browser, authenticator);
        expect(done.status, JSON.stringify(done.body)).toBe(200);
        expect(browser.cookie).toBeDefined();
      }
    });

    it("refuses another account's passkey as this account's second factor", async () => {
      const victim = await protectedAccount();
      const intruder = await protectedAccount();
      const browser = await pendingSignIn(victim.accountNumber);
      const options = await optionsFor(browser, '/api/sign-in/second-factor');
      // The intruder's authenticator isn't in allowCredentials; a modified browser sends its credential anyway.
      const response = await intruder.authenticator.authenticate({ ...options, allowCredentials: [] });
      expectRefused(
        await browser.request('POST', SECOND_FACTOR, { response }),
        401,
        'passkey.unknown_credential',
      );
      await expectSignedOut(browser);

      const forgotten = await pendingSignIn(victim.accountNumber);
      const unknown = await victim.authenticator.authenticate(
        await optionsFor(forgotten, '/api/sign-in/second-factor'),
      );
      const renamed = { ...unknown, id: randomBytes(16).toString('base64url') };
      renamed.rawId = renamed.id;
      expectRefused(
        await forgotten.request('POST', SECOND_FACTOR, { response: renamed }),
        401,
        'passkey.unknown_credential',
      );
      await expectSignedOut(forgotten);
    });

    it('requires user verification for a passwordless sign-in, not for the second factor', async () => {
      const { accountNumber, authenticator } = await protectedAccount();
      const browser = new TestBrowser(hub);
      const response = await authenticator.authenticate(await optionsFor(browser, PASSWORDLESS), {
        userVerified: false,
      });
      expectRefused(
        await browser.request('POST', PASSWORDLESS, { response }),
        401,
        'passkey.verification_failed',
      );
      await expectSignedOut(browser);

      const pending = await pendingSignIn(accountNumber);
      const presenceOnly = await authenticator.authenticate(
        await optionsFor(pending, '/api/sign-in/second-factor'),
        { userVerified: false },
      );
      const done = await pending.request('POST', SECOND_FACTOR, { response: presenceOnly });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      // Password plus a key held is two factors, whether or not the key verified the user.
      expect((await currentSession(pending)).authMethods).toEqual(['pwd', 'hwk', 'user', 'mfa']);
    });
  });

  describe('registration', () => {
    /** The client data a browser would write for a registration with this challenge. */
    const clientDataFor = (challenge: string) =>
      Buffer.from(
        JSON.stringify({ type: 'webauthn.create', challenge, origin: hub.config.issuer, crossOrigin: false }),
      ).toString('base64url');

    it('does not register the same authenticator twice, on this account or another', async () => {
      const owner = new TestBrowser(hub);
      await owner.signUp();
      const authenticator = authenticatorFor(hub);
      const firstOptions = (await owner.request('POST', '/api/me/passkeys/registration-options')).body
        .options;
      const registered = await authenticator.register(firstOptions);
      expect((await owner.request('POST', '/api/me/passkeys', { response: registered })).status).toBe(201);

      expect((await stepUp(owner, authenticator)).status).toBe(200);
      const again = await owner.request('POST', '/api/me/passkeys/registration-options');
      expect(again.body.options.excludeCredentials.map((c: { id: string }) => c.id)).toEqual([registered.id]);
      // excludeCredentials: the authenticator itself refuses (WebAuthn §6.3.2 step 3).
      await expect(authenticator.register(again.body.options)).rejects.toMatchObject({
        name: 'InvalidStateError',
      });
      // A client that ignores it and re-sends the registered credential for the new challenge.
      const resent = {
        ...registered,
        response: { ...registered.response, clientDataJSON: clientDataFor(again.body.options.challenge) },
      };
      expectRefused(
        await owner.request('POST', '/api/me/passkeys', { response: resent }),
        409,
        'passkey.already_registered',
      );
      expect((await owner.request('GET', '/api/me/security')).body.passkeys).toHaveLength(1);

      // Another account can't claim it either, and gets neither protection nor recovery codes from trying.
      const other = new TestBrowser(hub, '198.51.100.40');
      await other.signUp();
      const otherOptions = (await other.request('POST', '/api/me/passkeys/registration-options')).body
        .options;
      const claimed = {
        ...registered,
        response: { ...registered.response, clientDataJSON: clientDataFor(otherOptions.challenge) },
      };
      expectRefused(
        await other.request('POST', '/api/me/passkeys', { response: claimed }),
        409,
        'passkey.already_registered',
      );
      expect((await other.request('GET', '/api/me/security')).body).toMatchObject({
        passkeyProtection: false,
        passkeys: [],
        recoveryCodes: { remaining: 0 },
      });
    });
  });

  describe('pending sign-ins', () => {
    it('refuses the second factor without a pending sign-in', async () => {
      const { authenticator } = await protectedAccount();
      const browser = new TestBrowser(hub);
      expectRefused(
        await browser.request('POST', '/api/sign-in/second-factor/options'),
        401,
        'sign_in.pending_required',
      );
      // Even a well-formed passkey response doesn't start a sign-in without the password step.
      const stray = await authenticator.authenticate({ challenge: strayChallenge(), rpId: 'localhost' });
      expectRefused(
        await browser.request('POST', SECOND_FACTOR, { response: stray }),
        401,
        'sign_in.pending_required',
      );
      expectRefused(
        await browser.request('POST', '/api/sign-in/second-factor/recovery-code', { code: 'abcde-fghjk' }),
        401,
        'sign_in.pending_required',
      );
      await expectSignedOut(browser);
    });

    it('finishes a pending sign-in only once', async () => {
      const { accountNumber, authenticator } = await protectedAccount();
      const browser = await pendingSignIn(accountNumber);
      // Someone holding a copy of the pending cookie, with a challenge asked for before the sign-in finished.
      const copy = new TestBrowser(hub, '198.51.100.50');
      for (const [name, value] of browser.otherCookies) copy.otherCookies.set(name, value);
      const copysResponse = await authenticator.authenticate(
        await optionsFor(copy, '/api/sign-in/second-factor'),
      );

      expect((await secondFactor(browser, authenticator)).status).toBe(200);
      expect(browser.otherCookies.has('orbit_pending_sign_in')).toBe(false);

      expectRefused(
        await copy.request('POST', SECOND_FACTOR, { response: copysResponse }),
        401,
        'sign_in.pending_required',
      );
      expectRefused(
        await copy.request('POST', '/api/sign-in/second-factor/options'),
        401,
        'sign_in.pending_required',
      );
      await expectSignedOut(copy);
      expect((await browser.request('GET', '/api/sessions')).body.sessions).toHaveLength(2);
    });

    it('throttles second-factor failures per account, then refuses even the right passkey', async () => {
      const { accountNumber, authenticator } = await protectedAccount();
      const limit = hub.config.throttle.accountLimit;
      const browser = await pendingSignIn(accountNumber);
      const options = await optionsFor(browser, '/api/sign-in/second-factor');
      for (let i = 1; i < limit; i++) {
        const response = await authenticator.authenticate(options, { challenge: strayChallenge() });
        expectRefused(
          await browser.request('POST', SECOND_FACTOR, { response }),
          401,
          'passkey.challenge_invalid',
        );
      }
      const last = await authenticator.authenticate(options, { challenge: strayChallenge() });
      const locked = await browser.request('POST', SECOND_FACTOR, { response: last });
      expectRefused(locked, 429, 'auth.too_many_attempts');
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);

      const genuine = await browser.request('POST', SECOND_FACTOR, {
        response: await authenticator.authenticate(options),
      });
      expectRefused(genuine, 429, 'auth.too_many_attempts');
      await expectSignedOut(browser);
      // The same lock as wrong passwords: the password step is locked too.
      expectRefused(await new TestBrowser(hub).signIn(accountNumber), 429, 'auth.too_many_attempts');
    });
  });

  describe('request bodies', () => {
    it('answers 400 request.invalid for malformed bodies, never 500', async () => {
      const { owner, accountNumber, authenticator } = await protectedAccount();
      const browser = await pendingSignIn(accountNumber);
      const valid = await authenticator.authenticate(await optionsFor(browser, '/api/sign-in/second-factor'));
      const bad: unknown[] = [
        {},
        { response: 'nope' },
        { response: null },
        { response: [] },
        { response: { ...valid, type: 'password' } },
        { response: { ...valid, id: '' } },
        { response: { ...valid, response: {} } },
        { response: { ...valid, response: { clientDataJSON: 42 } } },
        { response: { ...valid, response: { clientDataJSON: 'x'.repeat(9000) } } },
      ];
      for (const body of bad) {
        expectRefused(await browser.request('POST', SECOND_FACTOR, body), 400, 'request.invalid');
      }
      await optionsFor(browser, PASSWORDLESS);
      for (const body of bad) {
        expectRefused(await browser.request('POST', PASSWORDLESS, body), 400, 'request.invalid');
      }
      for (const body of bad) {
        expectRefused(await owner.request('POST', STEP_UP, body), 400, 'request.invalid');
      }
      expect((await stepUp(owner, authenticator)).status).toBe(200);
      for (const body of [...bad, { name: '', response: valid }, { name: 'x'.repeat(65), response: valid }]) {
        expectRefused(await owner.request('POST', '/api/me/passkeys', body), 400, 'request.invalid');
      }
      for (const body of [{}, { code: 42 }, { code: '' }, { code: 'x'.repeat(65) }]) {
        expectRefused(
          await browser.request('POST', '/api/sign-in/second-factor/recovery-code', body),
          400,
          'request.invalid',
        );
      }
      const notJson = await browser.request('POST', SECOND_FACTOR, undefined, {
        raw: '{"response":',
        headers: { 'content-type': 'application/json' },
      });
      expect(notJson.status).toBe(400);
      await expectSignedOut(browser);
      // None of this counted as a failed attempt (there were more than the limit): the passkey still signs in.
      expect((await secondFactor(browser, authenticator)).status).toBe(200);
    });

    it('answers 401 for well-formed responses with garbage inside, never 500', async () => {
      const { accountNumber, authenticator } = await protectedAccount();
      const browser = await pendingSignIn(accountNumber);
      const options = await optionsFor(browser, '/api/sign-in/second-factor');
      const garbageClientData = await authenticator.authenticate(options);
      garbageClientData.response.clientDataJSON = 'bm90IGpzb24';
      expectRefused(
        await browser.request('POST', SECOND_FACTOR, { response: garbageClientData }),
        401,
        'passkey.challenge_invalid',
      );
      for (const broken of [
        { authenticatorData: 'AAAA' },
        { signature: '' },
        { signature: 'not base64url!' },
        { authenticatorData: undefined },
      ]) {
        const response = await authenticator.authenticate(
          await optionsFor(browser, '/api/sign-in/second-factor'),
        );
        const mangled = { ...response, response: { ...response.response, ...broken } };
        expectRefused(
          await browser.request('POST', SECOND_FACTOR, { response: mangled }),
          401,
          'passkey.verification_failed',
        );
      }
      await expectSignedOut(browser);
    });
  });

  describe('managing passkeys', () => {
    it("validates a new name, and answers 404 for another account's passkey", async () => {
      const { owner } = await protectedAccount();
      const [passkey] = (await owner.request('GET', '/api/me/security')).body.passkeys;
      const rename = (browser: TestBrowser, id: string, body: unknown) =>
        browser.request('PATCH', `/api/me/passkeys/${id}`, body);

      for (const body of [{}, { name: '' }, { name: '   ' }, { name: 'x'.repeat(65) }, { name: 7 }]) {
        expectRefused(await rename(owner, passkey.id, body), 400, 'request.invalid');
      }
      const longest = await rename(owner, passkey.id, { name: ` ${'x'.repeat(64)} ` });
      expect(longest.status).toBe(200);
      expect(longest.body.passkey.name).toBe('x'.repeat(64));

      const stranger = new TestBrowser(hub, '198.51.100.60');
      await stranger.signUp();
      expectRefused(await rename(stranger, passkey.id, { name: 'Mine now' }), 404, 'passkey.not_found');
      expectRefused(await rename(stranger, randomUUID(), { name: 'Nothing' }), 404, 'passkey.not_found');
      expectRefused(await rename(stranger, 'not-a-uuid', { name: 'Nothing' }), 404, 'passkey.not_found');
      expectRefused(
        await stranger.request('DELETE', `/api/me/passkeys/${passkey.id}`),
        404,
        'passkey.not_found',
      );
      const after = (await owner.request('GET', '/api/me/security')).body.passkeys;
      expect(after).toEqual([expect.objectContaining({ id: passkey.id, name: 'x'.repeat(64) })]);
    });

    it('turns protection off and deletes the recovery codes when the last passkey goes', async () => {
      const { owner, accountNumber, authenticator } = await protectedAccount();
      const spare = authenticatorFor(hub);
      expect((await stepUp(owner, authenticator)).status).toBe(200);
      await enroll(owner, spare, 'Spare');
      const [first, second] = (await owner.request('GET', '/api/me/security')).body.passkeys;

      expect((await owner.request('DELETE', `/api/me/passkeys/${second.id}`)).status).toBe(204);
      expect((await owner.request('GET', '/api/me/security')).body).toMatchObject({
        passkeyProtection: true,
        recoveryCodes: { remaining: 10 },
      });

      expect((await owner.request('DELETE', `/api/me/passkeys/${first.id}`)).status).toBe(204);
      expect((await owner.request('GET', '/api/me/security')).body).toMatchObject({
        passkeyProtection: false,
        passkeys: [],
        recoveryCodes: { remaining: 0, generatedAt: null },
      });
      const browser = new TestBrowser(hub, '198.51.100.61');
      const signedIn = await browser.signIn(accountNumber);
      expect(signedIn.body.status).toBe('signed_in');
      expect(browser.cookie).toBeDefined();
      expectRefused(await browser.request('POST', '/api/session/step-up/options'), 409, 'passkey.none');
      const removed = (await securityLog(owner)).filter((e) => e.type === 'passkey.removed');
      expect(removed.map((e) => e.details.passkeyId)).toEqual([first.id, second.id]);
    });
  });
});
