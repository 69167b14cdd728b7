import type { Accounts } from '../accounts/accounts.js';
import type { Email } from '../email/index.js';
import { defineModule, type HubContext } from '../module.js';
import type { OidcExports } from '../oidc/module.js';
import type { SecurityLog } from '../security/log.js';
import type { Sessions } from '../sessions/sessions.js';
import type { SignInExports } from '../sign-in/module.js';
import { createEmailVerification } from './email-verification.js';
import { createPasswordReset } from './password-reset.js';
import { recoveryRoutes } from './routes.js';
import { recoverySchema } from './schema.js';
import { createEmailTokens } from './tokens.js';

function recoveryServices(
  { db, clock, config }: HubContext,
  d: { accounts: Accounts; email: Email; securityLog: SecurityLog; sessions: Sessions } & Pick<
    OidcExports,
    'grants'
  > &
    Pick<SignInExports, 'throttle'>,
) {
  // One-time links, mailed through `email`.
  const deps = {
    db,
    clock,
    tokens: createEmailTokens({ db, clock, issuer: config.issuer }),
    mail: d.email,
    securityLog: d.securityLog,
    sessions: d.sessions,
    grants: d.grants,
    throttle: d.throttle,
  };
  return {
    emailVerification: createEmailVerification({ ...deps, issuer: config.issuer }),
    passwordReset: createPasswordReset({ ...deps, accounts: d.accounts }),
  };
}

/** Verified email and forgot password. */
export const recoveryModule = defineModule({
  name: 'recovery',
  schema: recoverySchema,
  services: recoveryServices,
  routes: ({ cookie }, s) =>
    recoveryRoutes({ emailVerification: s.emailVerification, passwordReset: s.passwordReset, cookie }),
});
