import type { LaunchedHub } from './hub.js';

/** Who the audit log says granted a test's roles. */
const TESTING_ACTOR = {
  accountId: null,
  label: '@orbit/testing',
  via: 'system' as const,
  ip: null,
  userAgent: '',
};

/**
 * Grants roles to an account at a test hub the way an admin's grant does — checked (a service role must be one
 * a registered manifest declares, e.g. `news.editor`), audited — so a test can sign a user in to a service with
 * roles. A role takes effect in the service's next sign-in, and within its roles cache for `requireRole()`.
 *
 * @example
 * const account = await signUp(browser, launched.url);
 * await grantRoles(launched, account.id, ['news.editor']);
 * await browser.navigate(`${service.url}/`); // signed in to News as an editor
 */
export async function grantRoles(launched: LaunchedHub, accountId: string, roles: readonly string[]) {
  for (const role of roles) await launched.hub.services.roles.grant(TESTING_ACTOR, accountId, role);
}

/** Revokes roles an account holds at a test hub, as an admin's revocation does. */
export async function revokeRoles(launched: LaunchedHub, accountId: string, roles: readonly string[]) {
  for (const role of roles) await launched.hub.services.roles.revoke(TESTING_ACTOR, accountId, role);
}
