/**
 * The staff console's views and inputs (docs/admin-console.md, docs/roles-and-audit.md, docs/clients.md): the
 * accounts list, an account's page and the writes on it, the roles an account can be given, the audit log, and
 * OIDC clients. The hub types its answers by these schemas; the portal reads the same types. Zod only.
 */
import { z } from 'zod';
import { bioSchema, displayNameSchema, emailSchema, handleSchema, localeSchema } from './accounts.js';
import { HUB_SCOPES, USER_SCOPES } from './manifest.js';

const instant = z.string().describe('ISO 8601');

// ——— Accounts ———

/** `active`, or locked by staff (it can't sign in anywhere until unlocked). */
export const ACCOUNT_STATUSES = ['active', 'locked'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** The list's status filter: `unverified` lists accounts whose email is not verified, locked or not. */
export const ACCOUNT_STATUS_FILTERS = ['active', 'locked', 'unverified'] as const;
export type AccountStatusFilter = (typeof ACCOUNT_STATUS_FILTERS)[number];

/** A page of the accounts list holds this many unless asked, and at most this many. */
export const ACCOUNT_LIST_LIMIT_DEFAULT = 50;
export const ACCOUNT_LIST_LIMIT_MAX = 100;
/** A lock, unlock or deletion says why, in at most this many characters. */
export const ACCOUNT_REASON_MAX = 500;

/** An account as the console lists it (`GET /api/admin/accounts`). */
export const adminAccountSummary = z
  .object({
    id: z.string(),
    accountNumber: z.string(),
    handle: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    emailVerified: z.boolean(),
    /** Hub roles (`admin`, `support`) and service roles (`news.editor`), sorted. */
    roles: z.array(z.string()),
    status: z.enum(ACCOUNT_STATUSES),
    lockedReason: z.string().nullable(),
    /** The account's best live membership: a platform tier before a service's, then the highest rank. */
    membership: z.object({ tierId: z.string(), tierName: z.string() }).nullable(),
    passkeyCount: z.number().int(),
    createdAt: instant,
    /** When a hub session last started for it (a sign-in, or its sign-up). */
    lastSignInAt: instant.nullable(),
  })
  .meta({ id: 'AdminAccountSummary' });
export type AdminAccountSummary = z.infer<typeof adminAccountSummary>;

/** `GET /api/admin/accounts`: a page, newest first (best match first when searching). */
export const adminAccountPage = z.object({
  accounts: z.array(adminAccountSummary),
  /** Asks for the next page; null on the last one. */
  nextCursor: z.string().nullable(),
  /** How many accounts match the filters, on every page. */
  total: z.number().int(),
});
export type AdminAccountPage = z.infer<typeof adminAccountPage>;

/** One of the account's passkeys, as staff see it (never its key). */
export const adminPasskey = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: instant,
  lastUsedAt: instant.nullable(),
});
export type AdminPasskey = z.infer<typeof adminPasskey>;

