import type { Subscription } from '../api/membership-types';

/**
 * The one line that says where a membership stands, and the date it names:
 * - `renews`: active, auto-renew on — renews on the period end;
 * - `ends`: active, cancelled or not renewing (complimentary included) — ends on the period end;
 * - `pastDue`: the renewal failed — perks kept until the grace period ends, the card can be changed;
 * - `ended`: over, with the reason.
 */
export type StatusLine =
  | { kind: 'renews'; date: string }
  | { kind: 'ends'; date: string }
  | { kind: 'pastDue'; date: string }
  | { kind: 'ended'; date: string; reason: Subscription['endReason'] };

export function statusLine(subscription: Subscription): StatusLine {
  switch (subscription.status) {
    case 'past_due':
      return { kind: 'pastDue', date: subscription.graceUntil ?? subscription.currentPeriodEnd };
    case 'ended':
      return {
        kind: 'ended',
        date: subscription.endedAt ?? subscription.currentPeriodEnd,
        reason: subscription.endReason,
      };
    case 'active':
      return subscription.autoRenew && subscription.source === 'purchase'
        ? { kind: 'renews', date: subscription.currentPeriodEnd }
        : { kind: 'ends', date: subscription.currentPeriodEnd };
  }
}

export const isLive = (subscription: Pick<Subscription, 'status'>): boolean =>
  subscription.status !== 'ended';

/** What the member can do to a live purchased subscription now. */
export interface Actions {
  cancel: boolean;
  resume: boolean;
  change: boolean;
  updateCard: boolean;
}

export function actionsFor(subscription: Subscription): Actions {
  const purchased = subscription.source === 'purchase' && isLive(subscription);
  return {
    cancel: purchased && subscription.autoRenew,
    resume: purchased && !subscription.autoRenew,
    change: purchased && subscription.status === 'active',
    updateCard: purchased,
  };
}
