import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  pgSchema,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Everything the hub knows about accounts and sign-in lives in the `identity` schema. */
export const identity = pgSchema('identity');

/** A `bytea` column as a Buffer (both drivers). */
export const bytea = customType<{ data: Buffer; driverData: Uint8Array | Buffer }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The languages the hub writes to people in (email); the portal's languages. */
export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];

export const accounts = identity.table(
  'accounts',
  {
    /** Immutable internal id; the OIDC `sub`. */
    id: uuid('id').primaryKey().defaultRandom(),
    /** The QQ-style account number users sign in with: 5 to 10 digits, drawn at random. */
    accountNumber: bigint('account_number', { mode: 'number' }).notNull().unique(),
    /** Lower-case; unique. */
    handle: text('handle').notNull().unique(),
    displayName: text('display_name').notNull(),
    /** The account's address (unique); a sign-up or change puts it here only once verified (`pendingEmail`). */
    email: text('email'),
    /**
     * An address waiting for its verification link (sign-up, or a change): it takes the place of `email` only when
     * verified. Not unique: a sign-up with another account's address holds it here, where it can never be verified.
     */
    pendingEmail: text('pending_email'),
    /** When the owner confirmed `email` through its link; null while unverified (no mail but verification goes there). */
    emailVerifiedAt: timestamptz('email_verified_at'),
    /** The language the hub's email to this account is written in; set at sign-up from the portal's language. */
    locale: text('locale', { enum: locales }).notNull().default('en'),
    bio: text('bio').notNull().default(''),
    /** The owner's birthday, as they state it (who sees it: the social module's profile visibility). */
    birthday: date('birthday', { mode: 'string' }),
    /** Where the owner says they are: free text. */
    location: text('location').notNull().default(''),
    gender: text('gender', { enum: ['female', 'male', 'other'] }),
    /** argon2id PHC string. */
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: timestamptz('password_changed_at').notNull(),
    avatarUpdatedAt: timestamptz('avatar_updated_at'),
    /** When the user dismissed the notice that a recovery code was used. */
    recoveryNoticeSeenAt: timestamptz('recovery_notice_seen_at'),
    /** IANA time zone that decides what a "day" is for this account (growth, active days). */
    timeZone: text('time_zone').notNull().default('UTC'),
    /** Whether services may show the account's VIP and activity badges next to its name. */
    showBadges: boolean('show_badges').notNull().default(true),
    /** When staff locked the account (no sign-in of any kind until unlocked); null while it isn't locked. */
    lockedAt: timestamptz('locked_at'),
    /** Why it was locked (1–500 characters), shown to staff and in the owner's security log. */
    lockedReason: text('locked_reason'),
    /** The staff account that locked it; null when unlocked, locked from the CLI, or that account is gone. */
    lockedBy: uuid('locked_by').references((): AnyPgColumn => accounts.id, { onDelete: 'set null' }),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('accounts_email_lower_key').on(sql`lower(${t.email})`),
    // The console's account list, newest first (admin/accounts/listing.ts), and its "locked" filter.
    index('accounts_created_idx').on(sql`${t.createdAt} desc`, sql`${t.id} desc`),
    index('accounts_locked_idx').on(t.lockedAt).where(sql`${t.lockedAt} is not null`),
    check('accounts_lock_has_reason', sql`(${t.lockedAt} is null) = (${t.lockedReason} is null)`),
    check('accounts_gender_check', sql`${t.gender} IN ('female', 'male', 'other')`),
  ],
);

export const avatars = identity.table('avatars', {
  accountId: uuid('account_id')
    .primaryKey()
    .references(() => accounts.id, { onDelete: 'cascade' }),
  contentType: text('content_type').notNull(),
  data: bytea('data').notNull(),
});

export const sessions = identity.table(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** SHA-256 of the cookie's random token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    /** How the session was authenticated (RFC 8176 `amr` values), e.g. `['pwd']`. */
    authMethods: text('auth_methods').array().notNull(),
    /** When the user last authenticated in this session: the sign-in, or a later step-up. */
    authTime: timestamptz('auth_time').notNull(),
    /** The last passkey assertion in this session (sign-in or step-up); null when none was made. */
    passkeyAt: timestamptz('passkey_at'),
    /**
     * When the password was last entered in this session (a password sign-in or sign-up, a re-authentication,
     * a password change); null when it never was (a passkey sign-in). Adding a first passkey needs it recent.
     */
    passwordAt: timestamptz('password_at'),
    userAgent: text('user_agent').notNull().default(''),
    ip: text('ip'),
    createdAt: timestamptz('created_at').notNull(),
    lastSeenAt: timestamptz('last_seen_at').notNull(),
    /** Absolute end of the session, whatever its activity. */
    expiresAt: timestamptz('expires_at').notNull(),
    revokedAt: timestamptz('revoked_at'),
    /**
     * Set once the end of the session (revoked, or expired by the idle or absolute timeout) has been turned
     * into back-channel logout deliveries for every client that got tokens in it.
     */
    logoutNotifiedAt: timestamptz('logout_notified_at'),
  },
  (t) => [
    index('sessions_account_idx').on(t.accountId),
    index('sessions_logout_pending_idx').on(t.lastSeenAt).where(sql`${t.logoutNotifiedAt} is null`),
  ],
);

/** Failed sign-ins per key (`account:<id>`, `identifier:<text>`, `ip:<address>`), shared by every instance. */
export const signInThrottles = identity.table('sign_in_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStartedAt: timestamptz('window_started_at').notNull(),
  lockedUntil: timestamptz('locked_until'),
});

/** One-time links that create the first admin. */
export const setupTokens = identity.table('setup_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamptz('created_at').notNull(),
  expiresAt: timestamptz('expires_at').notNull(),
  usedAt: timestamptz('used_at'),
});

export const identitySchema = { accounts, avatars, sessions, signInThrottles, setupTokens };

export type AccountRow = typeof accounts.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
