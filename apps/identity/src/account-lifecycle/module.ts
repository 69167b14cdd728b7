import type { AuditLog } from '../admin/index.js';
import type { Billing, createLevelsExport, MembershipChangeNotifier } from '../membership/index.js';
import { defineModule, type HubContext, uses } from '../module.js';
import type { BackchannelLogout } from '../oidc/index.js';
import type { PasskeysExports } from '../passkeys/index.js';
import type { SecurityLog } from '../security/index.js';
import type { Sessions } from '../sessions/index.js';
import type { SignInExports } from '../sign-in/index.js';
import { createAccountLifecycle } from './lifecycle.js';
import { createMembershipDeletion } from './lifecycle-memberships.js';
import { accountLifecycleRoutes } from './lifecycle-routes.js';

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
  routes: ({ cookie, devices }, s) =>
    accountLifecycleRoutes({
      lifecycle: s.accountLifecycle,
      audit: s.audit,
      stepUpCheck: s.stepUpCheck,
      cookie,
      deviceCookie: devices,
    }),
});
