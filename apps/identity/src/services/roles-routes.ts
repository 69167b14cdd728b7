import { adminServicesApi } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import type { HubEnv } from '../env.js';
import { requirePermission, requireSession } from '../kernel/guards.js';
import type { ServiceRoles } from './roles.js';

/**
 * `GET /api/admin/roles`: every role the console may show — the hub's `admin` and `support`, each role a service
 * declares, and retired service roles still held — for the role picker and the accounts filter. Staff who read
 * accounts may read it; granting is `POST /api/admin/accounts/:id/roles` (roles:write).
 */
export function serviceRolesRoutes({ roles }: { roles: ServiceRoles }) {
  return endpointRoutes<HubEnv>('/api').on(
    adminServicesApi.roles,
    requireSession,
    requirePermission('accounts:read'),
    async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ roles: await roles.catalog() });
    },
  ).app;
}
