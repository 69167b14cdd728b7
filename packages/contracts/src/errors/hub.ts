/**
 * Every error code the hub answers with, per hub module (apps/identity/src/<module>/errors.ts has each one's
 * status and English developer message). Only the strings live here, so that the portal and services can
 * check them (the portal has English and Chinese text for each) without depending on the hub.
 */

/** Codes the shared kernel (guards, request parsing) answers with. */
export const HUB_KERNEL_ERROR_CODES = {
  authForbidden: 'auth.forbidden',
  csrfCrossOrigin: 'csrf.cross_origin',
  csrfTokenInvalid: 'csrf.token_invalid',
  requestInvalid: 'request.invalid',
  requestInvalidJson: 'request.invalid_json',
  requestInvalidText: 'request.invalid_text',
  requestTooLarge: 'request.too_large',
  requestUnsupportedMediaType: 'request.unsupported_media_type',
  routeNotFound: 'route.not_found',
  serviceUnavailable: 'service.unavailable',
  sessionRequired: 'session.required',
} as const;

/** Codes the account-lifecycle module answers with. */
export const ACCOUNT_LIFECYCLE_ERROR_CODES = {
  accountBusy: 'account.busy',
  accountConfirmMismatch: 'account.confirm_mismatch',
  accountDeletionNothingToRetry: 'account_deletion.nothing_to_retry',
  accountDeletionNotFound: 'account_deletion.not_found',
  accountPasswordRequired: 'account.password_required',
  accountPaymentInProgress: 'account.payment_in_progress',
} as const;

/** Codes the accounts module answers with. */
export const ACCOUNTS_ERROR_CODES = {
  accountEmailTaken: 'account.email_taken',
  accountLocked: 'account.locked',
  accountNumberUnavailable: 'account.number_unavailable',
  avatarNotFound: 'avatar.not_found',
  avatarUnsupportedType: 'avatar.unsupported_type',
  passwordTooCommon: 'password.too_common',
  passwordTooShort: 'password.too_short',
  passwordTooWeak: 'password.too_weak',
} as const;

/** Codes the admin module answers with. */
export const ADMIN_ERROR_CODES = {
  accountAlreadyLocked: 'account.already_locked',
  accountCannotDeleteSelf: 'account.cannot_delete_self',
  accountCannotLockSelf: 'account.cannot_lock_self',
  accountHandleTaken: 'account.handle_taken',
  accountInvalidTimeZone: 'account.invalid_time_zone',
  accountNoRecoveryCodes: 'account.no_recovery_codes',
  accountNotFound: 'account.not_found',
  clientServiceManaged: 'client.service_managed',
  passkeyNotFound: 'passkey.not_found',
  roleLastAdmin: 'role.last_admin',
  roleNotHeld: 'role.not_held',
  roleUnknown: 'role.unknown',
} as const;

/** Codes the api-v1 module answers with. */
export const API_V1_ERROR_CODES = {
  tokenInsufficientScope: 'token.insufficient_scope',
  tokenInvalid: 'token.invalid',
} as const;

/** Codes the data-export module answers with. */
export const DATA_EXPORT_ERROR_CODES = {
  dataExportExpired: 'data_export.expired',
  dataExportLinkInvalid: 'data_export.link_invalid',
  dataExportNotFound: 'data_export.not_found',
  dataExportNotReady: 'data_export.not_ready',
  dataExportTooSoon: 'data_export.too_soon',
} as const;

/** Codes the email module answers with. */
export const EMAIL_ERROR_CODES = {
  outboxNotFound: 'outbox.not_found',
} as const;

/** Codes the membership module answers with. */
export const MEMBERSHIP_ERROR_CODES = {
  membershipAlreadyGranted: 'membership.already_granted',
  membershipAlreadySubscribed: 'membership.already_subscribed',
  membershipComplimentary: 'membership.complimentary',
  membershipCurrencyMismatch: 'membership.currency_mismatch',
  membershipGrowthBelowZero: 'membership.growth_below_zero',
  membershipIdempotencyConflict: 'membership.idempotency_conflict',
  membershipIdempotencyKeyInvalid: 'membership.idempotency_key_invalid',
  membershipIdempotencyKeyRequired: 'membership.idempotency_key_required',
  membershipInvalidPerk: 'membership.invalid_perk',
  membershipNotADowngrade: 'membership.not_a_downgrade',
  membershipNotAnUpgrade: 'membership.not_an_upgrade',
  membershipOtherLane: 'membership.other_lane',
  membershipPastDue: 'membership.past_due',
  membershipPriceConflict: 'membership.price_conflict',
  membershipPriceUnavailable: 'membership.price_unavailable',
  membershipPurchaseInProgress: 'membership.purchase_in_progress',
  membershipSubscriptionChanged: 'membership.subscription_changed',
  membershipSubscriptionEnded: 'membership.subscription_ended',
  membershipSubscriptionNotFound: 'membership.subscription_not_found',
  membershipTierExists: 'membership.tier_exists',
  membershipTierNotFound: 'membership.tier_not_found',
  membershipTierRetired: 'membership.tier_retired',
  membershipUnknownPerk: 'membership.unknown_perk',
  membershipUnknownService: 'membership.unknown_service',
  membershipUnknownTier: 'membership.unknown_tier',
  paymentDeclined: 'payment.declined',
  paymentInvalidAmount: 'payment.invalid_amount',
  paymentInvalidCard: 'payment.invalid_card',
  paymentProviderUnavailable: 'payment.provider_unavailable',
  paymentRefundInvalid: 'payment.refund_invalid',
  paymentUnknownPaymentMethod: 'payment.unknown_payment_method',
} as const;

