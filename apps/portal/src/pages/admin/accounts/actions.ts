import type { AdminAccountDetail } from '../../../api/admin-accounts';
import type { Permission } from '../../../api/types';

/**
 * What staff may do to an account from its page, and which of those its console shows. The hub checks each
 * permission again (docs/roles-and-audit.md); the console only hides buttons that would be refused, so support
 * sees Unlock and Resend verification, and admins see everything.
 */

/** An action on an account's page; each one is confirmed first, and its outcome announced. */
export type AccountAction =
  | 'lock'
  | 'unlock'
  | 'revoke-sessions'
  | 'password-reset'
  | 'resend-verification'
  | 'reset-recovery-codes'
  | 'edit-profile'
  | 'delete';

/** The permission each action needs. */
export const ACTION_PERMISSION: Readonly<Record<AccountAction, Permission>> = {
  lock: 'accounts:write',
  unlock: 'accounts:unlock',
  'revoke-sessions': 'accounts:write',
  'password-reset': 'accounts:write',
  'resend-verification': 'accounts:resend-verification',
  'reset-recovery-codes': 'accounts:write',
  'edit-profile': 'accounts:write',
  delete: 'accounts:delete',
};

/** The account-level actions in the order the page shows them. */
const ORDER: readonly AccountAction[] = [
  'lock',
  'unlock',
  'revoke-sessions',
  'password-reset',
  'resend-verification',
  'reset-recovery-codes',
  'edit-profile',
  'delete',
];

type Subject = Pick<
  AdminAccountDetail,
  'id' | 'status' | 'email' | 'emailVerified' | 'recoveryCodesLeft' | 'sessions'
> & { pendingEmail?: string | null | undefined };

/**
 * Whether the action makes sense for the account as it is now: Lock an active account; Unlock any (on an active
 * account it lifts the sign-in throttle's lockouts, after too many wrong passwords);
 * Send a reset link only to a verified address and Resend verification only to an unverified one (or a new
 * address waiting for its link); staff never
 * lock or delete their own account (the hub refuses it: 409).
 */
export function applies(action: AccountAction, account: Subject, selfId: string | null): boolean {
  const self = account.id === selfId;
  switch (action) {
    case 'lock':
      return account.status === 'active' && !self;
    case 'unlock':
      return true;
    case 'revoke-sessions':
      return account.sessions > 0;
    case 'password-reset':
      return account.email !== null && account.emailVerified;
    case 'resend-verification':
      return Boolean(account.pendingEmail) || (account.email !== null && !account.emailVerified);
    case 'reset-recovery-codes':
      return account.recoveryCodesLeft > 0;
    case 'edit-profile':
      return true;
    case 'delete':
      return !self;
  }
}

/** The actions to offer for `account`: allowed by `permissions` and meaningful now, in the page's order. */
export function actionsFor(
  account: Subject,
  permissions: readonly Permission[],
  selfId: string | null,
): AccountAction[] {
  return ORDER.filter(
    (action) => permissions.includes(ACTION_PERMISSION[action]) && applies(action, account, selfId),
  );
}

/** Whether `permissions` include `permission` (a button the hub would refuse is not shown). */
export const can = (permissions: readonly Permission[], permission: Permission): boolean =>
  permissions.includes(permission);

/**
 * The words for an action's button and dialog: Unlock on an account that isn't locked only clears its sign-in
 * lockouts, and says so.
 */
export const wordingOf = (action: AccountAction, account: Pick<Subject, 'status'>): string =>
  action === 'unlock' && account.status === 'active' ? 'clear-lockouts' : action;

/** Actions that need the reason written down (it goes to the audit log and the owner's security log). */
export const needsReason = (action: AccountAction): boolean =>
  action === 'lock' || action === 'unlock' || action === 'delete';

/** The longest reason the hub keeps. */
export const REASON_MAX = 500;
