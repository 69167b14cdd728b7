import { MEMBERSHIP_ERROR_CODES } from '@orbit/contracts';
import { errorCatalogue } from '../kernel/errors.js';

/** Every error the membership module answers with: its code (shared through @orbit/contracts), status and English message. */
export const MEMBERSHIP_ERRORS = errorCatalogue(MEMBERSHIP_ERROR_CODES, {
  membershipAlreadyGranted: [
    409,
    'The account already holds a complimentary membership in this lane; revoke it first.',
  ],
  membershipAlreadySubscribed: [
    409,
    'You already hold a subscription in this lane: upgrade or downgrade it instead.',
  ],
  membershipComplimentary: [400, 'A complimentary membership is not changed by its member.'],
  membershipCurrencyMismatch: [400, 'This subscription is billed in ….'],
  membershipGrowthBelowZero: [
    409,
    'The account has … growth points; an adjustment may not take it below zero.',
  ],
  membershipIdempotencyConflict: [
    409,
    'This Idempotency-Key was used for a different request; use a new key for a new purchase.',
  ],
  membershipIdempotencyKeyInvalid: [400, 'The Idempotency-Key must be 8–255 visible ASCII characters.'],
  membershipIdempotencyKeyRequired: [
    400,
    'Send an Idempotency-Key header: one random value per purchase attempt, the same on a retry.',
  ],
  membershipInvalidPerk: [400, 'A perk value is not one the tier can grant.'],
  membershipNotADowngrade: [400, 'That is an upgrade: it happens at once, with a credit.'],
  membershipNotAnUpgrade: [
    400,
    'That is not an upgrade (a higher tier, or monthly to yearly): schedule it as a downgrade.',
  ],
  membershipOtherLane: [400, '… is not in this subscription’s lane.'],
  membershipPastDue: [409, 'Renewal failed: update the card before changing the plan.'],
  membershipPriceConflict: [409, 'The … … price of … already changes at that instant.'],
  membershipPriceUnavailable: [400, '… has no …ly price in ….'],
  membershipPurchaseInProgress: [409, 'This purchase is still in progress; retry later.'],
  membershipSubscriptionChanged: [
    409,
    'The subscription changed while the upgrade was paid for; the charge was refunded.',
  ],
  membershipSubscriptionEnded: [409, 'This subscription has ended.'],
  membershipSubscriptionNotFound: [404, 'No such subscription.'],
  membershipTierExists: [409, 'A tier … exists already.'],
  membershipTierNotFound: [404, 'No tier ….'],
  membershipTierRetired: [409, 'Tier … is retired; a retired tier can’t be changed.'],
  membershipUnknownPerk: [400, 'A perk is not declared by any service.'],
  membershipUnknownService: [400, 'No service … is registered.'],
  membershipUnknownTier: [400, 'No tier ….'],
  paymentDeclined: [402, 'The card was declined.'],
  paymentInvalidAmount: [400, 'An amount is a positive whole number of minor units.'],
  paymentInvalidCard: [400, 'The card was not accepted.'],
  paymentProviderUnavailable: [
    503,
    'The payment could not be completed right now. Retry with the same Idempotency-Key: you will not be charged twice.',
  ],
  paymentRefundInvalid: [400, 'Only a succeeded charge can be refunded.'],
  paymentUnknownPaymentMethod: [400, 'No such payment method.'],
});
