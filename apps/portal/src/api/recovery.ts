import { request } from './client';

/** What a link's page learns before it shows its button: the address the link is for, and until when. */
export interface EmailLink {
  email: string;
  expiresAt: string;
}

/**
 * Recovery: verifying an address, undoing an email change, and forgot password. A page reads its link's token,
 * asks the hub whether it is still good, and spends it only when the reader presses the button (a POST).
 */
export const recoveryApi = {
  /** Always the same answer (whether or not the account exists); 429 only when this address asked too often. */
  requestPasswordReset: (identifier: string) =>
    request<{ status: 'requested' }>('POST', '/api/password-reset', { json: { identifier } }),

  checkResetToken: (token: string) =>
    request<{ valid: true; expiresAt: string }>('POST', '/api/password-reset/check', { json: { token } }),

  resetPassword: (token: string, password: string) =>
    request<{ status: 'reset' }>('POST', '/api/password-reset/confirm', { json: { token, password } }),

  checkVerifyToken: (token: string) =>
    request<EmailLink>('POST', '/api/email/verify/check', { json: { token } }),

  verifyEmail: (token: string) =>
    request<{ email: string; emailVerified: true }>('POST', '/api/email/verify', { json: { token } }),

  checkUndoToken: (token: string) => request<EmailLink>('POST', '/api/email/undo/check', { json: { token } }),

  undoEmailChange: (token: string) =>
    request<{ email: string }>('POST', '/api/email/undo', { json: { token } }),

  /** Sends the address waiting for verification a fresh link. */
  resendVerification: () =>
    request<{ email: string; expiresInHours: number }>('POST', '/api/me/email/verification'),
};
