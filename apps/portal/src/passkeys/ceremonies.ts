import {
  browserSupportsWebAuthn,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
  WebAuthnAbortService,
} from '@simplewebauthn/browser';
import { api } from '../api/orbit';
import { security } from '../api/security';
import { ceremonyFailure, PasskeyCeremonyError } from './ceremony-error';

/**
 * The passkey ceremonies: options from the hub, the browser's prompt (@simplewebauthn/browser), the answer back
 * to the hub. A failure in the browser's part is a `PasskeyCeremonyError`; the hub's refusals stay `ApiError`s.
 * Only one ceremony runs at a time: starting one aborts the one before (the library's `WebAuthnAbortService`).
 */

/** The browser's assertion for `optionsJSON`; `autofill` waits for the reader to pick a passkey in the form. */
export async function assertWithPasskey(
  optionsJSON: PublicKeyCredentialRequestOptionsJSON,
  autofill = false,
) {
  if (!browserSupportsWebAuthn()) throw new PasskeyCeremonyError('unsupported');
  try {
    return await startAuthentication({ optionsJSON, useBrowserAutofill: autofill });
  } catch (error) {
    throw new PasskeyCeremonyError(ceremonyFailure(error), { cause: error });
  }
}

async function registerWithBrowser(optionsJSON: PublicKeyCredentialCreationOptionsJSON) {
  if (!browserSupportsWebAuthn()) throw new PasskeyCeremonyError('unsupported');
  try {
    return await startRegistration({ optionsJSON });
  } catch (error) {
    throw new PasskeyCeremonyError(ceremonyFailure(error), { cause: error });
  }
}

/** Stops the running ceremony (the autofill request when the sign-in page goes away). */
export function cancelPasskeyCeremony(): void {
  WebAuthnAbortService.cancelCeremony();
}

let passwordlessTurn: Promise<unknown> = Promise.resolve();

/**
 * Passwordless options, one request at a time. The challenge is bound to the browser's ceremony cookie, which
 * the first answer sets and later requests reuse; two requests in flight before it exists (React's development
 * double mount, the button right after autofill) would each get a cookie of their own, and the one set last
 * would orphan the other's challenge.
 */
export function passwordlessOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const next = passwordlessTurn.then(api.passkeySignInOptions, api.passkeySignInOptions);
  passwordlessTurn = next.catch(() => undefined);
  return next;
}

/** "Sign in with a passkey": a discoverable credential, no account named; signs in (the CSRF token is kept). */
export async function signInWithPasskey() {
  const response = await assertWithPasskey(await passwordlessOptions());
  return api.passkeySignIn(response);
}

/** The pending password sign-in's second factor: the account's passkey. */
export async function confirmSecondFactor() {
  const response = await assertWithPasskey(await api.secondFactorOptions());
  return api.secondFactorPasskey(response);
}

/** A passkey assertion inside the current session, which makes sensitive actions possible for 5 minutes. */
export async function stepUpWithPasskey() {
  const response = await assertWithPasskey(await security.stepUpOptions());
  return security.stepUp(response);
}

/**
 * Creates a passkey on this device and saves it under `name` (the hub names it when empty). The first one also
 * answers the account's recovery codes. Adding one more needs a step-up, which the client asks for itself.
 */
export async function enrollPasskey(name?: string) {
  const response = await registerWithBrowser(await security.registrationOptions());
  return security.addPasskey(response, name);
}
