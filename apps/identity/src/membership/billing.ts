import type { JobLogger } from '@orbit/jobs';
import type { SecurityLog } from '../security/index.js';
import { createComplimentary } from './complimentary.js';
import { createLedger } from './ledger.js';
import { createLifecycle } from './lifecycle.js';
import { createMemberActions } from './member-actions.js';
import { createPurchases } from './purchase.js';
import {
  accountExists,
  type BillingDeps,
  PERIOD_END_QUEUE,
  PURCHASE_RECOVERY_QUEUE,
  subscriptionsOf,
} from './subscriptions.js';

/** How often the safety sweep looks for periods that ended without a job. */
const SWEEP_EVERY_MS = 5 * 60_000;

/**
 * The membership billing core, wired once: purchases (idempotent), member actions, complimentary grants, the
 * lifecycle jobs, and the ledger. Plain functions over the database; routes and workers call these.
 */
export function createBilling(deps: BillingDeps & { securityLog: Pick<SecurityLog, 'record'> }) {
  const { db, queue } = deps;
  const purchases = createPurchases(deps);
  const lifecycle = createLifecycle({ ...deps, purchases });
  const actions = createMemberActions({ ...deps, lifecycle });
  const complimentary = createComplimentary(deps);
  const ledger = createLedger({ db });

  return {
    provider: deps.provider,
    purchases,
    lifecycle,
    actions,
    complimentary,
    ledger,
    /** The account's subscriptions (every one): live first, then ended, newest first. */
    subscriptionsOf: (accountId: string) => subscriptionsOf(db, accountId),
    accountExists: (accountId: string) => accountExists(db, accountId),

    /**
     * Runs the billing jobs in the background (period ends and renewals, purchase recovery) and the safety sweep,
     * at once and every few minutes. Several hub instances may each run this: jobs are claimed with SKIP LOCKED.
     */
    work({ logger }: { logger: JobLogger }) {
      const workers = [
        queue.work(PERIOD_END_QUEUE, lifecycle.handlePeriodEnd, { concurrency: 2 }),
        queue.work(PURCHASE_RECOVERY_QUEUE, purchases.recover),
      ];
      const sweep = () =>
        lifecycle.sweep().catch((error: unknown) => logger.error({ err: error }, 'membership sweep failed'));
      void sweep();
      const timer = setInterval(sweep, SWEEP_EVERY_MS);
      timer.unref();
      return {
        async stop() {
          clearInterval(timer);
          await Promise.all(workers.map((worker) => worker.stop()));
        },
      };
    },
  };
}

export type Billing = ReturnType<typeof createBilling>;
