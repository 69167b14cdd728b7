import type { EntitlementSource } from '../api-v1/index.js';
import type { AccountRow } from '../db/schema.js';

/** The ACR values of a session's assurance: password only, or a passkey assertion (declared in contracts). */
export { ACR_PASSKEY, ACR_PASSWORD } from '@orbit/contracts';

/** The user claims a set of scopes releases (OIDC Core §5.4), plus Orbit's account number with `profile`. */
export function userClaims(
  account: AccountRow,
  scopes: Set<string>,
  issuer: string,
): Record<string, unknown> {
  const claims: Record<string, unknown> = { sub: account.id };
  if (scopes.has('profile')) {
    Object.assign(claims, {
      name: account.displayName,
      preferred_username: account.handle,
      account_number: String(account.accountNumber),
      picture: account.avatarUpdatedAt
        ? `${issuer}/api/accounts/${account.id}/avatar?v=${account.avatarUpdatedAt.getTime().toString(36)}`
        : undefined,
      profile: undefined,
      updated_at: Math.floor(account.updatedAt.getTime() / 1000),
    });
  }
  if (scopes.has('email') && account.email) {
    // Verified exactly when its owner used the link sent to it (recovery/email-verification.ts).
    Object.assign(claims, { email: account.email, email_verified: account.emailVerifiedAt !== null });
  }
  return Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined));
}

/**
 * Where the `roles` claim comes from: the account's roles of the service the client is (full names, e.g.
 * `news.editor`), or undefined when the client is not a registered service (services/roles.ts).
 */
export type ServiceRolesSource = (accountId: string, clientId: string) => Promise<string[] | undefined>;

/**
 * The `roles` claim for a token issued to a service (docs/roles-and-audit.md, "Service roles"): only that
 * service's roles, never a hub role or another service's — a flat list as RFC 9068 §2.2.3.1 (after SCIM's
 * `roles`) has it, rather than Keycloak's `resource_access.<client>.roles`, since a token has one audience.
 * No scope asks for it: a service always gets it (maybe empty), an ordinary client never.
 */
export async function rolesClaims(
  source: ServiceRolesSource,
  accountId: string,
  clientId: string,
): Promise<{ roles?: string[] }> {
  const roles = await source(accountId, clientId);
  return roles ? { roles } : {};
}

export const scopeSet = (scope: string) => new Set(scope.split(' ').filter(Boolean));

/** The `membership` claim (docs/membership.md, "Services"): tiers, levels and the token's service's perks. */
export interface MembershipClaim {
  tiers: string[];
  vip_level: number;
  activity_level: number;
  perks: Record<string, boolean | number>;
}

/**
 * With scope `membership`, the claim for the client the token is for: services share their id with their
 * client, so the source answers that service's perks (none for a client that is not a service).
 */
export async function membershipClaims(
  source: EntitlementSource,
  accountId: string,
  clientId: string,
  scopes: Set<string>,
): Promise<{ membership?: MembershipClaim }> {
  if (!scopes.has('membership')) return {};
  // No such account any more (deleted since the token was issued): nothing held.
  // (Spelled out, not api-v1's noEntitlements(): oidc imports api-v1 for types only, api-v1 imports oidc.)
  const { tiers, vipLevel, activityLevel, perks } = (await source({ accountId, serviceId: clientId })) ?? {
    tiers: [],
    vipLevel: 0,
    activityLevel: 0,
    perks: {},
  };
  return { membership: { tiers, vip_level: vipLevel, activity_level: activityLevel, perks } };
}
