import { adminClientsApi, type ClientChanges, type NewClient } from '@orbit/contracts';
import { hub } from './client';

/**
 * Typed calls for OIDC clients in the admin console (`/api/admin/clients`, docs/clients.md). Admins only; every
 * write may first be refused with `step_up_required` (the request helper confirms with a passkey and sends it
 * again) or `admin.passkey_required` (the staff account has no passkey yet).
 */

export type {
  AdminClientView as AdminClient,
  ClientAuthMethod as AuthMethod,
  ClientChanges,
  ClientGrantType as GrantType,
  ClientRotation,
  ClientScope,
  ClientSecretInfo,
  ClientWithSecret,
  IdTokenSigningAlgorithm as SigningAlgorithm,
  NewClient,
} from '@orbit/contracts';
export {
  CLIENT_AUTH_METHODS as AUTH_METHODS,
  CLIENT_GRANT_TYPES as GRANT_TYPES,
  CLIENT_SCOPES,
  DEFAULT_GRACE_HOURS,
  ID_TOKEN_SIGNING_ALGORITHMS as SIGNING_ALGORITHMS,
  MAX_GRACE_HOURS,
} from '@orbit/contracts';

/** The list's filters, as the page keeps them; an empty string means "any". */
export interface ClientListFilters {
  q: string;
  status: '' | 'enabled' | 'disabled';
  kind: '' | 'service' | 'standalone';
}

const api = adminClientsApi;
const client = (id: string) => ({ params: { id } });

export const adminClients = {
  list: async (filters: ClientListFilters) =>
    (
      await hub.call(api.list, {
        query: {
          q: filters.q.trim() || undefined,
          status: filters.status || undefined,
          kind: filters.kind || undefined,
        },
      })
    ).clients,
  get: async (id: string) => (await hub.call(api.get, client(id))).client,
  create: (input: NewClient) => hub.call(api.create, { body: input }),
  update: (id: string, changes: ClientChanges) => hub.call(api.update, { ...client(id), body: changes }),
  disable: async (id: string) => (await hub.call(api.disable, client(id))).client,
  enable: async (id: string) => (await hub.call(api.enable, client(id))).client,
  rotateSecret: (id: string, graceHours: number) =>
    hub.call(api.rotateSecret, { ...client(id), body: { graceHours } }),
  remove: (id: string) => hub.call(api.remove, client(id)),
};
