import type { AssertionOverrides, CeremonyOverrides, SoftAuthenticator } from '@orbit/authenticator';
import type { HttpBrowser } from './http-browser.js';

/*
 * The hub's passkey ceremonies over HTTP, as the portal runs them (docs/passkeys.md): ask for options, let
 * the authenticator answer, post the answer. Every helper throws a `HubRequestError` when the hub refuses.
 */

/** A refusal from the hub: its status, its stable error code (`passkey.counter_regression`) and the body. */
export class HubRequestError extends Error {
  override readonly name = 'HubRequestError';
  readonly code: string | undefined;

  constructor(
    what: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${what} failed: ${status} ${JSON.stringify(body)}`);
    this.code = (body as { error?: { code?: string } } | undefined)?.error?.code;
  }
}

export interface PasskeyView {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  deviceType: 'singleDevice' | 'multiDevice';
  backedUp: boolean;
  synced: boolean;
  transports: string[];
  aaguid: string;
}

/** The hub's answer once a sign-in is complete; `browser.csrfToken` is then the new session's token. */
export interface SignedIn {
  status: 'signed_in';
  account: { id: string; accountNumber: string; handle: string; displayName: string } & Record<
    string,
    unknown
  >;
  csrfToken: string;
  /** After a recovery code: how many are left. */
  recoveryCodesRemaining?: number;
}

/** `GET /api/session`'s view of a session. */
export interface SessionView {
  id: string;
  current: boolean;
  device: string;
  userAgent: string;
  ip: string;
  authMethods: string[];
  acr: string;
  authTime: string;
  passkeyAt: string | null;
  stepUpExpiresAt: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

// biome-ignore lint/suspicious/noExplicitAny: the hub's bodies are read loosely, as tests do
type Reply = { status: number; body: any };

async function call(
  browser: HttpBrowser,
  what: string,
  url: string,
  body: unknown,
  ok = 200,
): Promise<Reply> {
  const reply = await browser.json('POST', url, body);
  if (reply.status !== ok) throw new HubRequestError(what, reply.status, reply.body);
  return reply;
}

async function finishSignIn(
  browser: HttpBrowser,
  what: string,
  url: string,
  body: unknown,
): Promise<SignedIn> {
  const { body: signedIn } = await call(browser, what, url, body);
  browser.csrfToken = signedIn.csrfToken;
  return signedIn as SignedIn;
}

/**
 * Adds a passkey to the signed-in account. When the account already has one, the hub asks for a fresh
 * step-up first: run `stepUp` with an authenticator holding an existing passkey.
 *
 * @example
 * const authenticator = new SoftAuthenticator({ origin: hub.url });
 * const { passkey, recoveryCodes } = await enrollPasskey(browser, hub.url, authenticator);
 */
export async function enrollPasskey(
  browser: HttpBrowser,
  hubUrl: string,
  authenticator: SoftAuthenticator,
  name?: string,
  overrides?: CeremonyOverrides,
): Promise<{ passkey: PasskeyView; recoveryCodes?: string[] }> {
  const { body } = await call(
    browser,
    'passkey registration options',
    `${hubUrl}/api/me/passkeys/registration-options`,
    undefined,
  );
  const response = await authenticator.register(body.options, overrides);
  const added = await call(browser, 'adding a passkey', `${hubUrl}/api/me/passkeys`, { name, response }, 201);
  return added.body;
}

/** Signs in with a passkey alone (discoverable credential, user verification required). */
export async function signInWithPasskey(
  browser: HttpBrowser,
  hubUrl: string,
  authenticator: SoftAuthenticator,
  overrides?: AssertionOverrides,
): Promise<SignedIn> {
  const { body } = await call(
    browser,
    'passkey sign-in options',
    `${hubUrl}/api/sign-in/passkey/options`,
    undefined,
  );
  const response = await authenticator.authenticate(body.options, overrides);
  return finishSignIn(browser, 'passkey sign-in', `${hubUrl}/api/sign-in/passkey`, { response });
}

/** Completes a password sign-in that answered `second_factor_required`, with a passkey. */
export async function completeSecondFactor(
  browser: HttpBrowser,
  hubUrl: string,
  authenticator: SoftAuthenticator,
  overrides?: AssertionOverrides,
): Promise<SignedIn> {
  const options = `${hubUrl}/api/sign-in/second-factor/options`;
  const { body } = await call(browser, 'second-factor options', options, undefined);
  const response = await authenticator.authenticate(body.options, overrides);
  return finishSignIn(browser, 'passkey second factor', `${hubUrl}/api/sign-in/second-factor/passkey`, {
    response,
  });
}

/** Completes a password sign-in that answered `second_factor_required`, with a recovery code. */
export async function signInWithRecoveryCode(
  browser: HttpBrowser,
  hubUrl: string,
  code: string,
): Promise<SignedIn> {
  return finishSignIn(browser, 'recovery code sign-in', `${hubUrl}/api/sign-in/second-factor/recovery-code`, {
    code,
  });
}

/** Raises the current session's assurance with a passkey assertion; answers the session view. */
export async function stepUp(
  browser: HttpBrowser,
  hubUrl: string,
  authenticator: SoftAuthenticator,
  overrides?: AssertionOverrides,
): Promise<SessionView> {
  const { body } = await call(browser, 'step-up options', `${hubUrl}/api/session/step-up/options`, undefined);
  const response = await authenticator.authenticate(body.options, overrides);
  const { body: done } = await call(browser, 'step-up', `${hubUrl}/api/session/step-up`, { response });
  return done.session;
}
