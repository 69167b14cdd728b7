import type { SoftAuthenticator } from '@orbit/authenticator';
import { GOOD_PASSWORD, TestBrowser, uniqueHandle } from './client.js';
import type { TestHub } from './hub.js';
import { authenticatorFor, enroll, secondFactor, stepUp as stepUpWith } from './passkeys.js';

/** A signed-in staff member (admin, support…) whose session may make admin writes right away. */
export interface Staff {
  browser: TestBrowser;
  account: { id: string; handle: string; accountNumber: string; roles: string[] };
  handle: string;
  authenticator: SoftAuthenticator;
  /** A fresh passkey step-up in the session (after the test clock moved past five minutes). */
  stepUp(): Promise<void>;
  /** A new session: the password, then the passkey (for tests that move the clock past the session's end). */
  signIn(): Promise<void>;
}

const authenticators = new WeakMap<TestBrowser, SoftAuthenticator>();

/**
 * An account with `roles`, signed in with its password, with a passkey added and a fresh passkey step-up: admin
 * writes need both (admin/guards.ts `requireStaffStepUp`). `{ passkey: false }` leaves the passkey out, for tests
 * of `admin.passkey_required`.
 */
export async function newStaff(
  hub: Pick<TestHub, 'app' | 'config' | 'services'>,
  roles: readonly string[] = ['admin'],
  options: { passkey?: boolean; handle?: string; displayName?: string; email?: string } = {},
): Promise<Staff> {
  const handle = options.handle ?? uniqueHandle(roles[0]?.replace(/[^a-z]/g, '') || 'staff');
  await hub.services.accounts.create({
    handle,
    displayName: options.displayName ?? 'Staff Member',
    password: GOOD_PASSWORD,
    roles,
    ...(options.email ? { email: options.email } : {}),
  });
  const browser = new TestBrowser(hub);
  const signedIn = await browser.signIn(handle);
  if (signedIn.status !== 200) throw new Error(`staff sign-in failed: ${JSON.stringify(signedIn.body)}`);
  const authenticator = authenticatorFor(hub);
  const staff: Staff = {
    browser,
    account: signedIn.body.account,
    handle,
    authenticator,
    stepUp: () => stepUp(browser),
    signIn: async () => {
      const first = await browser.signIn(handle);
      if (first.status !== 200) throw new Error(`staff sign-in failed: ${JSON.stringify(first.body)}`);
      if (first.body.status === 'signed_in') return;
      const second = await secondFactor(browser, authenticator);
      if (second.status !== 200)
        throw new Error(`staff passkey sign-in failed: ${JSON.stringify(second.body)}`);
    },
  };
  if (options.passkey === false) return staff;
  // The first passkey needs only the password just entered; the step-up then makes the session fresh.
  await enroll(browser, authenticator, 'Staff key');
  authenticators.set(browser, authenticator);
  await stepUp(browser);
  return staff;
}

/** A fresh passkey step-up for a staff browser made by `newStaff`. */
export async function stepUp(browser: TestBrowser): Promise<void> {
  const authenticator = authenticators.get(browser);
  if (!authenticator) throw new Error('stepUp: this browser has no passkey from newStaff');
  const reply = await stepUpWith(browser, authenticator);
  if (reply.status !== 200) throw new Error(`step-up failed: ${JSON.stringify(reply.body)}`);
}
