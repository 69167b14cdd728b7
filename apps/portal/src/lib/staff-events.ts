/**
 * A security-log entry that staff caused (the hub records `by` in its details), as a key under
 * `securityLog.events` and its values; undefined for the owner's own actions. The owner reads "an administrator",
 * never the staff member's name.
 */
export function describeStaffEvent(
  type: string,
  details: Record<string, unknown>,
): { key: string; values?: Record<string, unknown> } | undefined {
  switch (type) {
    case 'account.locked':
      return {
        key: 'accountLocked',
        values: { reason: typeof details.reason === 'string' ? details.reason : '' },
      };
    case 'account.unlocked':
      return { key: 'accountUnlocked' };
    case 'sessions.revoked_by_staff':
      return {
        key: 'sessionsRevokedByStaff',
        values: { count: typeof details.count === 'number' ? details.count : 0 },
      };
    case 'recovery_codes.reset':
      return { key: 'recoveryCodesReset' };
    case 'profile.updated_by_staff':
      return { key: 'profileUpdatedByStaff' };
  }
  // The owner's own kinds of entry, made by staff on their behalf.
  if (typeof details.by !== 'string') return undefined;
  switch (type) {
    case 'password_reset.requested':
      return { key: 'passwordResetSentByStaff' };
    case 'email.changed':
      return typeof details.to === 'string'
        ? { key: 'emailChangedByStaff', values: { email: details.to } }
        : { key: 'emailRemovedByStaff' };
    case 'passkey.removed':
      return typeof details.name === 'string' && details.name.trim() !== ''
        ? { key: 'passkeyRemovedByStaffNamed', values: { name: details.name } }
        : { key: 'passkeyRemovedByStaff' };
  }
  return undefined;
}
