import { randomBytes } from 'node:crypto';
import type { Listen } from '@orbit/db';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../../clock.js';
import { AppError } from '../../http/errors.js';
import { zodProblems } from '../../http/validate.js';
import type { IdentityDb, Queryable } from '../../kernel/db.js';
import {
  authMethods,
  type ClientRow,
  clientSecrets,
  clients,
  grantTypes,
  signingAlgorithms,
} from '../schema.js';
import { type ClientCache, clientsWritten } from './cache.js';
import { createClientSecrets, graceHoursOf, matchesLive, type Rotation, type SecretView } from './secrets.js';

/**
 * The scopes of the hub's service API (`/api/v1`): only for `client_credentials` tokens, never asked of a user
 * at the authorization endpoint.
 */
export const HUB_API_SCOPES = [
  'accounts:read',
  'accounts:locale',
  'entitlements:read',
  'social:read',
  'notifications:write',
] as const;

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
const redirectUri = z
  .string()
  .max(2048)
  .refine(
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

/** JWK members that only a private or secret key has (RFC 7518 §6.2.2, §6.3.2, §6.4.1). */
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** One of the client's public keys: never its private half, never a shared secret. */
const publicJwk = z
  .record(z.string(), z.unknown())
  .refine((jwk) => typeof jwk.kty === 'string' && jwk.kty !== 'oct', {
    message: 'must be a public key (kty RSA, EC or OKP)',
  })
  .refine((jwk) => !PRIVATE_JWK_MEMBERS.some((member) => member in jwk), {
    message: 'holds a private key; give only the public keys',
  });

export const clientInput = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_.-]{1,63}$/, 'lower-case letters, digits, _ . -; 2–64 characters')
      .optional(),
    name: z.string().trim().min(1).max(100),
    type: z.enum(['confidential', 'public']).default('confidential'),
    tokenEndpointAuthMethod: z.enum(authMethods).optional(),
    jwks: z.object({ keys: z.array(publicJwk).min(1).max(20) }).optional(),
    redirectUris: z.array(redirectUri).max(50).default([]),
    postLogoutRedirectUris: z.array(redirectUri).max(50).default([]),
    backchannelLogoutUri: redirectUri.optional(),
    grantTypes: z.array(z.enum(grantTypes)).min(1).default(['authorization_code', 'refresh_token']),
    scopes: z.array(z.enum(KNOWN_SCOPES)).default(['openid', 'profile', 'email', 'offline_access']),
    firstParty: z.boolean().default(false),
    idTokenSignedResponseAlg: z.enum(signingAlgorithms).default('RS256'),
    accessTokenSignedResponseAlg: z.enum(signingAlgorithms).default('RS256'),
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
  accessTokenSignedResponseAlg: string;
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
    accessTokenSignedResponseAlg: row.accessTokenSignedResponseAlg,
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

/** The settings of a registration (what `update` replaces): everything but its id and type. */
export type ClientSettingsInput = Omit<ClientInput, 'id' | 'type'>;

/** A registration as it stands, in the registry's input shape (to merge a partial change into). */
export function settingsOf(row: ClientRow): ClientSettingsInput {
  return {
    name: row.name,
    tokenEndpointAuthMethod: row.tokenEndpointAuthMethod,
    ...(row.jwks ? { jwks: row.jwks } : {}),
    redirectUris: row.redirectUris,
    postLogoutRedirectUris: row.postLogoutRedirectUris,
    ...(row.backchannelLogoutUri ? { backchannelLogoutUri: row.backchannelLogoutUri } : {}),
    grantTypes: row.grantTypes,
    scopes: row.scopes as ClientSettingsInput['scopes'],
    firstParty: row.firstParty,
    idTokenSignedResponseAlg: row.idTokenSignedResponseAlg,
    accessTokenSignedResponseAlg: row.accessTokenSignedResponseAlg,
  };
}

/** Whether a client authenticates with a secret we issue (so has secrets to rotate). */
export const usesSecret = (row: Pick<ClientRow, 'type' | 'tokenEndpointAuthMethod'>) =>
  row.type === 'confidential' && row.tokenEndpointAuthMethod.startsWith('client_secret');

/** The database, or an open transaction (whose nested `transaction` is a savepoint). */
export type ClientsDb = Queryable & Pick<IdentityDb, 'transaction'>;

/**
 * The registry of OAuth clients (services and third-party apps). Built on the database, or on an open
 * transaction (`createClients({ db: tx, clock })`) when a client changes together with other rows.
 */
