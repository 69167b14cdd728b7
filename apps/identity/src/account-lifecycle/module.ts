import { ACCOUNT_DELETION_GRACE_DAYS } from '@orbit/contracts';
import type { AuditLog } from '../admin/index.js';
import { SYSTEM_ACTOR } from '../kernel/actor.js';
import type { MembershipChangeNotifier } from '../membership/index.js';
import { defineModule, type HubContext, uses } from '../module.js';
import type { BackchannelLogout, OidcExports } from '../oidc/index.js';
import type { PasskeysExports } from '../passkeys/index.js';
import type { SecurityLog } from '../security/index.js';
import type { Sessions } from '../sessions/index.js';
import type { SignInExports } from '../sign-in/index.js';
import { accountDeletionAdminRoutes } from './deletion-admin-routes.js';
import { ACCOUNT_DELETION_QUEUE, createDeletionNotices } from './deletion-notices.js';
import { createDeletionSchedule } from './deletion-schedule.js';
import { createAccountLifecycle } from './lifecycle.js';
import { createMembershipDeletion } from './lifecycle-memberships.js';
import { accountLifecycleRoutes } from './lifecycle-routes.js';
import { accountLifecycleSchema } from './schema.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How often deletions whose grace period is over are carried out. */
const DELETION_SWEEP_MS = 10 * 60 * 1000;
/** How often services that have not acknowledged a deletion are sent it again, once the queue's retries ran out. */
const REQUEUE_MS = 60 * 60 * 1000;

function lifecycleServices(
  { db, clock, queue, fetch }: HubContext,
  d: {
    sessions: Sessions;
    securityLog: SecurityLog;
    backchannel: BackchannelLogout;
    membershipNotifier: MembershipChangeNotifier;
  } & Pick<SignInExports, 'signInWithPassword'> &
    Pick<OidcExports, 'tokens'>,
) {
  // Deleting an account ends its memberships in the same transaction and tells the services; asking for it
  // stops the renewals first.
  const memberships = createMembershipDeletion({ clock, notifier: d.membershipNotifier });
  // Every service is told of a deletion (`account.deleted`), and the hub records its acknowledgement.
  const deletionNotices = createDeletionNotices({ db, clock, queue, tokens: d.tokens, fetch });
  const deletionSchedule = createDeletionSchedule({
    db,
    clock,
    graceMs: ACCOUNT_DELETION_GRACE_DAYS * DAY_MS,
    memberships,
    sessions: d.sessions,
    securityLog: d.securityLog,
  });
  const accountLifecycle = createAccountLifecycle({
    db,
    clock,
    deletionSchedule,
    notices: deletionNotices,
    memberships,
    backchannel: d.backchannel,
    signInWithPassword: d.signInWithPassword,
  });
  return { accountLifecycle, deletionSchedule, deletionNotices };
}
export type AccountLifecycleExports = ReturnType<typeof lifecycleServices>;

/**
 * Deleting an account: after membership and OIDC, whose data it ends (the same folder as `accounts`, a later
 * place in the list; exports are the `data-export` module's). An owner's deletion waits out a grace period that signing in
 * cancels; then the account goes and every service is told, until each has acknowledged it.
 */
export const accountLifecycleModule = defineModule({
  name: 'account-lifecycle',
  uses: uses<
    { audit: AuditLog } & Pick<PasskeysExports, 'stepUpCheck'> & Pick<SignInExports, 'deviceTrust'>
  >(),
  schema: accountLifecycleSchema,
  services: lifecycleServices,
  routes: ({ cookie, devices }, s) =>
    accountLifecycleRoutes({
      lifecycle: s.accountLifecycle,
      stepUpCheck: s.stepUpCheck,
      cookie,
      deviceCookie: devices,
    }),
  adminRoutes: (_web, s) =>
    accountDeletionAdminRoutes({ notices: s.deletionNotices, stepUpCheck: s.stepUpCheck }),
  jobs: ({ deletionNotices }) => [
    { queue: ACCOUNT_DELETION_QUEUE, handler: deletionNotices.deliver, concurrency: 2 },
  ],
  timers: ({ accountLifecycle, deletionNotices, audit }) => [
    {
      name: 'account deletion sweep',
      everyMs: DELETION_SWEEP_MS,
      atStart: true,
      task: () =>
        accountLifecycle.deleteDue({
          // What outlives the account: that its owner asked, when, and the memberships it gave up.
          within: (tx, removal) =>
            audit.record(tx, SYSTEM_ACTOR, {
              action: 'account.deleted',
              target: { type: 'account', id: removal.accountId, label: `@${removal.handle}` },
              details: {
                self: true,
                accountNumber: String(removal.accountNumber),
                endedMemberships: removal.endedMemberships,
              },
            }),
        }),
    },
    { name: 'account deletion notices', everyMs: REQUEUE_MS, task: () => deletionNotices.requeue() },
  ],
});
