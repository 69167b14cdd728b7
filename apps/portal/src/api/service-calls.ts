import type { CallGrantInput, CallGrantView } from '@orbit/contracts';
import { request } from './client';

/**
 * Calls between services in the admin console (`/api/admin/service-calls`, declared in @orbit/contracts). An
 * approval or revocation may first be refused with `step_up_required`: the request helper confirms with a
 * passkey and sends it again.
 */
export const serviceCallsApi = {
  list: async () => (await request<{ grants: CallGrantView[] }>('GET', '/api/admin/service-calls')).grants,
  approve: async (grant: CallGrantInput) =>
    (await request<{ grant: CallGrantView }>('POST', '/api/admin/service-calls/approve', { json: grant }))
      .grant,
  revoke: async (grant: CallGrantInput) =>
    (await request<{ grant: CallGrantView }>('POST', '/api/admin/service-calls/revoke', { json: grant }))
      .grant,
};