/** Codes the oidc module answers with. */
export const OIDC_ERROR_CODES = {
  clientExists: 'client.exists',
  clientInvalid: 'client.invalid',
  clientInvalidGrace: 'client.invalid_grace',
  clientNoSecret: 'client.no_secret',
  clientNotFound: 'client.not_found',
  consentNotFound: 'consent.not_found',
  interactionNotFound: 'interaction.not_found',
} as const;

/** Codes the passkeys module answers with. */
export const PASSKEYS_ERROR_CODES = {
  adminPasskeyRequired: 'admin.passkey_required',
  passkeyAlreadyRegistered: 'passkey.already_registered',
  passkeyChallengeInvalid: 'passkey.challenge_invalid',
  passkeyCounterRegression: 'passkey.counter_regression',
  passkeyNone: 'passkey.none',
  passkeyUnknownCredential: 'passkey.unknown_credential',
  passkeyVerificationFailed: 'passkey.verification_failed',
  reauthenticationRequired: 'reauthentication_required',
  stepUpRequired: 'step_up_required',
} as const;

/** Codes the recovery module answers with. */
export const RECOVERY_ERROR_CODES = {
  accountNoVerifiedEmail: 'account.no_verified_email',
  emailInvalidToken: 'email.invalid_token',
  emailNothingToVerify: 'email.nothing_to_verify',
  emailTaken: 'email.taken',
  emailTooManyRequests: 'email.too_many_requests',
  passwordResetInvalidToken: 'password_reset.invalid_token',
  passwordResetTooManyRequests: 'password_reset.too_many_requests',
} as const;

/** Codes the services module answers with. */
export const SERVICES_ERROR_CODES = {
  serviceClientTaken: 'service.client_taken',
  serviceInvalidManifest: 'service.invalid_manifest',
  serviceInvalidOrigin: 'service.invalid_origin',
  serviceNotFound: 'service.not_found',
  serviceCallNotFound: 'service_call.not_found',
} as const;

/** Codes the sessions module answers with. */
export const SESSIONS_ERROR_CODES = {
  sessionNotFound: 'session.not_found',
} as const;

/** Codes the setup module answers with. */
export const SETUP_ERROR_CODES = {
  setupInvalidToken: 'setup.invalid_token',
} as const;

/** Codes the sign-in module answers with. */
export const SIGN_IN_ERROR_CODES = {
  authInvalidCredentials: 'auth.invalid_credentials',
  authTooManyAttempts: 'auth.too_many_attempts',
  recoveryCodeInvalid: 'recovery_code.invalid',
  signInPendingRequired: 'sign_in.pending_required',
  signUpTooMany: 'sign_up.too_many',
} as const;

/** Codes the notifications module answers with. */
export const NOTIFICATIONS_ERROR_CODES = {
  notificationInvalidUrl: 'notification.invalid_url',
  notificationNotFound: 'notification.not_found',
  notificationRecipientNotFound: 'notification.recipient_not_found',
  notificationTooMany: 'notification.too_many',
} as const;

/** Codes the social module answers with. */
export const SOCIAL_ERROR_CODES = {
  socialAlreadyFriends: 'social.already_friends',
  socialAnswerWrong: 'social.answer_wrong',
  socialBlocking: 'social.blocking',
  socialGroupNameTaken: 'social.group_name_taken',
  socialGroupNotFound: 'social.group_not_found',
  socialGroupOrderMismatch: 'social.group_order_mismatch',
  socialNotFriends: 'social.not_friends',
  socialPersonNotFound: 'social.person_not_found',
  socialQuestionRequired: 'social.question_required',
  socialRequestExists: 'social.request_exists',
  socialRequestNotFound: 'social.request_not_found',
  socialRequestsClosed: 'social.requests_closed',
  socialSelf: 'social.self',
  socialTooManyFriends: 'social.too_many_friends',
  socialTooManyGroups: 'social.too_many_groups',
  socialTooManyRequests: 'social.too_many_requests',
  socialTooManySearches: 'social.too_many_searches',
} as const;

/** Every hub module's codes, by module. */
export const HUB_ERROR_CATALOGUES = {
  kernel: HUB_KERNEL_ERROR_CODES,
  'account-lifecycle': ACCOUNT_LIFECYCLE_ERROR_CODES,
  accounts: ACCOUNTS_ERROR_CODES,
  admin: ADMIN_ERROR_CODES,
  'api-v1': API_V1_ERROR_CODES,
  'data-export': DATA_EXPORT_ERROR_CODES,
  email: EMAIL_ERROR_CODES,
  membership: MEMBERSHIP_ERROR_CODES,
  notifications: NOTIFICATIONS_ERROR_CODES,
  oidc: OIDC_ERROR_CODES,
  passkeys: PASSKEYS_ERROR_CODES,
  recovery: RECOVERY_ERROR_CODES,
  services: SERVICES_ERROR_CODES,
  sessions: SESSIONS_ERROR_CODES,
  setup: SETUP_ERROR_CODES,
  'sign-in': SIGN_IN_ERROR_CODES,
  social: SOCIAL_ERROR_CODES,
} as const;

type ValuesOf<T> = T[keyof T];
/** One code the hub may answer with. */
export type HubErrorCode = ValuesOf<{
  [M in keyof typeof HUB_ERROR_CATALOGUES]: ValuesOf<(typeof HUB_ERROR_CATALOGUES)[M]>;
}>;

/** Every code the hub may answer with (each once). */
export const HUB_ERROR_CODES: readonly HubErrorCode[] = Object.values(HUB_ERROR_CATALOGUES).flatMap(
  (codes) => Object.values(codes) as HubErrorCode[],
);
