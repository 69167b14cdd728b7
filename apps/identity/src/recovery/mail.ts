import type { Email } from '../email/index.js';

/**
 * What recovery needs of the mail module (`services.email`): both enqueue in the caller's transaction, so a link is
 * mailed exactly when the token it carries is committed.
 */
export type RecoveryMail = Pick<Email, 'send' | 'sendToAccount' | 'sentSince'>;

export const HOUR_MS = 60 * 60_000;
/** Verification links live 24 hours; the undo link sent to the old address 72 (Keycloak's and Logto's defaults). */
export const VERIFY_LINK_MS = 24 * HOUR_MS;
export const UNDO_LINK_MS = 72 * HOUR_MS;
/** Reset links live 30 minutes (OWASP Forgot Password Cheat Sheet: short-lived). */
export const RESET_LINK_MS = 30 * 60_000;
