import type { AccountLifecycleExports } from '../account-lifecycle/index.js';
import type { Accounts } from '../accounts/index.js';
import { defineModule, type HubContext, uses } from '../module.js';
import type { PasskeysExports } from '../passkeys/index.js';
import { hasPasskey } from '../passkeys/index.js';
import type { SecurityLog } from '../security/index.js';
import type { Sessions } from '../sessions/index.js';
import { createSignInAttempts } from './attempts.js';
import { createDeviceTrust, deviceCookieKey } from './device-trust.js';
import { createPendingSignIns } from './pending.js';
import { reauthenticateRoutes } from './reauthenticate-routes.js';
import { signInRoutes } from './routes.js';
import { createPasswordSignIn } from './sign-in.js';
import { createSignUpLimit } from './sign-up-limit.js';
import { createThrottle } from './throttle.js';

function signInServices(
  { db, clock, config, keyEncryptionKey }: HubContext,
  { accounts, securityLog }: { accounts: Accounts; securityLog: SecurityLog },
) {
  const throttle = createThrottle({ db, clock, config: config.throttle });
  const signInAttempts = createSignInAttempts({ db, throttle, securityLog, limits: config.throttle });
  return {
    throttle,
    signInAttempts,
    signUpLimit: createSignUpLimit({ throttle, clock, limits: config.throttle }),
    deviceTrust: createDeviceTrust({
      key: deviceCookieKey(keyEncryptionKey),
      clock,
      config: config.throttle,
    }),
    signInWithPassword: createPasswordSignIn({
      accounts,
      attempts: signInAttempts,
      securityLog,
      hasSecondFactor: (accountId) => hasPasskey(db, accountId),
    }),
    pendingSignIns: createPendingSignIns({ db, clock }),
  };
}
export type SignInExports = ReturnType<typeof signInServices>;

/** Every way into a session (password, passkey, recovery code), throttling, lockout and trusted devices. */
export const signInModule = defineModule({
  name: 'sign-in',
  uses: uses<
    { accounts: Accounts; sessions: Sessions; securityLog: SecurityLog } & Pick<
      PasskeysExports,
      'passkeys' | 'recoveryCodes'
    > &
      Pick<AccountLifecycleExports, 'deletionSchedule'>
  >(),
  services: signInServices,
  routes: ({ db, clock, config, cookie, devices }, s) => {
    return signInRoutes({
      db,
      clock,
      accounts: s.accounts,
      config,
      sessions: s.sessions,
      cookie,
      signInWithPassword: s.signInWithPassword,
      pendingSignIns: s.pendingSignIns,
      passkeys: s.passkeys,
      recoveryCodes: s.recoveryCodes,
      throttle: s.throttle,
      attempts: s.signInAttempts,
      deviceCookie: devices,
      securityLog: s.securityLog,
      // Signing in within a deletion's grace period cancels it (docs/data-rights.md).
      cancelDeletion: s.deletionSchedule.cancelOnSignIn,
    }).route(
      '/',
      reauthenticateRoutes({
        db,
        sessions: s.sessions,
        signInWithPassword: s.signInWithPassword,
        deviceCookie: devices,
        securityLog: s.securityLog,
      }),
    );
  },
});
