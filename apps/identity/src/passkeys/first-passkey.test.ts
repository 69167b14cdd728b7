import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, TestBrowser } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { authenticatorFor, enroll, passwordless, stepUp } from '../test/passkeys.js';

describe('adding the first passkey needs a recent password', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  const SIX_MINUTES = 6 * 60_000;

  it('refuses a session whose password is older than 5 minutes, until the password is entered again', async () => {
    const browser = new TestBrowser(hub);
    const { account } = (await browser.signUp()).body;
    hub.clock.advance(SIX_MINUTES);

    for (const path of ['/api/me/passkeys/registration-options', '/api/me/passkeys']) {
      const refused = await browser.request(
        'POST',
        path,
        path.endsWith('passkeys') ? { response: {} } : undefined,
      );
      expect(refused.status, path).toBe(401);
      expect(refused.body.error).toMatchObject({
        code: 'reauthentication_required',
        details: { maxAgeSeconds: 300 },
      });
    }

    const wrong = await browser.request('POST', '/api/me/reauthenticate', { password: 'not my password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('auth.invalid_credentials');
    expect((await browser.request('POST', '/api/me/passkeys/registration-options')).status).toBe(401);

    const ok = await browser.request('POST', '/api/me/reauthenticate', { password: GOOD_PASSWORD });
    expect(ok.status).toBe(200);
    expect(Date.parse(ok.body.validUntil) - Date.parse(ok.body.passwordAt)).toBe(300_000);
    const added = await enroll(browser, authenticatorFor(hub), 'Laptop');
    expect(added.recoveryCodes).toHaveLength(10);

    const events = (await hub.services.securityLog.list(account.id, { limit: 20 })).events.map((e) => e.type);
    expect(events).toContain('password.reauthenticated');
    expect(events).toContain('passkey.added');
  });

  it('counts as fresh right after a password sign-in or sign-up, and expires 5 minutes later', async () => {
    const first = new TestBrowser(hub);
    const { account } = (await first.signUp()).body;
    hub.clock.advance(4 * 60_000);
    expect((await first.request('POST', '/api/me/passkeys/registration-options')).status).toBe(200);

    const second = new TestBrowser(hub, '192.0.2.33');
    await second.signIn(account.handle);
    hub.clock.advance(SIX_MINUTES);
    expect((await second.request('POST', '/api/me/passkeys/registration-options')).status).toBe(401);
    // Activity in the session doesn't renew it: only the password does.
    expect((await second.request('GET', '/api/me')).status).toBe(200);
    expect((await second.request('POST', '/api/me/passkeys/registration-options')).status).toBe(401);
  });

  it('keeps the passkey step-up for a further passkey, whatever the password', async () => {
    const browser = new TestBrowser(hub);
    await browser.signUp();
    const laptop = authenticatorFor(hub);
    await enroll(browser, laptop, 'Laptop');
    hub.clock.advance(SIX_MINUTES);
    await browser.request('POST', '/api/me/reauthenticate', { password: GOOD_PASSWORD });
    const refused = await browser.request('POST', '/api/me/passkeys/registration-options');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('step_up_required');
    expect((await stepUp(browser, laptop)).status).toBe(200);
    expect((await enroll(browser, authenticatorFor(hub), 'Phone')).passkey.name).toBe('Phone');
  });

  it('guards re-authentication: a session is required, bad input is a 400, and wrong passwords are throttled', async () => {
    expect(
      (await new TestBrowser(hub).request('POST', '/api/me/reauthenticate', { password: 'x' })).status,
    ).toBe(401);
    const browser = new TestBrowser(hub, '192.0.2.44');
    await browser.signUp();
    for (const body of [{}, { password: '' }, { password: 42 }, { password: 'x'.repeat(1025) }]) {
      const res = await browser.request('POST', '/api/me/reauthenticate', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toEqual(expect.any(String));
    }
    const statuses: number[] = [];
    for (let i = 0; i < hub.config.throttle.deviceLimit + hub.config.throttle.accountLimit; i++) {
      statuses.push(
        (await browser.request('POST', '/api/me/reauthenticate', { password: `guess ${i}` })).status,
      );
    }
    expect(statuses.at(-1)).toBe(429);
  });

  it('asks a passwordless session, which never entered the password, for it before a first passkey', async () => {
    // A passwordless session of an account whose passkeys were all removed can't add one on the session alone.
    const browser = new TestBrowser(hub);
    await browser.signUp();
    const authenticator = authenticatorFor(hub);
    const { passkey } = await enroll(browser, authenticator, 'Only');
    const elsewhere = new TestBrowser(hub, '192.0.2.55');
    expect((await passwordless(elsewhere, authenticator)).status).toBe(200);
    expect((await elsewhere.request('DELETE', `/api/me/passkeys/${passkey.id}`)).status).toBe(204);
    const refused = await elsewhere.request('POST', '/api/me/passkeys/registration-options');
    expect(refused.body.error.code).toBe('reauthentication_required');
    expect(
      (await elsewhere.request('POST', '/api/me/reauthenticate', { password: GOOD_PASSWORD })).status,
    ).toBe(200);
    expect((await elsewhere.request('POST', '/api/me/passkeys/registration-options')).status).toBe(200);
  });
});
