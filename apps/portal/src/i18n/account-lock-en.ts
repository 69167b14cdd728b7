/**
 * English words for what staff do to an account, as its owner reads it: the sign-in refusal of a locked account,
 * and the security log's entries for staff actions (docs/admin-console.md, "Managing accounts"). en.ts spreads the
 * error into `errors.account` and the entries into `securityLog.events`.
 */
export const accountLockErrorsEn = {
  locked: 'This account was locked by an administrator. Contact support to get it unlocked.',
};

export const accountLockEventsEn = {
  accountLocked: 'Locked by an administrator: {{reason}}',
  accountUnlocked: 'Unlocked by an administrator',
  sessionsRevokedByStaff_one: 'An administrator signed you out of {{count}} session',
  sessionsRevokedByStaff_other: 'An administrator signed you out of {{count}} sessions',
  recoveryCodesReset: 'An administrator reset your recovery codes: generate new ones and save them',
  profileUpdatedByStaff: 'An administrator edited your profile',
  passwordResetSentByStaff: 'An administrator sent you a password-reset link',
  emailChangedByStaff: 'An administrator changed your email address to {{email}}',
  emailRemovedByStaff: 'An administrator removed your email address',
  passkeyRemovedByStaff: 'An administrator removed a passkey',
  passkeyRemovedByStaffNamed: 'An administrator removed the passkey “{{name}}”',
};
