import type { Messages } from '../i18n/error-messages';
import { describeRecoveryEvent } from '../lib/recovery-events';
import { describeStaffEvent } from '../lib/staff-events';

/**
 * Plain words for what the hub records in numbers and codes: the kind of a passkey, how a session was
 * authenticated (RFC 8176 `amr`), and each entry of the security log.
 */

/** Where a passkey lives, from the transports its authenticator reported at registration (WebAuthn §5.8.4). */
export type PasskeyKind = 'device' | 'security-key';

const SECURITY_KEY_TRANSPORTS = ['usb', 'nfc', 'ble', 'smart-card'];

export function passkeyKind(transports: readonly string[]): PasskeyKind | null {
  if (transports.includes('internal')) return 'device';
  if (transports.some((t) => SECURITY_KEY_TRANSPORTS.includes(t))) return 'security-key';
  return null;
}

/** How a session was authenticated, as the sessions list says it. */
export type SessionAuth = 'password' | 'password+passkey' | 'passkey' | 'recovery_code';

/**
 * Reads the session's `amr`: `otp` is a recovery code, `hwk` / `swk` a passkey, `pwd` a password. A session that
 * stepped up with a passkey after a password reads "Password + passkey". Without `amr`, the `acr` still tells a
 * passkey session apart; null when neither says anything.
 */
export function sessionAuth(authMethods: readonly string[] | undefined, acr?: string): SessionAuth | null {
  const amr = new Set(authMethods ?? []);
  const passkey = amr.has('hwk') || amr.has('swk');
  if (amr.has('otp')) return 'recovery_code';
  if (amr.has('pwd')) return passkey ? 'password+passkey' : 'password';
  if (passkey) return 'passkey';
  if (acr === 'urn:orbit:acr:passkey') return 'passkey';
  if (acr === 'urn:orbit:acr:password') return 'password';
  return null;
}

/** The translation key of each `SessionAuth`, under `account.sessions.auth`. */
export const SESSION_AUTH_KEYS = {
  password: 'account.sessions.auth.password',
  'password+passkey': 'account.sessions.auth.passwordPasskey',
  passkey: 'account.sessions.auth.passkey',
  recovery_code: 'account.sessions.auth.recoveryCode',
} as const satisfies Record<SessionAuth, string>;

/** A security log entry's `type` and `details`, as the hub answers them. */
export interface LoggedEvent {
  type: string;
  details: Record<string, unknown>;
}

/** The key under `securityLog.events` for each sign-in method and failure reason. */
const SIGN_IN_METHODS: Readonly<Record<string, string>> = {
  password: 'signInPassword',
  'password+passkey': 'signInPasswordPasskey',
  'password+recovery_code': 'signInPasswordRecoveryCode',
  passkey: 'signInPasskey',
};

const FAILURE_REASONS: Readonly<Record<string, string>> = {
  password: 'signInFailedPassword',
  passkey: 'signInFailedPasskey',
  recovery_code: 'signInFailedRecoveryCode',
};

/** Entries with a fixed wording, by type. */
const PLAIN_EVENTS: Readonly<Record<string, string>> = {
  'step_up.succeeded': 'stepUp',
  'passkey.counter_regression': 'counterRegression',
  'recovery_codes.generated': 'recoveryCodesGenerated',
  'session.revoked': 'sessionRevoked',
  'sessions.revoked_others': 'sessionsRevokedOthers',
  signed_out: 'signedOut',
  'password.changed': 'passwordChanged',
  'password.reauthenticated': 'passwordReauthenticated',
  'sign_in.locked': 'signInLocked',
  'email.changed': 'emailChanged',
  'account.created': 'accountCreated',
  'account.exported': 'accountExported',
  'account.deletion_scheduled': 'accountDeletionScheduled',
  'account.deletion_cancelled': 'accountDeletionCancelled',
  'membership.granted': 'membershipGranted',
  'membership.revoked': 'membershipRevoked',
};

/** Passkey changes, named when the entry carries the passkey's name. */
const PASSKEY_EVENTS: Readonly<Record<string, string>> = {
  'passkey.added': 'passkeyAdded',
  'passkey.renamed': 'passkeyRenamed',
  'passkey.removed': 'passkeyRemoved',
};

const lookup = (table: Readonly<Record<string, string>>, key: unknown): string | undefined =>
  typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;

/**
 * One security log entry in the reader's words, e.g. "Signed in with a password and a passkey". A type this
 * portal does not know yet is shown as the hub wrote it.
 */
export function describeSecurityEvent(event: LoggedEvent, m: Pick<Messages, 't'>): string {
  const { type, details } = event;
  const say = (key: string, values?: Record<string, unknown>) => m.t(`securityLog.events.${key}`, values);
  switch (type) {
    case 'sign_in.succeeded':
      return say(lookup(SIGN_IN_METHODS, details.method) ?? 'signIn');
    case 'sign_in.failed':
      return say(lookup(FAILURE_REASONS, details.reason) ?? 'signInFailed');
    case 'recovery_code.used':
      return typeof details.remaining === 'number'
        ? say('recoveryCodeUsedRemaining', { count: details.remaining })
        : say('recoveryCodeUsed');
  }
  const staff = describeStaffEvent(type, details);
  if (staff) return say(staff.key, staff.values);
  const passkeyEvent = lookup(PASSKEY_EVENTS, type);
  if (passkeyEvent) {
    const name = typeof details.name === 'string' && details.name.trim() !== '' ? details.name : null;
    return name ? say(`${passkeyEvent}Named`, { name }) : say(passkeyEvent);
  }
  if (type === 'membership.growth_adjusted') {
    const { delta, note } = details;
    if (typeof delta !== 'number' || !Number.isInteger(delta) || delta === 0 || typeof note !== 'string')
      return say('growthAdjusted');
    return say(delta > 0 ? 'growthAdded' : 'growthRemoved', { count: Math.abs(delta), note });
  }
  if (type === 'role.granted' || type === 'role.revoked') {
    const role = typeof details.role === 'string' ? details.role : '';
    return say(type === 'role.granted' ? 'roleGranted' : 'roleRevoked', { role });
  }
  const recovery = describeRecoveryEvent(type, details);
  if (recovery) return say(recovery.key, recovery.values);
  const plain = lookup(PLAIN_EVENTS, type);
  return plain ? say(plain) : type;
}

/** Entries worth a second look: failed sign-ins, recovery codes used, and passkeys that may have been copied. */
export function isWarningEvent(event: Pick<LoggedEvent, 'type'>): boolean {
  return [
    'sign_in.failed',
    'sign_in.locked',
    'recovery_code.used',
    'passkey.counter_regression',
    'account.locked',
  ].includes(event.type);
}
