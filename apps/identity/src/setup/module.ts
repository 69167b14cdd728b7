import type { Accounts } from '../accounts/index.js';
import type { AuditLog } from '../admin/index.js';
import { defineModule, type HubContext } from '../module.js';
import type { SecurityLog } from '../security/index.js';
import type { Sessions } from '../sessions/index.js';
import { setupRoutes } from './routes.js';
import { createSetup } from './setup.js';

function setupServices(
  { db, clock, config }: HubContext,
  d: { accounts: Accounts; sessions: Sessions; securityLog: SecurityLog; audit: AuditLog },
) {
  return { setup: createSetup({ db, clock, ...d, linkLifetimeMs: config.setupLinkMs }) };
}

/** The one-time link that creates the first admin. */
export const setupModule = defineModule({
  name: 'setup',
  services: setupServices,
  routes: ({ cookie }, { setup }) => setupRoutes({ setup, cookie }),
});
