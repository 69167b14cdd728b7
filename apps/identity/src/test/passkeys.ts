import { SoftAuthenticator } from '@orbit/authenticator';
import type { TestBrowser } from './client.js';
import type { TestHub } from './hub.js';

/** A software authenticator for the test hub's relying party (rpID `localhost`, the issuer's origin). */
export const authenticatorFor = (
  hub: Pick<TestHub, 'config'>,
  options: Partial<ConstructorParameters<typeof SoftAuthenticator>[0]> = {},
) => new SoftAuthenticator({ origin: hub.config.issuer, ...options });

function ok<T extends { status: number; body: unknown }>(reply: T, status = 200): T {
  if (reply.status !== status)
    throw new Error(`expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
}

/** Adds a passkey to the signed-in account; answers the reply (`passkey`, and `recoveryCodes` the first time). */
export async function enroll(browser: TestBrowser, authenticator: SoftAuthenticator, name?: string) {
  const { body } = ok(await browser.request('POST', '/api/me/passkeys/registration-options'));
  const response = await authenticator.register(body.options);
  return ok(await browser.request('POST', '/api/me/passkeys', { name, response }), 201).body;
}

/** Finishes a password sign-in that waits for its passkey. */
export async function secondFactor(browser: TestBrowser, authenticator: SoftAuthenticator) {
  const { body } = ok(await browser.request('POST', '/api/sign-in/second-factor/options'));
  const response = await authenticator.authenticate(body.options);
  return browser.request('POST', '/api/sign-in/second-factor/passkey', { response });
}

/** A passwordless sign-in with a discoverable credential. */
export async function passwordless(browser: TestBrowser, authenticator: SoftAuthenticator) {
  const { body } = ok(await browser.request('POST', '/api/sign-in/passkey/options'));
  const response = await authenticator.authenticate(body.options);
  return browser.request('POST', '/api/sign-in/passkey', { response });
}

/** A step-up in the current session. */
export async function stepUp(browser: TestBrowser, authenticator: SoftAuthenticator) {
  const { body } = ok(await browser.request('POST', '/api/session/step-up/options'));
  const response = await authenticator.authenticate(body.options);
  return browser.request('POST', '/api/session/step-up', { response });
}
