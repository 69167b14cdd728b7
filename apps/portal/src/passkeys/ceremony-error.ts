/**
 * Why the browser's part of a passkey ceremony (`navigator.credentials.get()` / `.create()`) did not give a
 * credential, in the few cases the reader can act on:
 * - `cancelled`: the reader closed the browser's prompt, or it timed out (`NotAllowedError`);
 * - `aborted`: the page started another ceremony or left (nothing to show);
 * - `already_registered`: this authenticator already holds one of the account's passkeys;
 * - `unsupported`: no WebAuthn in this browser, or none of the hub's algorithms;
 * - `security`: the page's address does not match the relying party (a configuration problem);
 * - `failed`: anything else the authenticator reported.
 */
export type CeremonyFailure =
  | 'cancelled'
  | 'aborted'
  | 'already_registered'
  | 'unsupported'
  | 'security'
  | 'failed';

/** The browser's part of a passkey ceremony failed; `reason` says how (see `CeremonyFailure`). */
export class PasskeyCeremonyError extends Error {
  override name = 'PasskeyCeremonyError';
  constructor(
    readonly reason: CeremonyFailure,
    options?: { cause?: unknown },
  ) {
    super(`The passkey ceremony ended: ${reason}.`, options);
  }
}

/** The `code`s @simplewebauthn/browser gives its `WebAuthnError`s that say more than the DOM error's name. */
const FAILURE_BY_CODE: Readonly<Record<string, CeremonyFailure>> = {
  ERROR_CEREMONY_ABORTED: 'aborted',
  ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED: 'already_registered',
  ERROR_INVALID_DOMAIN: 'security',
  ERROR_INVALID_RP_ID: 'security',
  ERROR_AUTHENTICATOR_NO_SUPPORTED_PUBKEYCREDPARAMS_ALG: 'unsupported',
  ERROR_AUTHENTICATOR_MISSING_DISCOVERABLE_CREDENTIAL_SUPPORT: 'unsupported',
  ERROR_AUTHENTICATOR_MISSING_USER_VERIFICATION_SUPPORT: 'unsupported',
};

/** The DOM error names of WebAuthn §5.1.3 / §5.1.4 (`create()` and `get()`), when no code says more. */
const FAILURE_BY_NAME: Readonly<Record<string, CeremonyFailure>> = {
  NotAllowedError: 'cancelled',
  AbortError: 'aborted',
  InvalidStateError: 'already_registered',
  NotSupportedError: 'unsupported',
  SecurityError: 'security',
};

/** What an error thrown by `startAuthentication` / `startRegistration` means for the reader. */
export function ceremonyFailure(error: unknown): CeremonyFailure {
  if (error instanceof PasskeyCeremonyError) return error.reason;
  if (typeof error !== 'object' || error === null) return 'failed';
  const { code, name } = error as { code?: unknown; name?: unknown };
  if (typeof code === 'string' && Object.hasOwn(FAILURE_BY_CODE, code))
    return FAILURE_BY_CODE[code] ?? 'failed';
  if (typeof name === 'string' && Object.hasOwn(FAILURE_BY_NAME, name))
    return FAILURE_BY_NAME[name] ?? 'failed';
  return 'failed';
}

/** Whether the ceremony ended only because the page started another one or left: nothing to tell the reader. */
export const isAborted = (error: unknown): boolean =>
  error instanceof PasskeyCeremonyError && error.reason === 'aborted';
