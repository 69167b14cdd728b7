import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../../accounts/accounts.js';
import type { Clock } from '../../clock.js';
import { randomToken, sha256 } from '../../crypto.js';
import { AppError } from '../../http/errors.js';
import { zodProblems } from '../../http/validate.js';
import { authMethods, type ClientRow, clients, grantTypes, signingAlgorithms } from '../schema.js';

/**
 * The scopes of the hub's service API (`/api/v1`): only for `client_credentials` tokens, never asked of a user
 * at the authorization endpoint.
 */
export const HUB_API_SCOPES = ['accounts:read', 'entitlements:read'] as const;

/** Scopes the hub knows: a client may be given only these; others in an authorization request are ignored. */
export const KNOWN_SCOPES = [
  'openid',
  'profile',
  'email',
  'offline_access',
  'membership',
  ...HUB_API_SCOPES,
] as const;

const isLoopback = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]';

/**
 * Redirect URIs are absolute, carry no fragment, and use https — or http only on a loopback host, for
 * development (RFC 9700 §2.1; RFC 8252 §7.3). They are compared by exact string match at the authorization
 * endpoint.
 */
const redirectUri = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (
        !url.hash && (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname)))
      );
    } catch {
      return false;
    }
  },
  { message: 'must be an absolute https URL (http only on localhost) without a fragment' },
);

export const clientInput = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_.-]{1,63}$/, 'lower-case letters, digits, _ . -; 2–64 characters')
      .optional(),
    name: z.string().trim().min(1).max(100),
    type: z.enum(['confidential', 'public']).default('confidential'),
    tokenEndpointAuthMethod: z.enum(authMethods).optional(),
    jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1) }).optional(),
    redirectUris: z.array(redirectUri).default([]),
    postLogoutRedirectUris: z.array(redirectUri).default([]),
    backchannelLogoutUri: redirectUri.optional(),
    grantTypes: z.array(z.enum(grantTypes)).min(1).default(['authorization_code', 'refresh_token']),
    scopes: z.array(z.enum(KNOWN_SCOPES)).default(['openid', 'profile', 'email', 'offline_access']),
    firstParty: z.boolean().default(false),
    idTokenSignedResponseAlg: z.enum(signingAlgorithms).default('RS256'),
  })
  .superRefine((c, ctx) => {
    const method = c.tokenEndpointAuthMethod ?? (c.type === 'public' ? 'none' : 'client_secret_basic');
    if (c.type === 'public' && method !== 'none') {
      ctx.addIssue({
        code: 'custom',
        path: ['tokenEndpointAuthMethod'],
        message: 'public clients authenticate with none',
      });
    }
    if (c.type === 'confidential' && method === 'none') {
      ctx.addIssue({
        code: 'custom',
        path: ['tokenEndpointAuthMethod'],
        message: 'confidential clients must authenticate',
      });
    }
    if (method === 'private_key_jwt' && !c.jwks) {
      ctx.addIssue({
        code: 'custom',
        path: ['jwks'],
        message: 'private_key_jwt needs the client’s public keys',
      });
    }
    if (c.type === 'public' && c.grantTypes.includes('client_credentials')) {
      ctx.addIssue({
        code: 'custom',
        path: ['grantTypes'],
        message: 'public clients cannot use client_credentials',
      });
    }
    if (c.grantTypes.includes('authorization_code') && c.redirectUris.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['redirectUris'],
        message: 'authorization_code needs a redirect URI',
      });
    }
  });
export type ClientInput = z.input<typeof clientInput>;

export interface ClientView {
  clientId: string;
  name: string;
  type: 'confidential' | 'public';
  tokenEndpointAuthMethod: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri: string | null;
  grantTypes: string[];
  scopes: string[];
  firstParty: boolean;
  idTokenSignedResponseAlg: string;
  disabled: boolean;
  createdAt: string;
}

export function viewClient(row: ClientRow): ClientView {
  return {
    clientId: row.id,
    name: row.name,
    type: row.type,
    tokenEndpointAuthMethod: row.tokenEndpointAuthMethod,
    redirectUris: row.redirectUris,
    postLogoutRedirectUris: row.postLogoutRedirectUris,
    backchannelLogoutUri: row.backchannelLogoutUri,
    grantTypes: row.grantTypes,
    scopes: row.scopes,
    firstParty: row.firstParty,
    idTokenSignedResponseAlg: row.idTokenSignedResponseAlg,
    disabled: row.disabledAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}

function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new AppError(
      400,
      'client.invalid',
      'The client registration is not valid.',
      zodProblems(parsed.error),
    );
  return parsed.data;
}

