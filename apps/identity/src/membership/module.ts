import { Hono } from 'hono';
import type { AuditLog } from '../admin/index.js';
import type { HubEnv } from '../env.js';
import { defineModule, type HubContext, uses } from '../module.js';
import type { OidcExports } from '../oidc/index.js';
import type { PasskeysExports } from '../passkeys/index.js';
import type { SecurityLog } from '../security/index.js';
import type { ServiceRegistry } from '../services/index.js';
import type { Sessions } from '../sessions/index.js';
import { createActivity } from './activity.js';
import { adminTierRoutes, publicTierRoutes } from './admin-routes.js';
import { createBilling } from './billing.js';
import { billingAdminRoutes } from './billing-admin-routes.js';
import { listenedNotifier } from './changes.js';
import { createDefaultTierSeeder } from './defaults.js';
import { createMembershipEntitlements } from './entitlements.js';
import { createMembershipEvents, MEMBERSHIP_EVENTS_QUEUE } from './events.js';
import { createGrowth } from './growth.js';
import { createGrowthAdjustments } from './growth-adjustments.js';
import { createLevels } from './levels.js';
import { createLevelsExport } from './levels-export.js';
import { levelsRoutes } from './levels-routes.js';
import { createSandboxProvider } from './payments/sandbox.js';
import { createPreferences } from './preferences.js';
import { membershipSchema } from './schema.js';
import { subscriptionRoutes } from './subscription-routes.js';
import { PERIOD_END_QUEUE, PURCHASE_RECOVERY_QUEUE } from './subscriptions.js';
import { createTiers } from './tiers.js';

/** How often growth is settled: a day's accrual shows soon after a membership starts covering it. */
const GROWTH_INTERVAL_MS = 5 * 60_000;
/** How often the billing safety sweep looks for periods that ended without a job. */
const BILLING_SWEEP_INTERVAL_MS = 5 * 60_000;

function membershipServices(
  { db, clock, config, queue, fetch, logger, paymentProvider }: HubContext,
  d: { sessions: Sessions; securityLog: SecurityLog; serviceRegistry: ServiceRegistry } & Pick<
    OidcExports,
    'tokens'
  >,
) {
  // Every sign-in (and every code issued to a service) counts the local day as active; a failure only logs.
  const activity = createActivity({
    db,
    clock,
    onError: (err, accountId) => logger?.warn({ err, accountId }, 'active day not recorded'),
  });
  d.sessions.onStart((accountId, q) => activity.record(accountId, q));
  const levels = createLevels({ db, clock });
  const membershipEvents = createMembershipEvents({ db, clock, queue, tokens: d.tokens, fetch });
  // What the billing core tells of every membership change, inside its transaction: the services' events, then
  // whoever listens (`onMembershipChange`: the hub's membership notices).
  const membershipChanges = listenedNotifier(membershipEvents.notifier);
  const membershipNotifier = membershipChanges.notifier;
  const growth = createGrowth({
    db,
    clock,
    // A settlement that moves a member's VIP level tells services (`level_changed`).
    notifier: membershipNotifier,
    onError: (err, accountId) => logger?.warn({ err, accountId }, 'growth not settled'),
  });
  return {
    activity,
    levels,
    membershipEntitlements: createMembershipEntitlements({ db }),
    membershipEvents,
    membershipNotifier,
    onMembershipChange: membershipChanges.onChange,
    billing: createBilling({
      db,
      clock,
      queue,
      provider: paymentProvider ?? createSandboxProvider({ db, clock }),
      notifier: membershipNotifier,
      securityLog: d.securityLog,
      graceMs: config.membership.graceMs,
    }),
    // For the account export: the growth ledger, active days and preferences.
    levelsExport: createLevelsExport({ db, levels }),
    tiers: createTiers({ db, clock, registry: d.serviceRegistry }),
    growth,
    // Admin adjustments of an account's growth: logged for the member, told to services when a VIP level moves.
    growthAdjustments: createGrowthAdjustments({
      db,
      clock,
      levels,
      growth,
      notifier: membershipNotifier,
      securityLog: d.securityLog,
    }),
    preferences: createPreferences({ db, clock }),
    seedDefaultTiers: createDefaultTierSeeder({ db, clock, registry: d.serviceRegistry }),
  };
}
export type MembershipExports = ReturnType<typeof membershipServices>;

/** VIP membership: tiers, billing, growth and levels, perks, and the events services are told of. */
export const membershipModule = defineModule({
  name: 'membership',
  uses: uses<{ audit: AuditLog } & Pick<PasskeysExports, 'stepUpCheck'>>(),
  schema: membershipSchema,
  services: membershipServices,
  routes: (_web, s) =>
    new Hono<HubEnv>()
      .route('/', publicTierRoutes({ tiers: s.tiers }))
      .route('/', subscriptionRoutes({ billing: s.billing, stepUpCheck: s.stepUpCheck }))
      .route(
        '/',
        levelsRoutes({
          levels: s.levels,
          growth: s.growth,
          adjustments: s.growthAdjustments,
          preferences: s.preferences,
          stepUpCheck: s.stepUpCheck,
          audit: s.audit,
        }),
      ),
  adminRoutes: (_web, s) =>
    new Hono<HubEnv>()
      .route('/', adminTierRoutes({ tiers: s.tiers, stepUpCheck: s.stepUpCheck, audit: s.audit }))
      .route('/', billingAdminRoutes({ billing: s.billing, stepUpCheck: s.stepUpCheck, audit: s.audit })),
  jobs: ({ membershipEvents, billing }) => [
    // Membership-change events to the services (Security Event Tokens), queued by every membership change.
    { queue: MEMBERSHIP_EVENTS_QUEUE, handler: membershipEvents.deliver, concurrency: 4 },
    // Period ends and renewals, and purchase recovery. Jobs are claimed with SKIP LOCKED: every instance may work.
    { queue: PERIOD_END_QUEUE, handler: billing.lifecycle.handlePeriodEnd, concurrency: 2 },
    { queue: PURCHASE_RECOVERY_QUEUE, handler: billing.purchases.recover },
  ],
  timers: ({ growth, billing }) => [
    // Any period left unscheduled, at start and every few minutes.
    {
      name: 'membership sweep',
      everyMs: BILLING_SWEEP_INTERVAL_MS,
      atStart: true,
      level: 'error',
      task: () => billing.lifecycle.sweep(),
    },
    // Growth: the local days not yet settled (all of them after downtime) at start, then every few minutes; one pass
    // at a time per instance (several instances are safe: each account's cursor row is locked).
    { name: 'growth settlement', everyMs: GROWTH_INTERVAL_MS, atStart: true, task: () => growth.settle() },
  ],
  onStart: async ({ seedDefaultTiers }) => {
    // Default membership tiers, once (idempotent; `services:register` calls it again for new services).
    await seedDefaultTiers();
  },
});