/** An account's page in the console (`GET /api/admin/accounts/:id`): the summary, profile and protection. */
export const adminAccountDetail = adminAccountSummary
  .extend({
    /** An address waiting for its verification link. */
    pendingEmail: z.string().nullable(),
    bio: z.string(),
    avatarUrl: z.string().nullable(),
    locale: localeSchema,
    timeZone: z.string(),
    passkeys: z.array(adminPasskey),
    recoveryCodesLeft: z.number().int(),
    /** Live sessions (signed in now, on any device). */
    sessions: z.number().int(),
    lockedAt: instant.nullable(),
    /** Who locked it: `@handle`, or a null label when the lock came from the CLI or they are gone. */
    lockedBy: z.object({ accountId: z.string().nullable(), label: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'AdminAccountDetail' });
export type AdminAccountDetail = z.infer<typeof adminAccountDetail>;

/** A write's answer: the account's page as it is now, with what the write did. */
export const adminAccountAnswer = z.object({ account: adminAccountDetail });
export const lockedAnswer = adminAccountAnswer.extend({
  sessionsEnded: z.number().int(),
  grantsRevoked: z.number().int(),
});
export const unlockedAnswer = adminAccountAnswer.extend({
  wasLocked: z.boolean(),
  throttleCleared: z.boolean(),
});
export const sessionsRevokedAnswer = adminAccountAnswer.extend({ sessionsEnded: z.number().int() });
export const passkeyRemovedAnswer = adminAccountAnswer.extend({
  /** The last passkey went: passkey protection is off and the recovery codes are gone. */
  protectionOff: z.boolean(),
});
export const recoveryCodesResetAnswer = adminAccountAnswer.extend({ removed: z.number().int() });
/** `POST /api/admin/accounts/:id/password-reset`: where the link went, and until when it works. */
export const passwordResetSent = z.object({ email: z.string(), expiresAt: instant });
/** `POST /api/admin/accounts/:id/resend-verification`. */
export const verificationResent = z.object({ address: z.string(), expiresInHours: z.number() });
/** `DELETE /api/admin/accounts/:id`. */
/** A membership an account's deletion ended (unrefunded): what the member gave up. */
export const endedMembership = z.object({
  subscriptionId: z.string(),
  tierId: z.string(),
  source: z.enum(['purchase', 'complimentary']),
  /** Until when it was paid (or granted). */
  currentPeriodEnd: instant,
});
export const accountDeleted = z.object({
  deleted: z.literal(true),
  endedMemberships: z.array(endedMembership),
});

/** An empty query parameter (`?role=`) counts as absent. */
const blankAsAbsent = (v: unknown) => (v === '' ? undefined : v);
const optional = <S extends z.ZodType>(schema: S) => z.preprocess(blankAsAbsent, schema.optional());

/** A hub role (`admin`, `support`) or a service role (`news.editor`). */
export const ROLE_PATTERN = /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)?$/;

/** An instant (ISO 8601 with an offset), or a day (`YYYY-MM-DD`, UTC) taken from its start or to its end. */
const listInstant = (end: 'start' | 'end') =>
  optional(
    z.iso
      .datetime({ offset: true })
      .transform((value) => new Date(value))
      .or(
        z.iso
          .date()
          .transform((day) => new Date(`${day}T${end === 'start' ? '00:00:00.000' : '23:59:59.999'}Z`)),
      ),
  );

const accountFilterFields = {
  /** The account number exactly, or part of the handle, email or display name. */
  q: z.string().trim().max(320).default(''),
  role: optional(
    z
      .string()
      .trim()
      .max(100)
      .regex(ROLE_PATTERN, 'a hub role (admin, support) or a service role (news.editor)'),
  ),
  status: optional(z.enum(ACCOUNT_STATUS_FILTERS)),
  /** A tier id (a live membership in it), `any` (some live membership) or `none`. */
  membership: optional(
    z
      .string()
      .trim()
      .regex(/^(any|none|[a-z][a-z0-9-]{1,31})$/, 'a tier id, any or none'),
  ),
  createdFrom: listInstant('start'),
  createdTo: listInstant('end'),
};

const createdInOrder = (query: { createdFrom?: Date | undefined; createdTo?: Date | undefined }) =>
  !(query.createdFrom && query.createdTo) || query.createdFrom <= query.createdTo;
const createdOrderProblem = { path: ['createdTo'], message: 'must not be before createdFrom' };

/** `GET /api/admin/accounts?q=&role=&status=&membership=&createdFrom=&createdTo=&cursor=&limit=`. */
export const accountListQuery = z
  .object({
    ...accountFilterFields,
    cursor: optional(z.string().max(512)),
    limit: z.preprocess(
      blankAsAbsent,
      z.coerce.number().int().min(1).max(ACCOUNT_LIST_LIMIT_MAX).default(ACCOUNT_LIST_LIMIT_DEFAULT),
    ),
  })
  .refine(createdInOrder, createdOrderProblem);
export type AccountListQuery = z.input<typeof accountListQuery>;

/** `GET /api/admin/accounts.csv`: the list's filters, every matching account (up to the export's limit). */
export const accountExportQuery = z.object(accountFilterFields).refine(createdInOrder, createdOrderProblem);

/** A lock, unlock or deletion: why, for the audit log and the owner's security log. */
export const accountReasonInput = z
  .object({ reason: z.string().trim().min(1, 'Say why.').max(ACCOUNT_REASON_MAX) })
  .strict();

/** `POST /api/admin/accounts/:id/roles`. */
export const roleName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(ROLE_PATTERN, 'a hub role (admin, support) or a service role (news.editor)');
export const roleInput = z.object({ role: roleName }).strict();
/** A role grant or revocation answers the account's roles after it. */
export const accountRoles = z.object({ roles: z.array(z.string()) });

/** Text in both languages the console speaks. */
export const bilingualText = z.object({ en: z.string(), 'zh-CN': z.string() });
export type BilingualText = z.infer<typeof bilingualText>;

/** One role an admin may see in the console's role picker or on an account (`GET /api/admin/roles`). */
export const roleCatalogEntry = z.object({
  /** `admin`, `support`, or a service's `<serviceId>.<name>`. */
  role: z.string(),
  kind: z.enum(['hub', 'service']),
  serviceId: z.string().nullable(),
  label: bilingualText,
  description: bilingualText.nullable(),
  /** A service role still held by someone but no longer declared: revocable, not grantable, never in tokens. */
  retired: z.boolean(),
  /** How many accounts hold it. */
  holders: z.number().int(),
});
export type RoleCatalogEntry = z.infer<typeof roleCatalogEntry>;

// ——— Audit log ———

/** How an action reached the hub: the console, the hub's CLI, or the hub itself (a job). */
export const AUDIT_VIAS = ['console', 'cli', 'system'] as const;
export type AuditVia = (typeof AUDIT_VIAS)[number];
export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;

export const auditEntryView = z
  .object({
    id: z.number().int(),
    at: instant,
    actor: z.object({ accountId: z.string().nullable(), label: z.string(), via: z.enum(AUDIT_VIAS) }),
    /** Dotted: `account.locked`, `role.granted`, `client.secret_rotated`, … */
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string(), label: z.string().nullable() }).nullable(),
    /** What the action changed (never a secret), by action. */
    details: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    userAgent: z.string(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntryView = z.infer<typeof auditEntryView>;

/** `GET /api/admin/audit`: newest first; `nextBefore` asks for the next (older) page, null on the last. */
export const auditPage = z.object({
  entries: z.array(auditEntryView),
  nextBefore: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof auditPage>;

const optionalText = (max: number) => z.preprocess(blankAsAbsent, z.string().trim().max(max).optional());
const auditInstant = z.preprocess(
  blankAsAbsent,
  z.iso
    .datetime({ offset: true })
    .or(z.iso.date())
    .transform((value) => new Date(value))
    .optional(),
);

/** `GET /api/admin/audit?q=&actor=&action=&target=&from=&to=&before=&limit=`. */
export const auditQuery = z
  .object({
    /** Words in the action, the actor's name or the target's name or id. */
    q: optionalText(200),
    /** The acting account's id, or its label (`@handle`, an OS user for the CLI, `system`). */
    actor: optionalText(200),
    /** An action (`role.granted`), or every action under a prefix (`account.*`). */
    action: z.preprocess(
      blankAsAbsent,
      z
        .string()
        .trim()
        .regex(
          /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)*(\.\*)?$/,
          'an action like role.granted, or a prefix like account.*',
        )
        .max(100)
        .optional(),
    ),
    /** The target's id (an account, a service, a client…). */
    target: optionalText(200),
    from: auditInstant,
    to: auditInstant,
    before: z.preprocess(
      blankAsAbsent,
      z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
    ),
    limit: z.preprocess(
      blankAsAbsent,
      z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT),
    ),
  })
  .refine((query) => !(query.from && query.to) || query.from < query.to, {
    path: ['to'],
    message: 'must be after from',
  });

// ——— OIDC clients ———

export const CLIENT_AUTH_METHODS = [
  'client_secret_basic',
  'client_secret_post',
  'private_key_jwt',
  'none',
] as const;
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];
/** The grant types the console offers a client. */
export const CLIENT_GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
export type ClientGrantType = (typeof CLIENT_GRANT_TYPES)[number];
/** The scopes the console offers a client: the user scopes, then the hub API's. */
export const CLIENT_SCOPES = [...USER_SCOPES, ...HUB_SCOPES] as const;
export type ClientScope = (typeof CLIENT_SCOPES)[number];
export const ID_TOKEN_SIGNING_ALGORITHMS = ['RS256', 'ES256'] as const;
export type IdTokenSigningAlgorithm = (typeof ID_TOKEN_SIGNING_ALGORITHMS)[number];

/** The default overlap of a secret rotation, and the longest an admin may ask for (hours). */
export const DEFAULT_GRACE_HOURS = 24;
export const MAX_GRACE_HOURS = 720;

/** An OpenID Connect client's registration as the hub shows it (never its secret). */
export const clientView = z
  .object({
    clientId: z.string(),
    name: z.string(),
    type: z.enum(['confidential', 'public']),
    tokenEndpointAuthMethod: z.string(),
    redirectUris: z.array(z.string()),
    postLogoutRedirectUris: z.array(z.string()),
    backchannelLogoutUri: z.string().nullable(),
    grantTypes: z.array(z.string()),
    scopes: z.array(z.string()),
    firstParty: z.boolean(),
    idTokenSignedResponseAlg: z.string(),
    accessTokenSignedResponseAlg: z.string(),
    disabled: z.boolean(),
    createdAt: instant,
  })
  .meta({ id: 'Client' });
export type ClientView = z.infer<typeof clientView>;

/** One live secret: never the secret, only when it was made and when it stops working (null: the current one). */
export const clientSecretInfo = z.object({ createdAt: instant, expiresAt: instant.nullable() });
export type ClientSecretInfo = z.infer<typeof clientSecretInfo>;

/** A client as the console shows it: its registration, which service owns it, and its live secrets. */
export const adminClientView = clientView
  .extend({
    tokenEndpointAuthMethod: z.enum(CLIENT_AUTH_METHODS),
    grantTypes: z.array(z.enum(CLIENT_GRANT_TYPES)),
    idTokenSignedResponseAlg: z.enum(ID_TOKEN_SIGNING_ALGORITHMS),
    /** What the access tokens it gets are signed with. */
    accessTokenSignedResponseAlg: z.enum(ID_TOKEN_SIGNING_ALGORITHMS),
    /** The service whose manifest registered it (only rotate and disable are the console's), or null. */
    service: z.string().nullable(),
    /** Whether it authenticates with a secret the hub issues (so can be rotated). */
    usesSecret: z.boolean(),
    /** Live secrets, current first. */
    secrets: z.array(clientSecretInfo),
    /** Whether it has public keys for `private_key_jwt`. */
    hasJwks: z.boolean(),
    updatedAt: instant,
    disabledAt: instant.nullable(),
  })
  .meta({ id: 'AdminClient' });
export type AdminClientView = z.infer<typeof adminClientView>;

/** `GET /api/admin/clients?q=&status=&kind=`. */
export const clientFilters = z.object({
  q: z.string().trim().max(100).optional(),
  status: z.enum(['enabled', 'disabled']).optional(),
  kind: z.enum(['service', 'standalone']).optional(),
});
export type ClientFilters = z.input<typeof clientFilters>;

/**
 * `PATCH /api/admin/clients/:id`: any registration setting, never the id or the type. A missing field stays as
 * it is; `backchannelLogoutUri: null` removes it. The result goes through the same rules as a new registration.
 */
export const clientChanges = z
  .object({
    name: z.string(),
    tokenEndpointAuthMethod: z.enum(CLIENT_AUTH_METHODS),
    jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }),
    redirectUris: z.array(z.string()),
    postLogoutRedirectUris: z.array(z.string()),
    backchannelLogoutUri: z.string().nullable(),
    grantTypes: z.array(z.enum(CLIENT_GRANT_TYPES)),
    scopes: z.array(z.enum(CLIENT_SCOPES)),
    firstParty: z.boolean(),
    idTokenSignedResponseAlg: z.enum(ID_TOKEN_SIGNING_ALGORITHMS),
    accessTokenSignedResponseAlg: z.enum(ID_TOKEN_SIGNING_ALGORITHMS),
  })
  .partial()
  .strict();