export function createClients({
  db,
  clock,
  cache,
}: {
  db: ClientsDb;
  clock: Clock;
  /** The hub's client cache (oidc/module.ts); reads go to the database without one. */
  cache?: ClientCache;
}) {
  const notFound = (id: string) => new AppError(404, 'client.not_found', `No client ${id}.`);

  async function lockedRow(q: Queryable, id: string): Promise<ClientRow> {
    const [row] = await q.select().from(clients).where(eq(clients.id, id)).for('update');
    if (!row) throw notFound(id);
    return row;
  }

  return {
    /** Registers a client; answers its secret once (only its hash is kept). */
    async create(input: ClientInput): Promise<{ client: ClientRow; clientSecret: string | undefined }> {
      clientsWritten();
      const c = parseInput(clientInput, input);
      const method = c.tokenEndpointAuthMethod ?? (c.type === 'public' ? 'none' : 'client_secret_basic');
      const now = clock.now();
      return db.transaction(async (tx) => {
        const [client] = await tx
          .insert(clients)
          .values({
            id: c.id ?? `c_${randomBytes(8).toString('hex')}`,
            name: c.name,
            type: c.type,
            tokenEndpointAuthMethod: method,
            jwks: c.jwks ?? null,
            redirectUris: c.redirectUris,
            postLogoutRedirectUris: c.postLogoutRedirectUris,
            backchannelLogoutUri: c.backchannelLogoutUri ?? null,
            grantTypes: c.grantTypes,
            scopes: c.scopes,
            firstParty: c.firstParty,
            idTokenSignedResponseAlg: c.idTokenSignedResponseAlg,
            accessTokenSignedResponseAlg: c.accessTokenSignedResponseAlg,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing({ target: clients.id })
          .returning();
        if (!client) throw new AppError(409, 'client.exists', `A client with id ${c.id} exists already.`);
        const clientSecret = usesSecret(client)
          ? await createClientSecrets({ db: tx, clock }).issue(client.id)
          : undefined;
        return { client, clientSecret };
      });
    },

    /** A client's registration; from the cache while the hub watches for changes (`watch`). */
    get(id: string): Promise<ClientRow | undefined> {
      const load = async () => (await db.select().from(clients).where(eq(clients.id, id)))[0];
      return cache ? cache.client(id, load) : load();
    },

    /**
     * Keeps registrations and secret hashes in memory from now on, emptied on every change notified by the
     * database (see oidc/clients/cache.ts). Without a cache, or before this, every read is a query.
     */
    async watch(listen: Listen): Promise<void> {
      await cache?.watch(listen);
    },

    async unwatch(): Promise<void> {
      await cache?.unwatch();
    },

    list(): Promise<ClientRow[]> {
      return db.select().from(clients).orderBy(asc(clients.createdAt));
    },

    /**
     * Replaces the registration's settings (not its id, type or secret), through the same rules as a new
     * registration. A client that stops using a secret loses its secrets (nothing could use them).
     */
    async update(id: string, input: ClientSettingsInput): Promise<ClientRow> {
      clientsWritten();
      return db.transaction(async (tx) => {
        const existing = await lockedRow(tx, id);
        const c = parseInput(clientInput, { ...input, type: existing.type });
        const [row] = await tx
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
            accessTokenSignedResponseAlg: c.accessTokenSignedResponseAlg,
            updatedAt: clock.now(),
          })
          .where(eq(clients.id, id))
          .returning();
        if (!usesSecret(row!)) await tx.delete(clientSecrets).where(eq(clientSecrets.clientId, id));
        return row!;
      });
    },

    /**
     * Issues a new secret. The one it replaces keeps working for `graceHours` (default 24; 0 ends it at once);
     * an older one still in its grace ends now. Answers the new secret (shown once) and when the old one ends.
     */
    async rotateSecret(id: string, graceHours?: number): Promise<Rotation> {
      clientsWritten();
      const grace = graceHoursOf(graceHours);
      return db.transaction(async (tx) => {
        const existing = await lockedRow(tx, id);
        if (!usesSecret(existing)) {
          throw new AppError(400, 'client.no_secret', `Client ${id} does not authenticate with a secret.`);
        }
        const rotation = await createClientSecrets({ db: tx, clock }).rotate(id, grace);
        await tx.update(clients).set({ updatedAt: clock.now() }).where(eq(clients.id, id));
        return rotation;
      });
    },

    /** Whether `secret` is one of the client's live secrets (current, or a replaced one in its grace). */
    async secretMatches(id: string, secret: string): Promise<boolean> {
      const stored = createClientSecrets({ db, clock });
      if (!cache) return stored.matches(id, secret);
      return matchesLive(await cache.secrets(id, () => stored.all(id)), secret, clock.now());
    },

    /** The client's live secrets (never the secrets themselves), current first. */
    secrets(id: string): Promise<SecretView[]> {
      return createClientSecrets({ db, clock }).list(id);
    },

    async setDisabled(id: string, disabled: boolean): Promise<ClientRow> {
      clientsWritten();
      const [row] = await db
        .update(clients)
        .set({ disabledAt: disabled ? clock.now() : null, updatedAt: clock.now() })
        .where(eq(clients.id, id))
        .returning();
      if (!row) throw notFound(id);
      return row;
    },

    /** Deletes a client with its secrets, grants, consents and interactions (by the tables' cascades). */
    async remove(id: string): Promise<ClientRow> {
      clientsWritten();
      const [row] = await db.delete(clients).where(eq(clients.id, id)).returning();
      if (!row) throw notFound(id);
      return row;
    },
  };
}

export type Clients = ReturnType<typeof createClients>;
