import { request, setCsrfToken } from './client';
import type { Account, AdminService, Consent, Interaction, LauncherService, Session } from './types';

/** Typed calls to the hub's API, one per endpoint. Calls that start a session keep its CSRF token. */

interface Signed {
  account: Account;
  csrfToken: string;
}

export interface CurrentSession extends Signed {
  session: Session;
}

export interface NewAccount {
  handle: string;
  displayName: string;
  email?: string;
  password: string;
}

export interface ProfilePatch {
  displayName?: string;
  bio?: string;
  email?: string | null;
}

async function signed<T extends Signed>(answer: Promise<T>): Promise<T> {
  const result = await answer;
  setCsrfToken(result.csrfToken);
  return result;
}

export const api = {
  currentSession: () => signed(request<CurrentSession>('GET', '/api/session')),

  signIn: (identifier: string, password: string) =>
    signed(request<Signed>('POST', '/api/sessions', { json: { identifier, password } })),

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

  listConsents: async () => (await request<{ consents: Consent[] }>('GET', '/api/consents')).consents,

  revokeConsent: (clientId: string) =>
    request<void>('DELETE', `/api/consents/${encodeURIComponent(clientId)}`),

  listServices: async () => (await request<{ services: LauncherService[] }>('GET', '/api/services')).services,

  /** The service's count for the launcher; null when the service did not answer in time. */
  serviceBadge: async (id: string) =>
    (await request<{ count: number | null }>('GET', `/api/services/${encodeURIComponent(id)}/badge`)).count,

  /** Admins only: every registered service, enabled or not. */
  listAdminServices: async () =>
    (await request<{ services: AdminService[] }>('GET', '/api/admin/services')).services,

  /** Admins only: takes the service off the launcher and stops its client at once. Answers the service. */
  disableService: async (id: string) =>
    (
      await request<{ service: AdminService }>(
        'POST',
        `/api/admin/services/${encodeURIComponent(id)}/disable`,
      )
    ).service,

  enableService: async (id: string) =>
    (await request<{ service: AdminService }>('POST', `/api/admin/services/${encodeURIComponent(id)}/enable`))
      .service,

  /** Admins only: a new client secret, answered this once; the old one stops working at once. */
  rotateServiceSecret: async (id: string) =>
    (
      await request<{ clientSecret: string }>(
        'POST',
        `/api/admin/services/${encodeURIComponent(id)}/rotate-secret`,
      )
    ).clientSecret,
};
