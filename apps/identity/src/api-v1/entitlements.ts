import type { Entitlements } from '@orbit/contracts';
import { AppError } from '../http/errors.js';

/** What an account is entitled to in one service (`GET /api/v1/entitlements/:sub`): declared in contracts. */
export type { Entitlements } from '@orbit/contracts';

/**
 * Where entitlements come from: the membership layer supplies one (`membership/entitlements.ts`); it is told
 * which service asks, so it answers that service's perks only. `undefined` means there is no such account (the
 * source reads the account with everything else, in one statement).
 */
export type EntitlementSource = (request: {
  accountId: string;
  serviceId: string;
}) => Promise<Omit<Entitlements, 'sub'> | undefined>;

/** What an account holds without a membership: no tier, level 0, and every perk at its default. */
export const noEntitlements = (): Omit<Entitlements, 'sub'> => ({
  tiers: [],
  vipLevel: 0,
  activityLevel: 0,
  perks: {},
});

/** For tools and tests without the membership layer: `noEntitlements()` for any account id (it reads nothing). */
export const noMemberships: EntitlementSource = async () => noEntitlements();

export function createEntitlements({ source }: { source: EntitlementSource }) {
  return {
    /** An existing account's entitlements in one service; 404 `account.not_found` for anyone else. */
    async of(accountId: string, serviceId: string): Promise<Entitlements> {
      const found = await source({ accountId, serviceId });
      if (!found) throw new AppError(404, 'account.not_found', 'No such account.');
      const { tiers, vipLevel, activityLevel, perks } = found;
      return { sub: accountId, tiers, vipLevel, activityLevel, perks };
    },
  };
}

export type EntitlementsService = ReturnType<typeof createEntitlements>;
