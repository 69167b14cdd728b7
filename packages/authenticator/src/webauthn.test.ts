import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type WebAuthnCredential,
} from '@simplewebauthn/server';
import { describe, expect, it } from 'vitest';
import { SOFT_AUTHENTICATOR_AAGUID, SoftAuthenticator, type SoftAuthenticatorOptions } from './webauthn.js';

const origin = 'http://localhost:4000';
const rpID = 'localhost';
const expected = { expectedOrigin: origin, expectedRPID: rpID };

const registrationOptions = (excludeCredentials: { id: string }[] = []) =>
  generateRegistrationOptions({
    rpName: 'Orbit',
    rpID,
    userName: 'ada',
    userID: new TextEncoder().encode('account-ada'),
    attestationType: 'none',
    excludeCredentials,
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });

/** Registers a passkey the way the hub does, answering the credential the server would store. */
async function enroll(authenticator: SoftAuthenticator, requireUserVerification = true) {
  const options = await registrationOptions();
  const response = await authenticator.register(options);
  const result = await verifyRegistrationResponse({
    response,
    expectedChallenge: options.challenge,
    requireUserVerification,
    ...expected,
  });
  if (!result.verified) throw new Error('registration did not verify');
  return { options, response, info: result.registrationInfo };
}

async function assert(
  authenticator: SoftAuthenticator,
  credential: WebAuthnCredential,
  overrides: Parameters<SoftAuthenticator['authenticate']>[1] = {},
  allowCredentials: { id: string }[] = [{ id: credential.id }],
  requireUserVerification = true,
) {
  const options = await generateAuthenticationOptions({
    rpID,
    allowCredentials,
    userVerification: 'preferred',
  });
  const response = await authenticator.authenticate(options, overrides);
  const result = await verifyAuthenticationResponse({
    response,
    expectedChallenge: options.challenge,
    credential,
    requireUserVerification,
    ...expected,
  });
  return { response, result };
}

const soft = (options: Partial<SoftAuthenticatorOptions> = {}) =>
  new SoftAuthenticator({ origin, ...options });

describe('SoftAuthenticator registration', () => {
  it('creates a passkey the server verifies: none attestation, user verified, our AAGUID', async () => {
    const authenticator = soft();
    const { options, response, info } = await enroll(authenticator);
    expect(info.fmt).toBe('none');
    expect(info.userVerified).toBe(true);
    expect(info.aaguid).toBe(SOFT_AUTHENTICATOR_AAGUID);
    expect(info.credential.id).toBe(response.id);
    expect(info.credentialDeviceType).toBe('singleDevice');
    expect(info.credentialBackedUp).toBe(false);
    expect(response.response.transports).toEqual(['internal']);
    expect(response.response.publicKeyAlgorithm).toBe(-7);
    expect(Buffer.from(response.id, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(authenticator.credentials()).toEqual([
      { id: response.id, rpId: rpID, userHandle: options.user.id, signCount: 0, discoverable: true },
    ]);
  });

  it('reports a synced passkey through the backup flags', async () => {
    const { info } = await enroll(soft({ backupEligible: true, backedUp: true }));
    expect(info.credentialDeviceType).toBe('multiDevice');
    expect(info.credentialBackedUp).toBe(true);
  });

  it('leaves the UV flag off when the user was not verified', async () => {
    await expect(enroll(soft({ userVerification: false }))).rejects.toThrow(/user could not be verified/);
    const { info } = await enroll(soft({ userVerification: false }), false);
    expect(info.userVerified).toBe(false);
  });

  it('is refused by a server expecting another origin or RP ID', async () => {
    const authenticator = soft();
    const options = await registrationOptions();
    const foreign = await authenticator.register(options, { origin: 'https://evil.example' });
    await expect(
      verifyRegistrationResponse({ response: foreign, expectedChallenge: options.challenge, ...expected }),
    ).rejects.toThrow(/origin/i);
    const hashed = await authenticator.register(options, { rpId: 'evil.example' });
    await expect(
      verifyRegistrationResponse({ response: hashed, expectedChallenge: options.challenge, ...expected }),
    ).rejects.toThrow(/RP ID/i);
  });

  it('throws InvalidStateError, as a browser does, for an excluded credential it holds', async () => {
    const authenticator = soft();
    const { response } = await enroll(authenticator);
    await expect(
      authenticator.register(await registrationOptions([{ id: response.id }])),
    ).rejects.toMatchObject({
      name: 'InvalidStateError',
    });
    expect(authenticator.credentials()).toHaveLength(1);
  });
});

describe('SoftAuthenticator assertions', () => {
  it('signs assertions the stored public key verifies, with a counter that goes up', async () => {
    const authenticator = soft();
    const { info } = await enroll(authenticator);
    const first = await assert(authenticator, info.credential);
    expect(first.result.verified).toBe(true);
    expect(first.result.authenticationInfo.newCounter).toBe(1);
    const second = await assert(authenticator, { ...info.credential, counter: 1 });
    expect(second.result.verified).toBe(true);
    expect(second.result.authenticationInfo.newCounter).toBe(2);
    expect(authenticator.credentials()[0]?.signCount).toBe(2);
  });

  it('keeps the counter at zero in zero mode, and can be made to regress', async () => {
    const zero = soft({ counter: 'zero' });
    const enrolled = await enroll(zero);
    expect((await assert(zero, enrolled.info.credential)).result.authenticationInfo.newCounter).toBe(0);

    const authenticator = soft();
    const { info } = await enroll(authenticator);
    await expect(assert(authenticator, { ...info.credential, counter: 5 }, { counter: 5 })).rejects.toThrow(
      /counter/i,
    );
    authenticator.setCounter(info.credential.id, 9);
    const next = await assert(authenticator, { ...info.credential, counter: 5 });
    expect(next.result.authenticationInfo.newCounter).toBe(10);
  });

  it('answers a discoverable request with its first passkey for the RP, and its user handle', async () => {
    const authenticator = soft();
    const { options, info } = await enroll(authenticator);
    const { response, result } = await assert(authenticator, info.credential, {}, []);
    expect(result.verified).toBe(true);
    expect(response.id).toBe(info.credential.id);
    expect(response.response.userHandle).toBe(options.user.id);
  });

  it('is refused for a wrong origin or RP ID, another key, or no UV when required', async () => {
    const authenticator = soft();
    const { info } = await enroll(authenticator);
    await expect(assert(authenticator, info.credential, { origin: 'https://evil.example' })).rejects.toThrow(
      /origin/i,
    );
    await expect(assert(authenticator, info.credential, { rpId: 'evil.example' })).rejects.toThrow(/RP ID/i);
    await expect(assert(authenticator, info.credential, { userVerified: false })).rejects.toThrow(/verif/i);
    const forged = await assert(authenticator, info.credential, { signWith: 'other-key' });
    expect(forged.result.verified).toBe(false);
    const unverified = await assert(
      authenticator,
      info.credential,
      { userVerified: false },
      undefined,
      false,
    );
    expect(unverified.result.verified).toBe(true);
  });

  it('throws NotAllowedError when it holds none of the allowed credentials', async () => {
    const authenticator = soft();
    const { info } = await enroll(authenticator);
    await expect(assert(soft(), info.credential)).rejects.toMatchObject({ name: 'NotAllowedError' });
    authenticator.forget(info.credential.id);
    await expect(assert(authenticator, info.credential, {}, [])).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
  });
});
