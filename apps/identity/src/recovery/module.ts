import type { Accounts } from '../accounts/index.js';
import type { Email } from '../email/index.js';
import { defineModule, type HubContext } from '../module.js';
import type { OidcExports } from '../oidc/index.js';
import type { SecurityLog } from '../security/index.js';
import type { Sessions } from '../sessions/index.js';
import type { SignInExports } from '../sign-in/index.js';
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
