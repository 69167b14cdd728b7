import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts, identity } from '../db/schema.js';

const bytea = customType<{ data: Buffer; driverData: Uint8Array | Buffer }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const deviceTypes = ['singleDevice', 'multiDevice'] as const;

/** A WebAuthn credential (passkey) registered to an account. A credential id belongs to one account only. */
export const passkeys = identity.table(
  'passkeys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** The credential id, base64url; unique across every account. */
    credentialId: text('credential_id').notNull().unique(),
    /** COSE public key. */
    publicKey: bytea('public_key').notNull(),
    /** The authenticator's signature counter as last seen; 0 for authenticators that don't count. */
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: text('transports').array().notNull().default(sql`'{}'::text[]`),
    /** `multiDevice` when the credential may be synced (backup eligible). */
    deviceType: text('device_type', { enum: deviceTypes }).notNull(),
    /** Backed up (synced) as of the last ceremony. */
    backedUp: boolean('backed_up').notNull(),
    /** The authenticator model's AAGUID (all zeros when it doesn't say). */
    aaguid: text('aaguid').notNull(),
    name: text('name').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    lastUsedAt: timestamptz('last_used_at'),
  },
  (t) => [index('passkeys_account_idx').on(t.accountId)],
);

export const challengePurposes = ['register', 'second_factor', 'passwordless', 'step_up'] as const;
export type ChallengePurpose = (typeof challengePurposes)[number];

/**
 * Outstanding WebAuthn challenges: random, single use, expiring, and bound to whatever asked for them (a session,
 * a pending sign-in, or a browser's passwordless ceremony cookie), stored as the SHA-256 of that binding.
 */
export const webauthnChallenges = identity.table(
  'webauthn_challenges',
  {
    /** base64url of 32 random bytes. */
    challenge: text('challenge').primaryKey(),
    purpose: text('purpose', { enum: challengePurposes }).notNull(),
    binding: text('binding').notNull(),
    /** The account the ceremony is for; null for a passwordless sign-in, which learns it from the credential. */
    accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: timestamptz('created_at').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    usedAt: timestamptz('used_at'),
  },
  (t) => [index('webauthn_challenges_expires_idx').on(t.expiresAt)],
);

/**
 * A sign-in whose first factor (the password) succeeded and that waits for the second (a passkey, or a recovery
 * code). The browser holds a random token in a cookie; only its SHA-256 is stored.
 */
export const pendingSignIns = identity.table(
  'pending_sign_ins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** The `amr` values earned so far, e.g. `['pwd']`. */
    methods: text('methods').array().notNull(),
    createdAt: timestamptz('created_at').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    usedAt: timestamptz('used_at'),
  },
  (t) => [index('pending_sign_ins_expires_idx').on(t.expiresAt)],
);

/** One-time recovery codes, argon2id-hashed; a used code keeps its row with `used_at` set. */
export const recoveryCodes = identity.table(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    usedAt: timestamptz('used_at'),
  },
  (t) => [index('recovery_codes_account_idx').on(t.accountId)],
);

export const passkeySchema = { passkeys, webauthnChallenges, pendingSignIns, recoveryCodes };

export type PasskeyRow = typeof passkeys.$inferSelect;
