import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { authenticatorFor, enroll, passwordless, secondFactor, stepUp } from '../test/passkeys.js';

describe('passkey protection, end to end over the API', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  it('enrolls, then asks for the passkey after the password, signs in without a password, steps up and recovers', async () => {
    const browser = new TestBrowser(hub);
    const { account } = (await browser.signUp()).body;
    const authenticator = authenticatorFor(hub, { backupEligible: true, backedUp: true });

    const first = await enroll(browser, authenticator, 'Laptop');
    expect(first.passkey).toMatchObject({ name: 'Laptop', synced: true, deviceType: 'multiDevice' });
    expect(first.recoveryCodes).toHaveLength(10);
    expect(first.recoveryCodes[0]).toMatch(/^[2-9a-z]{5}-[2-9a-z]{5}$/);

    const security = await browser.request('GET', '/api/me/security');
    expect(security.body).toMatchObject({ passkeyProtection: true, recoveryCodes: { remaining: 10 } });

    // Password alone no longer signs in.
    const other = new TestBrowser(hub, '198.51.100.7');
    const pending = await other.signIn(account.accountNumber);
    expect(pending.status).toBe(200);
    expect(pending.body).toMatchObject({
      status: 'second_factor_required',
      methods: ['passkey', 'recovery_code'],
    });
    expect(other.cookie).toBeUndefined();
    expect((await other.request('GET', '/api/session')).status).toBe(401);

    const done = await secondFactor(other, authenticator);
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('signed_in');
    const session = (await other.request('GET', '/api/session')).body.session;
    expect(session.acr).toBe('urn:orbit:acr:passkey');
    expect(session.authMethods).toEqual(['pwd', 'swk', 'user', 'mfa']);

    // Passwordless, from a third browser.
    const third = new TestBrowser(hub, '198.51.100.8');
    const signedIn = await passwordless(third, authenticator);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.account.id).toBe(account.id);
    const passwordlessSession = (await third.request('GET', '/api/session')).body.session;
    expect(passwordlessSession.authMethods).toEqual(['swk', 'user', 'mfa']);

    // Sensitive actions need a fresh step-up, which raises the same session in place.
    hub.clock.advance(6 * 60_000);
    const refused = await third.request('POST', '/api/me/recovery-codes');
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('step_up_required');
    const raised = await stepUp(third, authenticator);
    expect(raised.status).toBe(200);
    expect(raised.body.session.id).toBe(passwordlessSession.id);
    const regenerated = await third.request('POST', '/api/me/recovery-codes');
    expect(regenerated.status).toBe(200);
    expect(regenerated.body.codes).toHaveLength(10);

    // The old codes stopped working; a new one completes a sign-in once.
    const fourth = new TestBrowser(hub, '198.51.100.9');
    await fourth.signIn(account.accountNumber);
    const stale = await fourth.request('POST', '/api/sign-in/second-factor/recovery-code', {
      code: first.recoveryCodes[0],
    });
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('recovery_code.invalid');
    const code = regenerated.body.codes[3] as string;
    const recovered = await fourth.request('POST', '/api/sign-in/second-factor/recovery-code', {
      code: code.toUpperCase().replace('-', ' '),
    });
    expect(recovered.status).toBe(200);
    expect(recovered.body.recoveryCodesRemaining).toBe(9);
    const recoveredSession = (await fourth.request('GET', '/api/session')).body.session;
    expect(recoveredSession).toMatchObject({
      acr: 'urn:orbit:acr:password',
      authMethods: ['pwd', 'otp', 'mfa'],
    });
    expect((await fourth.request('GET', '/api/me/security')).body.recoveryNotice).toMatchObject({
      ip: '198.51.100.9',
    });

    const again = new TestBrowser(hub);
    await again.signIn(account.accountNumber);
    const reused = await again.request('POST', '/api/sign-in/second-factor/recovery-code', { code });
    expect(reused.status).toBe(401);

    const log = await browser.request('GET', '/api/me/security-log?limit=100');
    const types = log.body.events.map((e: { type: string }) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'account.created',
        'passkey.added',
        'recovery_codes.generated',
        'sign_in.succeeded',
        'step_up.succeeded',
        'recovery_code.used',
        'sign_in.failed',
      ]),
    );
  });
});
