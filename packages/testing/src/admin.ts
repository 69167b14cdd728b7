import { SoftAuthenticator } from '@orbit/authenticator';
import { signIn, TEST_PASSWORD, uniqueHandle } from './accounts.js';
import { HttpBrowser } from './http-browser.js';
import type { LaunchedHub } from './hub.js';
import { enrollPasskey, HubRequestError, stepUp } from './passkeys.js';

/*
 * What an Orbit admin does in the console, done by a test through the same admin API (`/api/admin/...`): the
 * kit's admin is a real account, made the first admin through the hub's one-time setup link, with a (soft)
 * passkey, and confirms each change with a passkey step-up as the hub's staff rule asks (docs/passkeys.md).
 * So every change is checked, audited and pushed to services exactly as in production — nothing reaches into
 * the hub's internals, and a hub that changes how it stores memberships or tiers needs no change here.
 */

/** The kit's admin at one test hub: its browser (signed in) and the authenticator holding its passkey. */
export interface TestAdmin {
  browser: HttpBrowser;
  authenticator: SoftAuthenticator;
  account: { id: string; handle: string };
}

const admins = new WeakMap<LaunchedHub, Promise<TestAdmin>>();

/**
 * The hub's first admin, made the first time a test needs one — through the setup link the hub printed when it
 * started on its empty database (so before a test makes an admin of its own, and before the test moves the
 * hub's clock past the link's lifetime) — and reused after.
 */
export function testAdmin(launched: LaunchedHub): Promise<TestAdmin> {
  let admin = admins.get(launched);
  if (!admin) {
    admin = createAdmin(launched);
    admins.set(launched, admin);
    admin.catch(() => admins.delete(launched));
  }
  return admin;
}

async function createAdmin(launched: LaunchedHub): Promise<TestAdmin> {
  const setupUrl = launched.hub.setupUrl;
  const token = setupUrl ? new URL(setupUrl).searchParams.get('token') : null;
  if (!token) {
    throw new Error(
      'the testing kit makes its admin through the hub’s setup link, and this hub has none (an admin exists already)',
    );
  }
  const browser = new HttpBrowser();
  const handle = uniqueHandle('kitadmin');
  const created = await browser.json('POST', `${launched.url}/api/setup`, {
    token,
    handle,
    displayName: 'Testing kit admin',
    password: TEST_PASSWORD,
  });
  if (created.status !== 201)
    throw new HubRequestError('creating the first admin', created.status, created.body);
  const authenticator = new SoftAuthenticator({ origin: launched.url });
  // The first passkey needs only the password just entered (at setup).
  await enrollPasskey(browser, launched.url, authenticator, 'Testing kit');
  return { browser, authenticator, account: { id: created.body.account.id, handle } };
}

// biome-ignore lint/suspicious/noExplicitAny: the hub's bodies are read loosely, as tests do
type Reply = { status: number; body: any };

/**
 * One admin API call as the kit's admin, after a fresh passkey step-up (staff writes need one). A session the
 * hub ended (a test moved the clock past its lifetime) is signed in again, with the password and the passkey.
 */
