/**
 * The admin console's view of account deletions (`/api/admin/account-deletions`, docs/data-rights.md "Deletion"):
 * scheduled deletions and each service's acknowledgement of the ones done, and sending the missing ones again.
 * The hub's `account-lifecycle` module implements them.
 */
import { z } from 'zod';
import { accountDeletionsAnswer, accountDeletionView } from './data-rights.js';
import { endpoint } from './endpoint.js';

const tags = ['admin accounts'] as const;

export const adminAccountDeletionsApi = {
  list: endpoint({
    method: 'get',
    path: '/api/admin/account-deletions',
    summary:
      'Account deletions: pending ones first (scheduled, then not acknowledged by every service), then the latest done',
    tags,
    auth: 'session',
    responses: { 200: accountDeletionsAnswer },
  }),
  retry: endpoint({
    method: 'post',
    path: '/api/admin/account-deletions/:id/retry',
    summary: 'Send the deletion again, now, to every service that has not acknowledged it',
    tags,
    auth: 'session',
    stepUp: true,
    params: z.object({ id: z.string().meta({ format: 'uuid' }) }),
    responses: { 200: accountDeletionView },
  }),
};
