/**
 * Accounts as they cross a process: the owner's own view (portal), and the public view a service may read of any
 * account (`/api/v1/accounts`, also what ID tokens with `profile` carry), with the badges shown beside a name.
 */
import { z } from 'zod';

/** The languages the hub writes to an account in (mail, the portal), by BCP 47 tag. */
export const ACCOUNT_LOCALES = ['en', 'zh-CN'] as const;
export type AccountLocale = (typeof ACCOUNT_LOCALES)[number];

const instant = z.string().describe('ISO 8601 date-time');

/** Longer passwords are refused before hashing (argon2 on megabytes is a denial of service). */
export const PASSWORD_MAX_LENGTH = 256;

/** Handles: 3–32 characters, a letter first, then letters, digits, `_`, `.` or `-`. Compared case-insensitively. */
export const handleSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, 'Use 3–32 letters, digits, _ . or -, starting with a letter.');
export const displayNameSchema = z.string().trim().min(1).max(64);
export const emailSchema = z.email().max(254);
/** Length and common-password rules are checked by the hub's password policy, with their own error codes. */
export const passwordSchema = z.string().max(PASSWORD_MAX_LENGTH);
export const bioSchema = z.string().max(280);
/** A birthday, `YYYY-MM-DD`, between 1900-01-01 and today. */
export const birthdaySchema = z.iso
  .date()
  .refine((day) => day >= '1900-01-01' && day <= new Date().toISOString().slice(0, 10), {
    message: 'A birthday between 1900 and today.',
  });
/** Where the account says it is: free text (a city, a region), at most 60 characters. */
export const locationSchema = z.string().trim().max(60);
/** The genders a profile may state; no statement is `null`. */
export const GENDERS = ['female', 'male', 'other'] as const;
export const genderSchema = z.enum(GENDERS);
export type Gender = (typeof GENDERS)[number];
/** The languages the hub writes mail in: the portal's. */
export const localeSchema = z.enum(ACCOUNT_LOCALES);
/** An email field a form may leave empty: `''` and `null` both mean none. */
const optionalEmail = z.union([emailSchema, z.literal(''), z.null()]).optional();

/** `POST /api/accounts` (and the first admin's `POST /api/setup`, with its token). */
export const signUpBody = z.object({
  handle: handleSchema,
  displayName: displayNameSchema,
  email: optionalEmail.transform((v) => v || null),
  password: passwordSchema,
  /** The portal's language when the account was made: the language of its mail. */
  locale: localeSchema.optional(),
});
export type SignUpInput = z.input<typeof signUpBody>;

/** `PATCH /api/me`: any of these; a new email waits for its verification link. */
export const profilePatch = z
  .object({
    displayName: displayNameSchema.optional(),
    bio: bioSchema.optional(),
    /** `null` clears it. */
    birthday: birthdaySchema.nullable().optional(),
    location: locationSchema.optional(),
    /** `null` clears it. */
    gender: genderSchema.nullable().optional(),
    locale: localeSchema.optional(),
    email: optionalEmail.transform((v) => (v === '' ? null : v)),
  })
  .strict();
export type ProfilePatch = z.input<typeof profilePatch>;

/** `POST /api/me/password`. */
export const passwordChange = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: passwordSchema,
});

/** An Orbit account as the hub shows it to its owner. */
export const accountView = z
  .object({
    id: z.uuid(),
    /** 5–10 digits, like a QQ number; one of the three ways to sign in. */
    accountNumber: z.string().describe('5–10 digits; one of the three ways to sign in.'),
    handle: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    /** Whether the owner confirmed `email` through the link sent to it; only a verified address signs in. */
    emailVerified: z.boolean(),
    /** An address waiting for its verification link; it replaces `email` once verified. */
    pendingEmail: z.string().nullable(),
    bio: z.string(),
    /** `YYYY-MM-DD`, or null when not given. */
    birthday: z.string().nullable(),
    location: z.string(),
    gender: genderSchema.nullable(),
    avatarUrl: z.string().nullable(),
    /** The account's roles, sorted: hub roles (`admin`, `support`) and service roles (`news.editor`). */
    roles: z.array(z.string()),
    /** The language the hub writes mail to the account in. */
    locale: z.enum(ACCOUNT_LOCALES),
    createdAt: instant,
  })
  .meta({ id: 'Account', description: 'An Orbit account as the hub shows it to its owner.' });
export type AccountView = z.infer<typeof accountView>;

/** The levels an account shows beside its name (docs/membership.md, "Badges"). */
export const badges = z
  .object({
    /** 1–8 while a member, else 0. */
    vipLevel: z.number().int().min(0),
    /** From the days the account signed in (docs/membership.md, "Activity level"). */
    activityLevel: z.number().int().min(0),
  })
  .meta({ id: 'Badges', description: 'The levels an account shows beside its name.' });
export type Badges = z.infer<typeof badges>;

/** What a service may know about any account: the same profile an ID token with `profile` carries. */
export const publicAccount = z
  .object({
    sub: z.uuid(),
    accountNumber: z.string(),
    handle: z.string(),
    displayName: z.string(),
    /** The avatar's absolute URL, or null without one. */
    picture: z.string().nullable(),
    /** Null when the account turned its badges off. */
    badges: badges.nullable(),
  })
  .meta({ id: 'PublicAccount', description: 'An account as the hub shows it to services.' });
export type PublicAccount = z.infer<typeof publicAccount>;

/** At most this many accounts per service-API request. */
export const MAX_ACCOUNT_BATCH = 100;

/** `POST /api/v1/accounts/lookup`: account numbers or handles, kept as given (the answer is keyed by them). */
export const accountLookupBody = z
  .object({ identifiers: z.array(z.string().min(1).max(254)).min(1).max(MAX_ACCOUNT_BATCH) })
  .strict();
export const accountLookupAnswer = z.object({
  /** Found accounts, by the identifier the service sent. */
  accounts: z.record(z.string(), publicAccount),
  /** Identifiers that name no account. */
  unknown: z.array(z.string()),
});
export type AccountLookup = z.infer<typeof accountLookupAnswer>;

/** `POST /api/v1/accounts/profiles`: accounts by `sub`; unknown ones are left out. */
export const accountProfilesBody = z
  .object({ subs: z.array(z.uuid()).min(1).max(MAX_ACCOUNT_BATCH) })
  .strict();
export const accountProfilesAnswer = z.object({ accounts: z.array(publicAccount) });

/** What an account is entitled to in one service (`GET /api/v1/entitlements/:sub`, docs/membership.md). */
export const entitlements = z
  .object({
    sub: z.uuid(),
    /** Membership tiers the account holds (an SVIP holds VIP too). */
    tiers: z.array(z.string()),
    /** 1–8 from growth while the account holds a live membership, else 0. */
    vipLevel: z.number().int().min(0),
    /** From the days the account signed in. */
    activityLevel: z.number().int().min(0),
    /** Perk values that differ from the manifest's defaults, by perk key (`mail.quota_mb`). */
    perks: z.record(z.string(), z.union([z.boolean(), z.number()])),
  })
  .meta({ id: 'Entitlements', description: 'What an account is entitled to in one service.' });
export type Entitlements = z.infer<typeof entitlements>;

/** A service's launcher badge answer (`GET <badge URL>` with a hub-signed badge token): a count to show. */
export const badgeAnswer = z
  .object({ count: z.number().int().min(0) })
  .meta({ id: 'BadgeCount', description: 'A service’s launcher badge: the count to show (unread mail…).' });
export type BadgeAnswer = z.infer<typeof badgeAnswer>;
