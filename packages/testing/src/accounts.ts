import type { SoftAuthenticator } from '@orbit/authenticator';
import type { HttpBrowser } from './http-browser.js';
import { completeSecondFactor, HubRequestError, type SignedIn } from './passkeys.js';

export const TEST_PASSWORD = 'correct horse battery staple';

let counter = 0;
/** A unique, valid handle for a test account. */
export const uniqueHandle = (prefix = 'user') =>
  `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

export interface TestAccount {
  id: string;
  accountNumber: string;
  handle: string;
  displayName: string;
  password: string;
}

/** Signs up at the hub through its API, leaving `browser` signed in there as the new account. */
export async function signUp(
  browser: HttpBrowser,
  hubUrl: string,
  overrides: Partial<{ handle: string; displayName: string; password: string }> = {},
): Promise<TestAccount> {
  const input = { handle: uniqueHandle(), displayName: 'Test User', password: TEST_PASSWORD, ...overrides };
  const reply = await browser.json('POST', `${hubUrl}/api/accounts`, input);
  if (reply.status !== 201 && reply.status !== 200) {
    throw new Error(`sign-up failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
  const account = reply.body.account as { id: string; accountNumber: string | number; handle: string };
  return {
    id: account.id,
    accountNumber: String(account.accountNumber),
    handle: account.handle,
    displayName: input.displayName,
    password: input.password,
  };
}

/**
 * Signs in at the hub with a password through its API. When the account has a passkey the hub asks for a
 * second factor, which `authenticator` answers; without one that is an error (complete it yourself with
 * `completeSecondFactor` or `signInWithRecoveryCode` after posting `/api/sessions`).
 */
export async function signIn(
  browser: HttpBrowser,
  hubUrl: string,
  identifier: string,
  password = TEST_PASSWORD,
  options: { authenticator?: SoftAuthenticator } = {},
): Promise<SignedIn> {
  const reply = await browser.json('POST', `${hubUrl}/api/sessions`, { identifier, password });
  if (reply.status !== 200) throw new HubRequestError('sign-in', reply.status, reply.body);
  if (reply.body?.status !== 'second_factor_required') return reply.body as SignedIn;
  if (!options.authenticator) {
    throw new Error(
      `sign-in of ${identifier} needs a second factor (the account has a passkey): ` +
        'pass { authenticator } to signIn',
    );
  }
  return completeSecondFactor(browser, hubUrl, options.authenticator);
}

/** Signs out at the hub (ends the hub session, which ends every service session by back-channel logout). */
export async function signOut(browser: HttpBrowser, hubUrl: string) {
  const reply = await browser.json('DELETE', `${hubUrl}/api/sessions/current`);
  if (reply.status !== 204) throw new Error(`sign-out failed: ${reply.status} ${JSON.stringify(reply.body)}`);
}
