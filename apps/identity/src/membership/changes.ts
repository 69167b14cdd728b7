import type { MembershipChangeReason } from '@orbit/contracts';
import type { Queryable } from '../kernel/db.js';

/** Why an account's membership changed; services receive it in the membership event (contracts' `oidc.ts`). */
export type { MembershipChangeReason } from '@orbit/contracts';

/**
 * Told of every change to what an account is entitled to, inside the transaction that makes it, so the
 * services' events (durable jobs) exist exactly when the change commits.
 */
export interface MembershipChangeNotifier {
  changed(tx: Queryable, accountId: string, reason: MembershipChangeReason): Promise<void>;
}

/** For tools and tests that change memberships without telling services. */
export const silentNotifier: MembershipChangeNotifier = { changed: async () => {} };

/** Someone told of every membership change too, in its transaction (the hub's own membership notices). */
export type MembershipChangeListener = MembershipChangeNotifier['changed'];

/**
 * `first` (the services' events), then each listener added later with `onChange`: the notifier the billing core
 * is given, so a module listed after membership hears every change without membership knowing of it.
 */
export function listenedNotifier(first: MembershipChangeNotifier) {
  const listeners: MembershipChangeListener[] = [];
  const notifier: MembershipChangeNotifier = {
    async changed(tx, accountId, reason) {
      await first.changed(tx, accountId, reason);
      for (const listener of listeners) await listener(tx, accountId, reason);
    },
  };
  return {
    notifier,
    onChange(listener: MembershipChangeListener): void {
      listeners.push(listener);
    },
  };
}
