import type { MembershipChangeReason } from '@orbit/contracts';
import type { Queryable } from '../kernel/db.js';

/** Why an account's membership changed; services receive it in the membership event (contracts' `oidc.ts`). */
export type { MembershipChangeReason } from '@orbit/contracts';

/**
 * Told of every change to what an account is entitled to, inside the transaction that makes it, so the
 * services' events (durable jobs) exist exactly when the change commits.
 */
export interface MembershipChangeNotifier {
  changed(tx: Queryable, accountId: string, reason: MembershipChangeReason): Promise<void>;
}

/** For tools and tests that change memberships without telling services. */
export const silentNotifier: MembershipChangeNotifier = { changed: async () => {} };
