import { adminServicesApi, consentApi, launcherApi } from '@orbit/contracts';
import type { Language } from '@orbit/ui/i18n';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { hub, request, setCsrfToken } from './client';
import type { Account, Interaction, Permission, Session } from './types';

/** Typed calls to the hub's API, one per endpoint. Calls that start a session keep its CSRF token. */

interface Signed {
  account: Account;
  csrfToken: string;
}

export interface CurrentSession extends Signed {
  session: Session;
  /** What the account's roles allow in the admin console; empty for an ordinary user. */
  permissions: Permission[];
}

/** Signed in: the session exists and its CSRF token is kept. */
export interface SignedIn extends Signed {
  status: 'signed_in';
}

/**
 * The password was right, but the account has passkey protection: the sign-in completes only with a passkey
 * assertion or a recovery code, before `expiresAt` (the hub keeps the pending sign-in in a cookie).
 */
export interface SecondFactorRequired {
  status: 'second_factor_required';
  methods: ('passkey' | 'recovery_code')[];
  expiresAt: string;
}

export type SignInAnswer = SignedIn | SecondFactorRequired;

interface RequestOptionsAnswer {
  options: PublicKeyCredentialRequestOptionsJSON;
}

export interface NewAccount {
  handle: string;
  displayName: string;
  email?: string;
  password: string;
  /** The language of the account's mail: the portal's at sign-up. */
  locale?: Language;
}

export interface ProfilePatch {
  displayName?: string;
  bio?: string;
  email?: string | null;
  locale?: Language;
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
