import { adminAccountDeletionsApi } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import type { HubEnv } from '../env.js';
import { requirePermission, requireSession, requireStaffStepUp } from '../kernel/guards.js';
import type { StepUpCheck } from '../passkeys/index.js';
import type { DeletionNotices } from './deletion-notices.js';

/**
 * The admin console's account deletions (docs/data-rights.md, "Deletion"): scheduled ones and each service's
 * acknowledgement of the deleted ones, and sending the missing ones again now. Deleting accounts is an admin's
 * permission (`accounts:delete`); so is watching them go. Retrying is a write: it needs the staff step-up.
 */
export function accountDeletionAdminRoutes(deps: {
  notices: Pick<DeletionNotices, 'list' | 'retryNow'>;
  stepUpCheck: StepUpCheck;
}) {
  const { notices } = deps;
  const admin = requirePermission('accounts:delete');
  const stepUp = requireStaffStepUp(deps.stepUpCheck);
  return endpointRoutes<HubEnv>('/api')
    .on(adminAccountDeletionsApi.list, requireSession, admin, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ deletions: await notices.list() });
    })
    .on(adminAccountDeletionsApi.retry, requireSession, admin, stepUp, async (c, { params }) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await notices.retryNow(params.id));
    }).app;
}
