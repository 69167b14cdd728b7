import { defineModule } from '../module.js';
import { createSecurityLog } from './log.js';
import { securityLogRoutes } from './routes.js';
import { securitySchema } from './schema.js';

/** The security log: every sign-in, passkey and account event an account's owner sees (and staff search). */
export const securityModule = defineModule({
  name: 'security',
  schema: securitySchema,
  services: ({ db, clock }) => ({ securityLog: createSecurityLog({ db, clock }) }),
  routes: ({ db }, { securityLog }) => securityLogRoutes({ securityLog, db }),
});
