import type { Queryable } from '../kernel/db.js';

/** Why an account's membership changed; services receive it in the membership event. */
export type MembershipChangeReason =
  | 'subscribed'
  | 'renewed'
  | 'past_due'
  | 'expired'
  | 'cancelled'
  | 'resumed'
  | 'upgraded'
  | 'downgrade_scheduled'
  | 'changed'
  | 'granted'
  | 'revoked'
  | 'level_changed'
  /** The account was deleted: every membership of it ended at once (accounts/lifecycle-memberships.ts). */
  | 'account_deleted';

/**
 * Told of every change to what an account is entitled to, inside the transaction that makes it, so the
 * services' events (durable jobs) exist exactly when the change commits.
 */
export interface MembershipChangeNotifier {
  changed(tx: Queryable, accountId: string, reason: MembershipChangeReason): Promise<void>;
}

/** For tools and tests that change memberships without telling services. */
export const silentNotifier: MembershipChangeNotifier = { changed: async () => {} };