export type ClientChanges = z.input<typeof clientChanges>;

/**
 * `POST /api/admin/clients`: a new registration — the settings, with an optional id and the type (fixed once
 * made). The hub checks it by the client registry's own rules (400 `client.invalid` naming each field).
 */
export const newClientInput = z.record(z.string(), z.unknown()).meta({
  description: 'The settings of PATCH, plus `id` (optional) and `type` (confidential or public).',
});
export type NewClient = Omit<ClientChanges, 'backchannelLogoutUri'> & {
  id?: string;
  name: string;
  type: 'confidential' | 'public';
  backchannelLogoutUri?: string;
};

/** `POST /api/admin/clients/:id/rotate-secret` (the body may be left out: the default grace). */
export const clientRotationInput = z
  .object({ graceHours: z.number().int().min(0).max(MAX_GRACE_HOURS).optional() })
  .strict();

/** A client with the secret it was just given (shown once), when it has one. */
export const clientWithSecret = z.object({ client: adminClientView, clientSecret: z.string().nullable() });
export type ClientWithSecret = z.infer<typeof clientWithSecret>;

export const clientRotation = z.object({
  client: adminClientView,
  clientSecret: z.string(),
  /** When the replaced secret stops working; null when it stopped at once. */
  previousSecretExpiresAt: instant.nullable(),
  /** A service's client only: the credentials file the hub wrote the new secret to, or null. */
  credentialsFile: z.string().nullable().optional(),
});
export type ClientRotation = z.infer<typeof clientRotation>;

/**
 * `PATCH /api/admin/accounts/:id`: what staff may change of a profile — the owner's own rules, plus the handle
 * and the time zone. Only the fields sent change; an empty email removes it.
 */
export const adminProfilePatch = z
  .object({
    displayName: displayNameSchema.optional(),
    handle: handleSchema.optional(),
    email: z
      .union([emailSchema, z.literal(''), z.null()])
      .optional()
      .transform((v) => (v === '' ? null : v)),
    bio: bioSchema.optional(),
    locale: localeSchema.optional(),
    timeZone: z.string().trim().min(1).max(64).optional(),
  })
  .strict()
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: 'Send at least one field to change.',
  });
export type AdminProfilePatch = z.input<typeof adminProfilePatch>;