export async function adminCall(
  launched: LaunchedHub,
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply> {
  const admin = await testAdmin(launched);
  const write = method !== 'GET';
  for (let attempt = 1; ; attempt++) {
    try {
      if (write) await stepUp(admin.browser, launched.url, admin.authenticator);
      const reply = await admin.browser.json(method, `${launched.url}/api${path}`, body);
      if (reply.status !== 401 || attempt > 1) return reply;
    } catch (error) {
      if (!(error instanceof HubRequestError) || error.status !== 401 || attempt > 1) throw error;
    }
    await signIn(admin.browser, launched.url, admin.account.handle, TEST_PASSWORD, {
      authenticator: admin.authenticator,
    });
  }
}

async function expectOk(what: string, reply: Reply, ok: number[] = [200, 201]): Promise<Reply> {
  if (!ok.includes(reply.status)) throw new HubRequestError(what, reply.status, reply.body);
  return reply;
}

/** A membership as the admin API shows it (`subscription`). */
export interface GrantedMembership {
  id: string;
  accountId: string;
  tierId: string;
  status: string;
  // biome-ignore lint/suspicious/noExplicitAny: the rest of the hub's subscription view, read loosely
  [field: string]: any;
}

/**
 * Grants an account a complimentary membership of tier `tier` (`vip`, `svip`, a service's `<id>-plus`) for
 * `days` (default 30), as an admin does in the console: the hub records it, recomputes the account's
 * entitlements and tells every service (the SDK drops its cached entitlements at once).
 *
 * @example
 * const membership = await grantMembership(launched, account.id, 'vip', { days: 7 });
 * // … the service now sees the VIP perk values …
 * await revokeMembership(launched, membership.id);
 */
export async function grantMembership(
  launched: LaunchedHub,
  accountId: string,
  tier: string,
  options: { days?: number; reason?: string } = {},
): Promise<GrantedMembership> {
  const days = options.days ?? 30;
  const now = launched.clock?.now() ?? new Date();
  const until = new Date(now.getTime() + days * 86_400_000).toISOString();
  const reply = await expectOk(
    `granting ${tier} to ${accountId}`,
    await adminCall(launched, 'POST', `/admin/accounts/${accountId}/memberships`, {
      tierId: tier,
      until,
      reason: options.reason ?? 'granted by a test (@orbit/testing)',
    }),
  );
  return reply.body.subscription;
}

/** Ends a membership `grantMembership` gave (by its id), as an admin's revocation does. */
export async function revokeMembership(
  launched: LaunchedHub,
  membershipId: string,
  reason = 'revoked by a test (@orbit/testing)',
): Promise<GrantedMembership> {
  const reply = await expectOk(
    `revoking membership ${membershipId}`,
    await adminCall(launched, 'POST', `/admin/subscriptions/${membershipId}/revoke`, { reason }),
  );
  return reply.body.subscription;
}

/** A tier as the admin API shows it. */
export interface TierView {
  id: string;
  perks: Record<string, number | boolean>;
  // biome-ignore lint/suspicious/noExplicitAny: the rest of the hub's tier view, read loosely
  [field: string]: any;
}

/** Every tier, retired ones too, as the console's tier page lists them. */
export async function listTiers(launched: LaunchedHub): Promise<TierView[]> {
  const reply = await expectOk('listing tiers', await adminCall(launched, 'GET', '/admin/tiers'));
  return reply.body.tiers;
}

/**
 * Sets what a tier grants for one perk (`mail.quota_mb` → 20480 on `vip`), keeping its other perks, as an admin
 * edits a tier: members of the tier see the new value (services are told).
 *
 * @example
 * await setPerk(launched, 'vip', 'notes.max_notes', 500);
 */
export async function setPerk(
  launched: LaunchedHub,
  tier: string,
  key: string,
  value: number | boolean,
): Promise<TierView> {
  const current = (await listTiers(launched)).find((t) => t.id === tier);
  if (!current) throw new Error(`no tier ${tier} at this hub`);
  const reply = await expectOk(
    `setting ${key} on ${tier}`,
    await adminCall(launched, 'PATCH', `/admin/tiers/${tier}`, { perks: { ...current.perks, [key]: value } }),
  );
  return reply.body.tier;
}

/**
 * Grants roles to an account, as an admin does in the console — checked (a service role must be one a
 * registered manifest declares, e.g. `news.editor`), audited — so a test can sign a user in to a service with
 * roles. A role takes effect in the service's next sign-in, and within its roles cache for `requireRole()`.
 *
 * @example
 * const account = await signUp(browser, launched.url);
 * await grantRoles(launched, account.id, ['news.editor']);
 * await browser.navigate(`${service.url}/`); // signed in to News as an editor
 */
export async function grantRoles(launched: LaunchedHub, accountId: string, roles: readonly string[]) {
  for (const role of roles) {
    await expectOk(
      `granting ${role}`,
      await adminCall(launched, 'POST', `/admin/accounts/${accountId}/roles`, { role }),
    );
  }
}

/** Revokes roles an account holds, as an admin's revocation in the console does. */
export async function revokeRoles(launched: LaunchedHub, accountId: string, roles: readonly string[]) {
  for (const role of roles) {
    await expectOk(
      `revoking ${role}`,
      await adminCall(launched, 'DELETE', `/admin/accounts/${accountId}/roles/${encodeURIComponent(role)}`),
    );
  }
}

/**
 * Gives a registered service a new client secret, as Admin > Services does; the old one keeps working for
 * `graceHours` (default 0: it stops at once). Answers the new secret.
 */
export async function rotateSecret(
  launched: LaunchedHub,
  serviceId: string,
  graceHours = 0,
): Promise<{ clientId: string; clientSecret: string; previousSecretExpiresAt: string | null }> {
  const reply = await expectOk(
    `rotating ${serviceId}'s secret`,
    await adminCall(launched, 'POST', `/admin/services/${serviceId}/rotate-secret`, { graceHours }),
  );
  return {
    clientId: serviceId,
    clientSecret: reply.body.clientSecret,
    previousSecretExpiresAt: reply.body.previousSecretExpiresAt ?? null,
  };
}
