import {
  adminServicesApi,
  type SessionAnswer as CurrentSession,
  consentApi,
  launcherApi,
  type SignUpInput as NewAccount,
  type ProfilePatch,
  type SignedIn,
  type SignInAnswer,
} from '@orbit/contracts';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { hub, request, setCsrfToken } from './client';
import type { Account, Interaction, Session } from './types';

/** What the hub answers these calls: its own declarations (`@orbit/contracts`). */
export type {
  ProfilePatch,
  SessionAnswer as CurrentSession,
  SignedIn,
  SignInAnswer,
  SignUpInput as NewAccount,
} from '@orbit/contracts';

/** The password was right and the account has a passkey: the sign-in waits for the second factor. */
export type SecondFactorRequired = Extract<SignInAnswer, { status: 'second_factor_required' }>;

/** An answer that starts a session: the account and the session's CSRF token. */
interface Signed {
  account: Account;
  csrfToken: string;
}

interface RequestOptionsAnswer {
  options: PublicKeyCredentialRequestOptionsJSON;
}

async function signed<T extends Signed>(answer: Promise<T>): Promise<T> {
  const result = await answer;
  setCsrfToken(result.csrfToken);
  return result;
}

async function signedInOrPending(answer: Promise<SignInAnswer>): Promise<SignInAnswer> {
  const result = await answer;
  if (result.status === 'signed_in') setCsrfToken(result.csrfToken);
  return result;
}

/** Typed calls to the hub's API, one per endpoint. Calls that start a session keep its CSRF token. */
export const api = {
  currentSession: () => signed(request<CurrentSession>('GET', '/api/session')),

  /** Signs in with a password; an account with a passkey then needs a second factor (see below). */
  signIn: (identifier: string, password: string) =>
    signedInOrPending(request<SignInAnswer>('POST', '/api/sessions', { json: { identifier, password } })),

  /** The assertion options for the pending sign-in's passkey (`401 sign_in.pending_required` without one). */
  secondFactorOptions: async () =>
    (await request<RequestOptionsAnswer>('POST', '/api/sign-in/second-factor/options')).options,

  secondFactorPasskey: (response: AuthenticationResponseJSON) =>
    signed(
      request<SignedIn>('POST', '/api/sign-in/second-factor/passkey', {
        json: { response },
      }),
    ),

  /** Completes the pending sign-in with one recovery code, which is then used up. */
  secondFactorRecoveryCode: (code: string) =>
    signed(
      request<SignedIn & { recoveryCodesRemaining: number }>(
        'POST',
        '/api/sign-in/second-factor/recovery-code',
        { json: { code } },
      ),
    ),

  /**
   * Options for a passwordless sign-in (discoverable credentials, no account named), bound to this browser by a
   * ceremony cookie: for the "Sign in with a passkey" button and for the browser's autofill.
   */
  passkeySignInOptions: async () =>
    (await request<RequestOptionsAnswer>('POST', '/api/sign-in/passkey/options')).options,

  passkeySignIn: (response: AuthenticationResponseJSON) =>
    signed(request<SignedIn>('POST', '/api/sign-in/passkey', { json: { response } })),

  signUp: (input: NewAccount) => signed(request<Signed>('POST', '/api/accounts', { json: input })),

  async signOut(): Promise<void> {
    try {
      await request<void>('DELETE', '/api/sessions/current');
    } finally {
      setCsrfToken(null);
    }
  },

  listSessions: async () => (await request<{ sessions: Session[] }>('GET', '/api/sessions')).sessions,

  revokeSession: (id: string) => request<void>('DELETE', `/api/sessions/${encodeURIComponent(id)}`),

  updateProfile: async (patch: ProfilePatch) =>
    (await request<{ account: Account }>('PATCH', '/api/me', { json: patch })).account,

  uploadAvatar: async (file: Blob) =>
    (await request<{ account: Account }>('PUT', '/api/me/avatar', { blob: file })).account,

  removeAvatar: async () => (await request<{ account: Account }>('DELETE', '/api/me/avatar')).account,

  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>('POST', '/api/me/password', { json: { currentPassword, newPassword } }),

  checkSetupToken: (token: string) =>
    request<{ valid: true }>('GET', `/api/setup/${encodeURIComponent(token)}`),

  completeSetup: (input: NewAccount & { token: string }) =>
    signed(request<Signed>('POST', '/api/setup', { json: input })),

  getInteraction: (id: string) =>
    request<Interaction>('GET', `/api/oidc/interactions/${encodeURIComponent(id)}`),

  /** Allows or denies an application's request; the answer says where the browser goes next. */
  answerConsent: async (id: string, approve: boolean) =>
    (
      await request<{ redirectTo: string }>(
        'POST',
        `/api/oidc/interactions/${encodeURIComponent(id)}/consent`,
        {
          json: { approve },
        },
      )
    ).redirectTo,

  listConsents: async () => (await hub.call(consentApi.list)).consents,

  revokeConsent: (clientId: string) => hub.call(consentApi.revoke, { params: { clientId } }),

  listServices: async () => (await hub.call(launcherApi.list)).services,

  /** The service's count for the launcher; null when the service did not answer in time. */
  serviceBadge: async (id: string) => (await hub.call(launcherApi.badge, { params: { id } })).count,

  /** Admins only: every registered service, enabled or not. */
  listAdminServices: async () => (await hub.call(adminServicesApi.list)).services,

  /** Admins only: takes the service off the launcher and stops its client at once. Answers the service. */
  disableService: async (id: string) =>
    (await hub.call(adminServicesApi.disable, { params: { id } })).service,

  enableService: async (id: string) => (await hub.call(adminServicesApi.enable, { params: { id } })).service,

  /**
   * Admins only: a new client secret, answered this once; the old one works on for `graceHours` (0: stops at
   * once), and the hub writes the new one into the service's credentials file when it wrote that file.
   */
  rotateServiceSecret: (id: string, graceHours: number) =>
    hub.call(adminServicesApi.rotateSecret, { params: { id }, body: { graceHours } }),
};
