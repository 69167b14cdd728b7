/** A recovery entry of the security log as a key under `securityLog.events` and its values; undefined for others. */
export function describeRecoveryEvent(
  type: string,
  details: Record<string, unknown>,
): { key: string; values?: Record<string, unknown> } | undefined {
  const email = (value: unknown) => (typeof value === 'string' ? value : '');
  switch (type) {
    case 'password.reset':
      return { key: 'passwordReset' };
    case 'password_reset.requested':
      return { key: 'passwordResetRequested' };
    case 'email.verification_sent':
      return { key: 'emailVerificationSent', values: { email: email(details.email) } };
    case 'email.verified':
      return { key: 'emailVerified', values: { email: email(details.email) } };
    case 'email.change_undone':
      return { key: 'emailChangeUndone', values: { email: email(details.to) } };
  }
  return undefined;
}
