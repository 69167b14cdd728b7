import { request } from '../../api/client';
import type { Subscription } from '../../api/membership-types';

/** What deleting the account would end (`GET /api/me/deletion-check`, docs/account-center.md). */
export interface DeletionCheck {
  /** Live purchased memberships: they end at once, unrefunded. */
  paidMemberships: Subscription[];
  /** Live memberships an admin granted: they end too. */
  complimentaryMemberships: Subscription[];
  /** The billing rule for a membership ended early. */
  refund: 'none';
  /** A purchase or renewal is being charged: the hub refuses the deletion until it settles. */
  paymentInProgress: boolean;
}

/** The account center's own calls; the rest are in `api/orbit.ts`, `api/security.ts` and `api/membership.ts`. */
export const accountCenter = {
  /** Signs out every other session of the account (a step-up may be asked for); answers how many ended. */
  revokeOtherSessions: async () =>
    (await request<{ revoked: number }>('POST', '/api/me/sessions/revoke-others')).revoked,

  deletionCheck: () => request<DeletionCheck>('GET', '/api/me/deletion-check'),
};
