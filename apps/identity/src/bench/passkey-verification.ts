/**
 * The passkey bench's first part: `verifyAuthenticationResponse` (`@simplewebauthn/server`, ES256) alone, in
 * this process, on assertions a software authenticator made before the timed loop — the library's own cost —
 * and the ECDSA P-256 verification it is built on, through node:crypto and through WebCrypto.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, verify, webcrypto } from 'node:crypto';
import { SoftAuthenticator } from '@orbit/authenticator';
import {
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { load, type Timing } from './load.js';

export const VERIFICATIONS = 2000;
const CONCURRENCY = [1, 8];

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/** The library alone (one row per concurrency), and the signature check underneath it (mean ms). */
export async function measureVerification(): Promise<{
  library: { concurrency: number; timing: Timing }[];
  nodeMs: number;
  webcryptoMs: number;
}> {
  const origin = 'http://localhost:4000';
  const rpId = 'localhost';
  const authenticator = new SoftAuthenticator({ origin });
  const registrationChallenge = b64url(randomBytes(32));
  const registration = await authenticator.register({
    rp: { id: rpId, name: 'Orbit' },
    user: { id: b64url(randomBytes(16)), name: 'bench', displayName: 'Bench' },
    challenge: registrationChallenge,
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  const registered = await verifyRegistrationResponse({
    response: registration as unknown as RegistrationResponseJSON,
    expectedChallenge: registrationChallenge,
    expectedOrigin: origin,
    expectedRPID: rpId,
  });
  if (!registered.verified) throw new Error('bench: the software passkey did not register');
  const { credential } = registered.registrationInfo;

  // Every assertion made (and its challenge chosen) before the clock starts.
  const assertions: { challenge: string; response: AuthenticationResponseJSON }[] = [];
  for (let i = 0; i < VERIFICATIONS + 200; i++) {
    const challenge = b64url(randomBytes(32));
    const response = await authenticator.authenticate({
      challenge,
      rpId,
      allowCredentials: [{ id: credential.id, type: 'public-key' }],
      userVerification: 'required',
    });
    assertions.push({ challenge, response: response as unknown as AuthenticationResponseJSON });
  }
  const check = async ({ challenge, response }: (typeof assertions)[number]) =>
    (
      await verifyAuthenticationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: origin,
        expectedRPID: rpId,
        // As the hub does: the counter is compared afterwards, against the stored one.
        credential: { id: credential.id, publicKey: credential.publicKey, counter: 0 },
        requireUserVerification: true,
      })
    ).verified;
  for (const assertion of assertions.slice(VERIFICATIONS)) await check(assertion); // warm-up
  const library: { concurrency: number; timing: Timing }[] = [];
  for (const concurrency of CONCURRENCY) {
    library.push({
      concurrency,
      timing: await load(VERIFICATIONS, concurrency, (i) => check(assertions[i]!)),
    });
  }

  // Underneath: one ECDSA P-256 / SHA-256 verification, through node:crypto and through WebCrypto.
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const data = createHash('sha256').update('authenticatorData || clientDataHash').digest();
  const der = sign('sha256', data, privateKey);
  let started = performance.now();
  for (let i = 0; i < VERIFICATIONS; i++) verify('sha256', data, publicKey, der);
  const nodeMs = (performance.now() - started) / VERIFICATIONS;
  const subtle = webcrypto.subtle;
  const jwk = publicKey.export({ format: 'jwk' });
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const p1363 = sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  started = performance.now();
  for (let i = 0; i < VERIFICATIONS; i++) {
    // As the library does for each assertion: import the key, then verify.
    const key = await subtle.importKey('jwk', jwk, algorithm, false, ['verify']);
    await subtle.verify(algorithm, key, p1363, data);
  }
  const webcryptoMs = (performance.now() - started) / VERIFICATIONS;
  return { library, nodeMs, webcryptoMs };
}