/**
 * The registry of OAuth clients (services and third-party apps). Built on the database, or on an open
 * transaction (`createClients({ db: tx, clock })`) when a client changes together with other rows.
 */
export function createClients({ db, clock }: { db: Queryable; clock: Clock }) {
  const withSecret = (type: string, method: string) =>
    type === 'confidential' && method.startsWith('client_secret') ? randomToken() : undefined;

  return {
    /** Registers a client; answers its secret once (only its hash is kept). */
    async create(input: ClientInput): Promise<{ client: ClientRow; clientSecret: string | undefined }> {
      const c = parseInput(clientInput, input);
      const method = c.tokenEndpointAuthMethod ?? (c.type === 'public' ? 'none' : 'client_secret_basic');
      const clientSecret = withSecret(c.type, method);
      const now = clock.now();
      const [client] = await db
        .insert(clients)
        .values({
          id: c.id ?? `c_${randomBytes(8).toString('hex')}`,
          name: c.name,
          type: c.type,
          secretHash: clientSecret ? sha256(clientSecret) : null,
          tokenEndpointAuthMethod: method,
          jwks: c.jwks ?? null,
          redirectUris: c.redirectUris,
          postLogoutRedirectUris: c.postLogoutRedirectUris,
          backchannelLogoutUri: c.backchannelLogoutUri ?? null,
          grantTypes: c.grantTypes,
          scopes: c.scopes,
          firstParty: c.firstParty,
          idTokenSignedResponseAlg: c.idTokenSignedResponseAlg,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing({ target: clients.id })
        .returning();
      if (!client) throw new AppError(409, 'client.exists', `A client with id ${c.id} exists already.`);
      return { client, clientSecret };
    },

    async get(id: string): Promise<ClientRow | undefined> {
      const [row] = await db.select().from(clients).where(eq(clients.id, id));
      return row;
    },

    list(): Promise<ClientRow[]> {
      return db.select().from(clients).orderBy(asc(clients.createdAt));
    },

    /** Replaces the registration's settings (not its id, type or secret). */
    async update(id: string, input: Omit<ClientInput, 'id' | 'type'>): Promise<ClientRow> {
      const existing = await this.get(id);
      if (!existing) throw new AppError(404, 'client.not_found', `No client ${id}.`);
      const c = parseInput(clientInput, { ...input, type: existing.type });
      const [row] = await db
        .update(clients)
        .set({
          name: c.name,
          tokenEndpointAuthMethod: c.tokenEndpointAuthMethod ?? existing.tokenEndpointAuthMethod,
          jwks: c.jwks ?? existing.jwks,
          redirectUris: c.redirectUris,
          postLogoutRedirectUris: c.postLogoutRedirectUris,
          backchannelLogoutUri: c.backchannelLogoutUri ?? null,
          grantTypes: c.grantTypes,
          scopes: c.scopes,
          firstParty: c.firstParty,
          idTokenSignedResponseAlg: c.idTokenSignedResponseAlg,
          updatedAt: clock.now(),
        })
        .where(eq(clients.id, id))
        .returning();
      return row!;
    },

    /** Issues a new secret; the old one stops working at once. */
    async rotateSecret(id: string): Promise<string> {
      const existing = await this.get(id);
      if (!existing) throw new AppError(404, 'client.not_found', `No client ${id}.`);
      if (existing.type !== 'confidential' || !existing.tokenEndpointAuthMethod.startsWith('client_secret')) {
        throw new AppError(400, 'client.no_secret', `Client ${id} does not authenticate with a secret.`);
      }
      const secret = randomToken();
      await db
        .update(clients)
        .set({ secretHash: sha256(secret), updatedAt: clock.now() })
        .where(eq(clients.id, id));
      return secret;
    },

    async setDisabled(id: string, disabled: boolean): Promise<ClientRow> {
      const [row] = await db
        .update(clients)
        .set({ disabledAt: disabled ? clock.now() : null, updatedAt: clock.now() })
        .where(eq(clients.id, id))
        .returning();
      if (!row) throw new AppError(404, 'client.not_found', `No client ${id}.`);
      return row;
    },
  };
}

export type Clients = ReturnType<typeof createClients>;
