import type { AuditLog } from '../admin/audit.js';
import type { Billing } from '../membership/billing.js';
import type { MembershipChangeNotifier } from '../membership/changes.js';
import type { createLevelsExport } from '../membership/levels-export.js';
import { defineModule, type HubContext, uses } from '../module.js';
import type { Grants } from '../oidc/grants.js';
import type { BackchannelLogout } from '../oidc/logout/backchannel.js';
import type { PasskeysExports } from '../passkeys/module.js';
import type { EmailVerification } from '../recovery/email-verification.js';
import type { SecurityLog } from '../security/log.js';
import type { Sessions } from '../sessions/sessions.js';
import { deviceCookie } from '../sign-in/device-cookie.js';
import type { SignInExports } from '../sign-in/module.js';
import { createAccounts } from './accounts.js';
import { createAccountLifecycle } from './lifecycle.js';
import { createMembershipDeletion } from './lifecycle-memberships.js';
import { accountLifecycleRoutes } from './lifecycle-routes.js';
import { accountRoutes } from './routes.js';

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
  services: ({ db, clock }) => ({ accounts: createAccounts({ db, clock }) }),
  routes: ({ db, config, cookie }, s) =>
    accountRoutes({
      db,
      accounts: s.accounts,
      sessions: s.sessions,
      cookie,
      signInWithPassword: s.signInWithPassword,
      stepUpCheck: s.stepUpCheck,
      securityLog: s.securityLog,
      signUpLimit: s.signUpLimit,
      deviceCookie: deviceCookie(config, s.deviceTrust),
      grants: s.grants,
      emailVerification: s.emailVerification,
    }),
});

function lifecycleServices(
  { db, clock }: HubContext,
  d: {
    sessions: Sessions;
    securityLog: SecurityLog;
    backchannel: BackchannelLogout;
    billing: Billing;
    levelsExport: ReturnType<typeof createLevelsExport>;
    membershipNotifier: MembershipChangeNotifier;
  } & Pick<SignInExports, 'signInWithPassword'>,
) {
  const accountLifecycle = createAccountLifecycle({
    db,
    clock,
    // Deleting an account ends its memberships in the same transaction and tells the services.
    memberships: createMembershipDeletion({ clock, notifier: d.membershipNotifier }),
    sessions: d.sessions,
    securityLog: d.securityLog,
    backchannel: d.backchannel,
    signInWithPassword: d.signInWithPassword,
    // The export holds the account's memberships, receipts, growth and active days too.
    membershipExport: async (accountId) => ({
      subscriptions: await d.billing.subscriptionsOf(accountId),
      receipts: await d.billing.ledger.receipts(accountId),
      levels: await d.levelsExport(accountId),
    }),
  });
  return { accountLifecycle };
}

/**
 * Deleting and exporting an account: after membership and OIDC, whose data it ends and gathers (the same
 * folder as `accounts`, a later place in the list).
 */
export const accountLifecycleModule = defineModule({
  name: 'account-lifecycle',
  uses: uses<
    { audit: AuditLog } & Pick<PasskeysExports, 'stepUpCheck'> & Pick<SignInExports, 'deviceTrust'>
  >(),
  services: lifecycleServices,
  routes: ({ config, cookie }, s) =>
    accountLifecycleRoutes({
      lifecycle: s.accountLifecycle,
      audit: s.audit,
      stepUpCheck: s.stepUpCheck,
      cookie,
      deviceCookie: deviceCookie(config, s.deviceTrust),
    }),
});
