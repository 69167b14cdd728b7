import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts, sessions } from '../db/schema.js';

/** The OpenID Connect provider's own schema: keys, clients, codes, grants, tokens and consents. */
export const oidc = pgSchema('oidc');

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const signingAlgorithms = ['RS256', 'ES256'] as const;
export type SigningAlgorithm = (typeof signingAlgorithms)[number];

/**
 * Signing keys. A key is published in the JWKS from `created_at`, signs from `activates_at` (after clients
 * have had time to fetch it), stops signing at `retired_at`, and leaves the JWKS once every token it signed has
 * expired (`retired_at` + the longest token lifetime).
 */
export const signingKeys = oidc.table('signing_keys', {
  kid: text('kid').primaryKey(),
  alg: text('alg', { enum: signingAlgorithms }).notNull(),
  publicJwk: jsonb('public_jwk').$type<Record<string, unknown>>().notNull(),
  /** The private JWK, AES-256-GCM encrypted with the key-encryption key (never stored in clear). */
  privateJwkEncrypted: text('private_jwk_encrypted').notNull(),
  createdAt: timestamptz('created_at').notNull(),
  activatesAt: timestamptz('activates_at').notNull(),
  retiredAt: timestamptz('retired_at'),
});

export const clientTypes = ['confidential', 'public'] as const;
export type ClientType = (typeof clientTypes)[number];
export const authMethods = ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'] as const;
export type ClientAuthMethod = (typeof authMethods)[number];
export const grantTypes = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
export type GrantType = (typeof grantTypes)[number];

export const clients = oidc.table('clients', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  type: text('type', { enum: clientTypes }).notNull(),
  tokenEndpointAuthMethod: text('token_endpoint_auth_method', { enum: authMethods }).notNull(),
  /** Public keys for `private_key_jwt`. */
  jwks: jsonb('jwks').$type<{ keys: Record<string, unknown>[] }>(),
  redirectUris: text('redirect_uris').array().notNull(),
  postLogoutRedirectUris: text('post_logout_redirect_uris').array().notNull(),
  backchannelLogoutUri: text('backchannel_logout_uri'),
  grantTypes: text('grant_types').array().$type<GrantType[]>().notNull(),
  scopes: text('scopes').array().notNull(),
  firstParty: boolean('first_party').notNull().default(false),
  idTokenSignedResponseAlg: text('id_token_signed_response_alg', { enum: signingAlgorithms })
    .notNull()
    .default('RS256'),
  /** What the access tokens this client gets are signed with (Keycloak's "access token signature algorithm"). */
  accessTokenSignedResponseAlg: text('access_token_signed_response_alg', { enum: signingAlgorithms })
    .notNull()
    .default('RS256'),
  createdAt: timestamptz('created_at').notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
  disabledAt: timestamptz('disabled_at'),
});

/**
 * A client's secrets: SHA-256 only (secrets are 256-bit random, so a fast hash is enough). The current one has
 * no `expires_at`; a rotation gives the one it replaces an end (the overlap grace), so a service keeps signing
 * users in while its operator deploys the new secret. At most two are live at once.
 */
export const clientSecrets = oidc.table(
  'client_secrets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    secretHash: text('secret_hash').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    expiresAt: timestamptz('expires_at'),
  },
  (t) => [
    index('client_secrets_client_idx').on(t.clientId),
    uniqueIndex('client_secrets_current_idx').on(t.clientId).where(sql`${t.expiresAt} is null`),
  ],
);

/**
 * An authorization request waiting for the user (sign-in, consent). The portal's pages continue it by id.
 */
export const interactions = oidc.table('interactions', {
  id: text('id').primaryKey(),
  clientId: text('client_id')
    .notNull()
    .references(() => clients.id, { onDelete: 'cascade' }),
  params: jsonb('params').$type<Record<string, string>>().notNull(),
  /**
   * SHA-256 of the binding cookie of the browser that started the interaction: only that browser may resume it
   * or answer its consent, so a leaked resume URL can't be replayed elsewhere. Null (rows from before) never
   * matches.
   */
  browserHash: text('browser_hash'),
  createdAt: timestamptz('created_at').notNull(),
  expiresAt: timestamptz('expires_at').notNull(),
});

/**
 * One authorization of a client by a user within a hub session: the family that its code, refresh tokens and
 * access tokens belong to. Revoking it revokes them all.
 */
export const grants = oidc.table(
  'grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id').references(() => sessions.id, { onDelete: 'set null' }),
    scope: text('scope').notNull(),
    authTime: timestamptz('auth_time'),
    acr: text('acr'),
    amr: text('amr').array(),
    nonce: text('nonce'),
    createdAt: timestamptz('created_at').notNull(),
    revokedAt: timestamptz('revoked_at'),
    revokedReason: text('revoked_reason'),
  },
  (t) => [index('grants_session_idx').on(t.sessionId), index('grants_account_idx').on(t.accountId)],
);

export const authorizationCodes = oidc.table('authorization_codes', {
  codeHash: text('code_hash').primaryKey(),
  grantId: uuid('grant_id')
    .notNull()
    .references(() => grants.id, { onDelete: 'cascade' }),
  clientId: text('client_id').notNull(),
  redirectUri: text('redirect_uri').notNull(),
  codeChallenge: text('code_challenge').notNull(),
  expiresAt: timestamptz('expires_at').notNull(),
  usedAt: timestamptz('used_at'),
});

export const refreshTokens = oidc.table(
  'refresh_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => grants.id, { onDelete: 'cascade' }),
    scope: text('scope').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    /** Set when the token is exchanged (rotation); presenting it again revokes the whole grant. */
    usedAt: timestamptz('used_at'),
  },
  (t) => [index('refresh_tokens_grant_idx').on(t.grantId)],
);

/** Access tokens revoked before their expiry (RFC 7009), kept until they would have expired. */
export const revokedAccessTokens = oidc.table('revoked_access_tokens', {
  jti: text('jti').primaryKey(),
  expiresAt: timestamptz('expires_at').notNull(),
});

/** `private_key_jwt` assertions already used (their `jti`), kept until they expire: each is single-use. */
export const usedClientAssertions = oidc.table('used_client_assertions', {
  jti: text('jti').primaryKey(),
  expiresAt: timestamptz('expires_at').notNull(),
});

export const consents = oidc.table(
  'consents',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    clientId: text('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    scopes: text('scopes').array().notNull(),
    grantedAt: timestamptz('granted_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.clientId] })],
);

export const oidcSchema = {
  signingKeys,
  clients,
  clientSecrets,
  interactions,
  grants,
  authorizationCodes,
  refreshTokens,
  revokedAccessTokens,
  usedClientAssertions,
  consents,
};
export type ClientRow = typeof clients.$inferSelect;
export type ClientSecretRow = typeof clientSecrets.$inferSelect;
export type GrantRow = typeof grants.$inferSelect;
