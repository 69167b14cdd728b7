import { request } from './client';

/**
 * Typed calls for OIDC clients in the admin console (`/api/admin/clients`, docs/clients.md). Admins only; every
 * write may first be refused with `step_up_required` (the request helper confirms with a passkey and sends it
 * again) or `admin.passkey_required` (the staff account has no passkey yet).
 */

export const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];
export const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];
export const CLIENT_SCOPES = [
  'openid',
  'profile',
  'email',
  'offline_access',
  'membership',
  'accounts:read',
  'entitlements:read',
] as const;
export type ClientScope = (typeof CLIENT_SCOPES)[number];
export const SIGNING_ALGORITHMS = ['RS256', 'ES256'] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/** The default overlap of a rotation, and the longest an admin may ask for (hours). */
export const DEFAULT_GRACE_HOURS = 24;
export const MAX_GRACE_HOURS = 720;

/** One live secret: never the secret, only when it was made and when it stops working (null: the current one). */
export interface ClientSecretInfo {
  createdAt: string;
  expiresAt: string | null;
}

/** A client as the console shows it. */
export interface AdminClient {
  clientId: string;
  name: string;
  type: 'confidential' | 'public';
  tokenEndpointAuthMethod: AuthMethod;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri: string | null;
  grantTypes: GrantType[];
  scopes: ClientScope[];
  firstParty: boolean;
  idTokenSignedResponseAlg: SigningAlgorithm;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
  disabledAt: string | null;
  /** The service whose manifest registered it (read-only here except rotate and disable), or null. */
  service: string | null;
  usesSecret: boolean;
  secrets: ClientSecretInfo[];
  hasJwks: boolean;
}

export interface ClientListFilters {
  q: string;
  status: '' | 'enabled' | 'disabled';
  kind: '' | 'service' | 'standalone';
}

/** What an edit sends: only what changed; `backchannelLogoutUri: null` removes it. */
export interface ClientChanges {
  name?: string;
  tokenEndpointAuthMethod?: AuthMethod;
  jwks?: { keys: Record<string, unknown>[] };
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
  backchannelLogoutUri?: string | null;
  grantTypes?: GrantType[];
  scopes?: ClientScope[];
  firstParty?: boolean;
  idTokenSignedResponseAlg?: SigningAlgorithm;
}

/** A new registration: the settings, with an optional id and the type (fixed once made). */
export interface NewClient extends Omit<ClientChanges, 'backchannelLogoutUri'> {
  id?: string;
  name: string;
  type: 'confidential' | 'public';
  backchannelLogoutUri?: string;
}

/** A client with the secret it was just given (shown once), when it has one. */
export interface ClientWithSecret {
  client: AdminClient;
  clientSecret: string | null;
}

export interface ClientRotation {
  client: AdminClient;
  clientSecret: string;
  /** When the replaced secret stops working; null when it stopped at once. */
  previousSecretExpiresAt: string | null;
  /** A service's client only: the credentials file the hub wrote the new secret to, or null (none it wrote). */
  credentialsFile?: string | null;
}

const path = (id: string, rest = '') => `/api/admin/clients/${encodeURIComponent(id)}${rest}`;

/** The hub's query for `filters`: only those set. */
export function clientListQuery(filters: ClientListFilters): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.q.trim()) query.set('q', filters.q.trim());
  if (filters.status) query.set('status', filters.status);
  if (filters.kind) query.set('kind', filters.kind);
  return query;
}

export const adminClients = {
  list: async (filters: ClientListFilters) => {
    const query = clientListQuery(filters).toString();
    return (await request<{ clients: AdminClient[] }>('GET', `/api/admin/clients${query ? `?${query}` : ''}`))
      .clients;
  },
  get: async (id: string) => (await request<{ client: AdminClient }>('GET', path(id))).client,
  create: (input: NewClient) => request<ClientWithSecret>('POST', '/api/admin/clients', { json: input }),
  update: (id: string, changes: ClientChanges) =>
    request<ClientWithSecret>('PATCH', path(id), { json: changes }),
  disable: async (id: string) =>
    (await request<{ client: AdminClient }>('POST', path(id, '/disable'))).client,
  enable: async (id: string) => (await request<{ client: AdminClient }>('POST', path(id, '/enable'))).client,
  rotateSecret: (id: string, graceHours: number) =>
    request<ClientRotation>('POST', path(id, '/rotate-secret'), { json: { graceHours } }),
  remove: (id: string) => request<void>('DELETE', path(id)),
};
