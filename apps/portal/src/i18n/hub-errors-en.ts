/**
 * English text for the hub's error codes that no feature's own texts cover (the portal test checks that every
 * code in @orbit/contracts' HUB_ERROR_CODES has English and Chinese text). Merged into the errors by
 * `withHubErrors` (hub-errors.ts), group by group.
 */
export const hubErrorsEn = {
  account: {
    busy: 'Your account is busy with another change. Try again in a moment.',
    confirm_mismatch: 'Type your account number exactly as shown to confirm.',
    password_required: 'Enter your password to confirm.',
    already_locked: 'This account is already locked.',
    cannot_delete_self: 'You can’t delete your own account from the console.',
    cannot_lock_self: 'You can’t lock your own account.',
    invalid_time_zone: 'Choose a time zone from the list.',
    no_recovery_codes: 'This account has no recovery codes to revoke.',
    no_verified_email: 'This account has no verified email address.',
  },
  client: {
    service_managed: 'This client belongs to a registered service; change it on the service’s page.',
    exists: 'A client with this id already exists.',
    invalid: 'The client’s settings are not valid.',
    invalid_grace: 'The grace period must be a whole number of hours within the allowed range.',
    no_secret: 'This client has no secret to rotate.',
    not_found: 'There is no such client.',
  },
  consent: { not_found: 'There is no such consent.' },
  token: {
    insufficient_scope: 'The token lacks a scope this request needs.',
    invalid: 'The token is not valid.',
  },
  membership: {
    already_granted: 'This account already has a complimentary membership of this tier.',
    complimentary: 'A complimentary membership can’t be changed this way.',
    currency_mismatch: 'The price’s currency doesn’t match the membership’s.',
    idempotency_conflict: 'This request was already made with different details.',
    idempotency_key_invalid: 'The request’s idempotency key is not valid.',
    idempotency_key_required: 'The request needs an idempotency key.',
    invalid_perk: 'A perk’s value is not valid.',
    not_a_downgrade: 'That tier is not a downgrade from your current one.',
    not_an_upgrade: 'That tier is not an upgrade from your current one.',
    other_lane: 'That tier belongs to another membership line.',
    past_due: 'This membership has a payment due; settle it first.',
    price_conflict: 'The price changed. Review it and try again.',
    purchase_in_progress: 'A purchase is already in progress. Wait a moment and refresh.',
    subscription_changed: 'This membership changed meanwhile. Refresh and try again.',
    subscription_ended: 'This membership has ended.',
    subscription_not_found: 'There is no such membership.',
    tier_exists: 'A tier with this id already exists.',
    tier_not_found: 'There is no such tier.',
    unknown_perk: 'No service declares this perk.',
    unknown_service: 'There is no such service.',
    unknown_tier: 'There is no such tier.',
  },
  payment: {
    invalid_amount: 'The amount is not valid.',
    provider_unavailable: 'Payments are unavailable right now. Try again later.',
    refund_invalid: 'This refund is not possible.',
    unknown_payment_method: 'This payment method is not known.',
  },
  service: {
    client_taken: 'This client id is already used by another client.',
    invalid_manifest: 'The service’s manifest is not valid.',
    invalid_origin: 'The service’s origin is not a valid URL.',
  },
  request: {
    invalid_json: 'The request could not be read. Reload the page and try again.',
    invalid_text: 'The text contains characters that are not allowed.',
    unsupported_media_type: 'The request could not be read. Reload the page and try again.',
  },
  csrf: { cross_origin: 'This action must come from Orbit’s own pages. Reload and try again.' },
};
