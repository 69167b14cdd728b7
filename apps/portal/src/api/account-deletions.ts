import { adminAccountDeletionsApi } from '@orbit/contracts';
import { hub } from './client';

/**
 * Admin → Deletions (`/api/admin/account-deletions`, docs/data-rights.md): account deletions with each service's
 * acknowledgement. Retrying may first be refused with `step_up_required` (the client confirms with a passkey and
 * sends it again).
 */
export type { AccountDeletionAck, AccountDeletionView } from '@orbit/contracts';

export const accountDeletions = {
  /** Pending ones first (scheduled, then not acknowledged by every service), then the latest done. */
  list: async () => (await hub.call(adminAccountDeletionsApi.list)).deletions,
  /** Sends the deletion again, now, to every service that has not acknowledged it; answers it as it is now. */
  retry: (id: string) => hub.call(adminAccountDeletionsApi.retry, { params: { id } }),
};
