import { defineModule, uses } from '../module.js';
import type { Grants } from '../oidc/index.js';
import type { PasskeysExports } from '../passkeys/index.js';
import type { EmailVerification } from '../recovery/index.js';
import type { SecurityLog } from '../security/index.js';
import type { Sessions } from '../sessions/index.js';
import type { SignInExports } from '../sign-in/index.js';
import { createAccounts } from './accounts.js';
import { accountRoutes } from './routes.js';
import { accountsSchema } from './schema.js';

/** Accounts: profiles, sign-up, password changes, avatars; `/api/me`. */
export const accountsModule = defineModule({
  name: 'accounts',
  uses: uses<
    {
      sessions: Sessions;
      securityLog: SecurityLog;
      grants: Grants;
      emailVerification: EmailVerification;
    } & Pick<PasskeysExports, 'stepUpCheck'> &
      Pick<SignInExports, 'signInWithPassword' | 'signUpLimit' | 'deviceTrust'>
  >(),
  schema: accountsSchema,
  services: ({ db, clock }) => ({ accounts: createAccounts({ db, clock }) }),
  routes: ({ db, cookie, devices }, s) =>
    accountRoutes({
      db,
      accounts: s.accounts,
      sessions: s.sessions,
      cookie,
      signInWithPassword: s.signInWithPassword,
      stepUpCheck: s.stepUpCheck,
      securityLog: s.securityLog,
      signUpLimit: s.signUpLimit,
      deviceCookie: devices,
      grants: s.grants,
      emailVerification: s.emailVerification,
    }),
});
