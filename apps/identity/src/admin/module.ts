import { Hono } from 'hono';
import type { AccountLifecycle } from '../account-lifecycle/index.js';
import type { HubEnv } from '../env.js';
import { defineModule, type HubContext, uses } from '../module.js';
import type { OidcExports } from '../oidc/index.js';
import type { PasskeysExports } from '../passkeys/index.js';
import type { EmailVerification, PasswordReset } from '../recovery/index.js';
import type { SecurityLog } from '../security/index.js';
import type { ServiceRegistry } from '../services/index.js';
import type { Sessions } from '../sessions/index.js';
import { createAccountAdministration } from './accounts/index.js';
import { adminAccountRoutes } from './accounts/routes.js';
import { createAuditLog } from './audit.js';
import { createClientConsole } from './clients/clients-console.js';
import { adminClientRoutes } from './clients/routes.js';
import { createRoles } from './roles.js';
import { adminRoutes } from './routes.js';
import { adminSchema } from './schema.js';

function adminServices(
  { db, clock }: HubContext,
  d: {
    sessions: Sessions;
    securityLog: SecurityLog;
    serviceRegistry: ServiceRegistry;
    passwordReset: PasswordReset;
    emailVerification: EmailVerification;
    accountLifecycle: AccountLifecycle;
  } & Pick<OidcExports, 'grants'> &
    Pick<PasskeysExports, 'recoveryCodes' | 'passkeys'>,
) {
  // Every admin action is audited inside its own transaction (admin/audit.ts).
  const audit = createAuditLog({ db, clock });
  return {
    audit,
    // Hub roles and the roles services declare; granting and revoking is audited and told to the account.
    // Service roles are valid while a registered service's manifest declares them (services/roles.ts).
    roles: createRoles({
      db,
      clock,
      audit,
      securityLog: d.securityLog,
      declaredRoles: () => d.serviceRegistry.declaredRoles(),
    }),
    // The console's and the CLI's front end to the clients: every change audited with it.
    clientConsole: createClientConsole({ db, clock, audit }),
    // Staff's account management: the console's account list and pages, lock, and the other writes on an account.
    accountAdministration: createAccountAdministration({
      db,
      clock,
      sessions: d.sessions,
      grants: d.grants,
      securityLog: d.securityLog,
      audit,
      recoveryCodes: d.recoveryCodes,
      passkeys: d.passkeys,
      passwordReset: d.passwordReset,
      emailVerification: d.emailVerification,
      lifecycle: d.accountLifecycle,
    }),
  };
}

/** The admin console's core: the audit log, hub roles, staff's account management, OIDC clients. */
export const adminModule = defineModule({
  name: 'admin',
  uses: uses<Pick<PasskeysExports, 'stepUpCheck'>>(),
  schema: adminSchema,
  services: adminServices,
  adminRoutes: ({ clock, config }, s) =>
    new Hono<HubEnv>()
      .route('/', adminAccountRoutes({ clock, ...s.accountAdministration, stepUpCheck: s.stepUpCheck }))
      .route('/', adminRoutes({ roles: s.roles, audit: s.audit, stepUpCheck: s.stepUpCheck }))
      .route(
        '/',
        adminClientRoutes({
          console: s.clientConsole,
          stepUpCheck: s.stepUpCheck,
          credentialsFiles: { issuer: config.issuer, servicesDir: config.servicesDir },
        }),
      ),
});
