/**
 * The service manifest: the one typed object by which a mini-service declares itself to the Orbit hub —
 * its id (also its OIDC client id), names, icon, port, the scopes it asks for, the hub APIs it calls, the
 * perks it reads, the roles admins may grant in it, the API scopes it offers other services and calls on them,
 * and the paths the SDK mounts. See docs/services.md.
 *
 * This module depends on nothing but zod, so the hub can validate manifests with the very schema services
 * are typed by.
 */
import { z } from 'zod';

/** The languages a manifest may translate its name and description into. */
export const MANIFEST_LOCALES = ['zh-CN', 'en'] as const;
export type ManifestLocale = (typeof MANIFEST_LOCALES)[number];

/**
 * The OpenID Connect scopes a service may ask users for; `openid` is required. `membership` puts the user's
 * tiers, levels and this service's perks in the ID token and userinfo (docs/membership.md, "Services").
 */
export const USER_SCOPES = ['openid', 'profile', 'email', 'offline_access', 'membership'] as const;
export type UserScope = (typeof USER_SCOPES)[number];

/**
 * The scopes of the hub's service API (`/api/v1`), granted to the service's `client_credentials` tokens.
 * `accounts:locale` lets the SDK save the language a user picks in the service's menu at the hub; `social:read`
 * reads the social graph (relationships, friends) and brings the hub's friend and block events;
 * `notifications:write` sends notifications to accounts' bells.
 */
export const HUB_SCOPES = [
  'accounts:read',
  'accounts:locale',
  'entitlements:read',
  'social:read',
  'notifications:write',
] as const;
export type HubScope = (typeof HUB_SCOPES)[number];

/** Where the SDK mounts its routes unless the manifest says otherwise, relative to the service's origin. */
export const DEFAULT_PATHS = Object.freeze({
  home: '/',
  callback: '/auth/callback',
  postLogout: '/',
  backchannelLogout: '/auth/backchannel-logout',
  badge: '/orbit/badge',
  /** Where the hub pushes signed membership-change events (RFC 8935). */
  events: '/orbit/events',
  /** Where the hub asks for an account's part of a data export (docs/data-rights.md). */
  dataExport: '/orbit/data-export',
});

/** An inline SVG icon may be at most this many bytes (UTF-8). */
export const MAX_ICON_BYTES = 16 * 1024;

const ID_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;
const PERK_KEY_PATTERN = /^[a-z][a-z0-9-]{1,31}\.[a-z][a-z0-9_]{0,63}$/;
/** A service role's short name; the hub grants it as `<service id>.<name>` (e.g. `news.editor`). */
export const ROLE_NAME_PATTERN = /^[a-z][a-z0-9_-]{1,31}$/;
/** A manifest declares at most this many roles: roles are job titles, not permissions. */
export const MAX_ROLES = 20;

/** Text shown to people; a NUL could never be stored (Postgres text refuses it), so it is refused here. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters');

const localized = (max: number) => z.partialRecord(z.enum(MANIFEST_LOCALES), text(max)).default({});

/**
 * A path on the service's origin: absolute, and nothing but a path (no `//host`, query, fragment or spaces),
 * so that the origin plus the path is always a URL on that origin.
 */
const servicePath = z
  .string()
  .regex(/^\/(?!\/)[^\s?#\\]*$/, 'must be an absolute path starting with a single "/", without ? or #');

const noDuplicates = <T>(list: readonly T[]) => new Set(list).size === list.length;

const perkCommon = {
  key: z
    .string()
    .regex(PERK_KEY_PATTERN, 'must be "<service id>.<name>" in lower case, e.g. "mail.quota_mb"'),
  description: text(200),
};

/** Text in every language the hub's console speaks: both are required, so no admin sees a blank. */
const bilingual = (max: number) => z.object({ en: text(max), 'zh-CN': text(max) }).strict();

/**
 * A role the service's own authorization understands (docs/roles-and-audit.md, "Service roles"). Admins grant
 * it at the hub; the service sees it in its users' `roles` claim as `<service id>.<name>`.
 */
const roleSchema = z
  .object({
    name: z
      .string()
      .regex(ROLE_NAME_PATTERN, 'must be 2–32 characters: a lower-case letter, then a-z, 0-9, _ or -'),
    label: bilingual(60),
    description: bilingual(200).optional(),
  })
  .strict();

/**
 * An API scope a service offers other services (docs/services.md, "Calling another service"): `<service id>:<name>`,
 * e.g. `notes:read`. The hub puts it in the `scope` of tokens addressed to that service.
 */
export const API_SCOPE_PATTERN = /^[a-z][a-z0-9-]{1,31}:[a-z][a-z0-9_.-]{0,63}$/;
/** A manifest offers at most this many API scopes, and calls at most this many services. */
export const MAX_API_SCOPES = 50;

const apiScope = z
  .string()
  .regex(API_SCOPE_PATTERN, 'must be "<service id>:<name>" in lower case, e.g. "notes:read"');

/** A scope the service's API offers, with what it lets a caller do, in both languages (admins read it). */
const offeredScopeSchema = z.object({ scope: apiScope, description: bilingual(200) }).strict();

/** Another service's API this one calls, and the scopes it asks for there. */
const apiCallSchema = z
  .object({
    service: z.string().regex(ID_PATTERN, 'must be a service id'),
    scopes: z
      .array(apiScope)
      .min(1, 'must ask for at least one scope')
      .max(MAX_API_SCOPES)
      .refine(noDuplicates, 'lists a scope twice'),
  })
  .strict();

/** The service's API for other services: what it offers, what it calls (both default to none). */
const apiSchema = z
  .object({
    offers: z.array(offeredScopeSchema).max(MAX_API_SCOPES).default([]),
    calls: z.array(apiCallSchema).max(MAX_API_SCOPES).default([]),
  })
  .strict()
  .prefault({});

/** The platform tiers a perk may name its value for; `plus` is the service's own tier (`plusTier`). */
export const PERK_TIERS = ['vip', 'svip', 'plus'] as const;
export type PerkTier = (typeof PERK_TIERS)[number];

/** A tier grants a number perk as a whole number from 0 (the hub's console checks the same). */
const perkNumber = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/**
 * What each default tier grants, in the perk's type: `{ vip: 10240, svip: 51200 }`. The hub writes these into
 * its `vip` and `svip` tiers (and `plus` into `<service>-plus` when `plusTier` asks for one) when the service
 * registers, unless an admin has changed that perk on that tier (docs/membership.md, "Default tiers").
 */
const perkTiers = <T extends z.ZodType>(value: T) =>
  z.object({ vip: value.optional(), svip: value.optional(), plus: value.optional() }).strict().optional();

const perkSchema = z.discriminatedUnion('type', [
  z
    .object({
      ...perkCommon,
      type: z.literal('boolean'),
      default: z.boolean(),
      tiers: perkTiers(z.boolean()),
    })
    .strict(),
  z
    .object({ ...perkCommon, type: z.literal('number'), default: z.number(), tiers: perkTiers(perkNumber) })
    .strict(),
]);

/**
 * Validates a manifest and fills in its defaults (`names`, `descriptions`, `hubScopes`, `perks`, `roles`,
 * `badge`, `api`, `paths`). Parsing a parsed manifest again gives the same manifest.
 */
export const manifestSchema = z
  .object({
    id: z.string().regex(ID_PATTERN, 'must be 2–32 characters: a lower-case letter, then a-z, 0-9 or -'),
    name: text(40),
    names: localized(40),
    description: text(200),
    descriptions: localized(200),
    icon: z
      .string()
      .trim()
      .refine((svg) => svg.startsWith('<svg'), 'must be an inline SVG document starting with "<svg"')
      .refine((svg) => !svg.includes('\u0000'), 'must not contain NUL characters')
      .refine(
        (svg) => new TextEncoder().encode(svg).length <= MAX_ICON_BYTES,
        `must be at most ${MAX_ICON_BYTES / 1024} KiB`,
      ),
    defaultPort: z.number().int().min(1024).max(65535),
    scopes: z
      .array(z.enum(USER_SCOPES))
      .refine((scopes) => scopes.includes('openid'), 'must include "openid"')
      .refine(noDuplicates, 'lists a scope twice'),
    hubScopes: z.array(z.enum(HUB_SCOPES)).refine(noDuplicates, 'lists a scope twice').default([]),
    perks: z.array(perkSchema).max(100).default([]),
    /**
     * Asks the hub for a `<service id>-plus` tier of this service's own, sold on its own (docs/membership.md);
     * without it the service's perks reach members only through the platform tiers.
     */
    plusTier: z.boolean().default(false),
    roles: z.array(roleSchema).max(MAX_ROLES, `must list at most ${MAX_ROLES} roles`).default([]),
    badge: z.boolean().default(false),
    api: apiSchema,
    paths: z
      .object({
        home: servicePath.default(DEFAULT_PATHS.home),
        callback: servicePath.default(DEFAULT_PATHS.callback),
        postLogout: servicePath.default(DEFAULT_PATHS.postLogout),
        backchannelLogout: servicePath.default(DEFAULT_PATHS.backchannelLogout),
        badge: servicePath.default(DEFAULT_PATHS.badge),
        events: servicePath.default(DEFAULT_PATHS.events),
        dataExport: servicePath.default(DEFAULT_PATHS.dataExport),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((manifest, ctx) => {
    const seen = new Set<string>();
    manifest.perks.forEach((perk, index) => {
      // A malformed key is reported once, by its pattern.
      if (PERK_KEY_PATTERN.test(perk.key) && !perk.key.startsWith(`${manifest.id}.`)) {
        ctx.addIssue({
          code: 'custom',
          path: ['perks', index, 'key'],
          message: `must start with the service id: "${manifest.id}."`,
        });
      }
      if (seen.has(perk.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['perks', index, 'key'],
          message: `"${perk.key}" is listed twice`,
        });
      }
      seen.add(perk.key);
      if (perk.tiers?.plus !== undefined && !manifest.plusTier) {
        ctx.addIssue({
          code: 'custom',
          path: ['perks', index, 'tiers', 'plus'],
          message: 'names a value for the service\'s own tier, but "plusTier" is not true',
        });
      }
    });
    // The tier's id is `<service id>-plus`, and a tier id has at most 32 characters.
    if (manifest.plusTier && manifest.id.length > 27) {
      ctx.addIssue({
        code: 'custom',
        path: ['plusTier'],
        message: `needs a service id of at most 27 characters: its tier would be "${manifest.id}-plus"`,
      });
    }
    checkApi(manifest, ctx);
    const roleNames = new Set<string>();
    manifest.roles.forEach((role, index) => {
      if (roleNames.has(role.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['roles', index, 'name'],
          message: `"${role.name}" is listed twice`,
        });
      }
      roleNames.add(role.name);
    });
  });

/**
 * The rules of `api` a field alone can't check: offered scopes carry the service's own id and are listed once; a
 * called service is not this one, is listed once, and each scope asked of it carries its id.
 */
function checkApi(manifest: { id: string; api: z.output<typeof apiSchema> }, ctx: z.RefinementCtx) {
  const offered = new Set<string>();
  manifest.api.offers.forEach((offer, index) => {
    const path = ['api', 'offers', index, 'scope'];
    if (API_SCOPE_PATTERN.test(offer.scope) && !offer.scope.startsWith(`${manifest.id}:`)) {
      ctx.addIssue({ code: 'custom', path, message: `must start with the service id: "${manifest.id}:"` });
    }
    if (offered.has(offer.scope)) {
      ctx.addIssue({ code: 'custom', path, message: `"${offer.scope}" is listed twice` });
    }
    offered.add(offer.scope);
  });
  const called = new Set<string>();
  manifest.api.calls.forEach((call, index) => {
    if (call.service === manifest.id) {
      ctx.addIssue({
        code: 'custom',
        path: ['api', 'calls', index, 'service'],
        message: 'a service does not call itself through the hub',
      });
    }
    if (called.has(call.service)) {
      ctx.addIssue({
        code: 'custom',
        path: ['api', 'calls', index, 'service'],
        message: `"${call.service}" is listed twice`,
      });
    }
    called.add(call.service);
    call.scopes.forEach((scope, scopeIndex) => {
      if (API_SCOPE_PATTERN.test(scope) && !scope.startsWith(`${call.service}:`)) {
        ctx.addIssue({
          code: 'custom',
          path: ['api', 'calls', index, 'scopes', scopeIndex],
          message: `must be a scope of "${call.service}": "${call.service}:<name>"`,
        });
      }
    });
  });
}

/** What a service writes: the manifest with its optional fields left out. */
export type ManifestInput = z.input<typeof manifestSchema>;
/** A validated manifest, every default filled in. */
export type ServiceManifest = z.output<typeof manifestSchema>;
export type ManifestPerk = ServiceManifest['perks'][number];
/** A role a service declares: its short name (`editor`), label and optional description in en and zh-CN. */
export type ManifestRole = ServiceManifest['roles'][number];
export type ManifestPaths = ServiceManifest['paths'];
/** What a service's API offers other services, and which services' APIs it calls. */
export type ManifestApi = ServiceManifest['api'];
export type ManifestOfferedScope = ManifestApi['offers'][number];
export type ManifestApiCall = ManifestApi['calls'][number];
export type LocalizedText = ServiceManifest['names'];

/** One thing wrong with a manifest: where (`perks.0.key`) and what. */
export interface ManifestProblem {
  path: string;
  message: string;
}

/** A manifest that does not validate; `problems` lists every reason, and so does the message. */
export class ManifestError extends Error {
  override name = 'ManifestError';
  readonly code = 'manifest.invalid';
  constructor(
    readonly problems: ManifestProblem[],
    id?: unknown,
  ) {
    const which = typeof id === 'string' && id ? ` "${id}"` : '';
    super(
      `Invalid service manifest${which}: ${problems.map((p) => `${p.path || '(manifest)'}: ${p.message}`).join('; ')}`,
    );
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Validates a manifest and answers it with its defaults, frozen; throws a {@link ManifestError} listing every
 * problem. Without it the parse result is a plain object, so use {@link defineManifest} in services and
 * `manifestSchema` (or this) where a manifest arrives from outside.
 */
export function parseManifest(input: unknown): Readonly<ServiceManifest> {
  const parsed = manifestSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    throw new ManifestError(problems, (input as { id?: unknown } | null)?.id);
  }
  return deepFreeze(parsed.data);
}

/**
 * Declares a service: checks the manifest when the module loads (a bad manifest fails at start, not at
 * registration) and answers it with its defaults filled in, deeply frozen.
 *
 * @example
 * export const manifest = defineManifest({
 *   id: 'mail',
 *   name: 'Mail',
 *   names: { 'zh-CN': '邮件' },
 *   description: 'Mail between Orbit accounts.',
 *   icon: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M2 4h20v16H2z"/></svg>',
 *   defaultPort: 4101,
 *   scopes: ['openid', 'profile'],
 *   hubScopes: ['accounts:read'],
 *   perks: [{ key: 'mail.quota_mb', type: 'number', default: 1024, description: 'Mailbox size in MiB' }],
 *   roles: [{ name: 'postmaster', label: { en: 'Postmaster', 'zh-CN': '邮件管理员' } }], // granted as mail.postmaster
 *   badge: true,
 * });
 * manifest.paths.callback; // '/auth/callback'
 */
export function defineManifest<const M extends ManifestInput>(manifest: M): DefinedManifest<M> {
  return parseManifest(manifest) as DefinedManifest<M>;
}

/**
 * A perk as {@link defineManifest} types it: its key as the literal the manifest spells (`'mail.quota_mb'`), its
 * values of its type, so `perk()` in the SDK refuses a misspelt key at compile time.
 */
export type DefinedPerk<P> = P extends { key: infer K extends string; type: infer T }
  ? Extract<ManifestPerk, { type: T }> & { key: K }
  : never;

/** The manifest {@link defineManifest} answers: a {@link ServiceManifest} whose perks keep their literal keys. */
export type DefinedManifest<M extends ManifestInput = ManifestInput> = Readonly<
  Omit<ServiceManifest, 'perks'> & {
    perks: DefinedPerk<M extends { perks: readonly (infer P)[] } ? P : never>[];
  }
>;

/** The perk keys a manifest declares: `PerkKey<typeof manifest>` is `'mail.quota_mb' | 'mail.attachment_mb'`. */
export type PerkKey<M extends Pick<ServiceManifest, 'perks'>> = M['perks'][number]['key'];

/** The value type of a manifest's perk: `boolean` or `number`, as the manifest declares it. */
export type PerkValue<M extends Pick<ServiceManifest, 'perks'>, K extends PerkKey<M>> = Extract<
  M['perks'][number],
  { key: K }
>['default'];

/** The absolute URLs of a service at one origin: what the hub registers for its OIDC client and launcher. */
export interface ResolvedManifest {
  /** `scheme://host[:port]`, no trailing slash. */
  origin: string;
  homeUrl: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri: string;
  /** Where the hub asks for the launcher badge, or null when the service shows none. */
  badgeUrl: string | null;
  /** Where the hub pushes membership-change events (Security Event Tokens). */
  eventsUrl: string;
  /** Where the hub asks for an account's part of a data export. */
  dataExportUrl: string;
}

/** Checks an origin (`http(s)://host[:port]`, optionally with a trailing `/`) and answers it normalised. */
export function normalizeOrigin(origin: string): string {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new Error(`Invalid service origin "${origin}": not an absolute URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`Invalid service origin "${origin}": must be http or https.`);
  }
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash || /[?#]/.test(origin)) {
    throw new Error(
      `Invalid service origin "${origin}": give only scheme, host and port (no path or query).`,
    );
  }
  return url.origin;
}

/** Where a service runs when no origin is given: `http://localhost:<defaultPort>`. */
export const defaultOrigin = (manifest: Pick<ServiceManifest, 'defaultPort'>) =>
  `http://localhost:${manifest.defaultPort}`;

/**
 * Turns a manifest's paths into the absolute URIs the hub registers, for a service served at `origin`.
 * Throws when the origin is not `http(s)://host[:port]` (a trailing slash is allowed and dropped).
 *
 * @example
 * resolveManifest(manifest, 'http://localhost:4101/');
 * // { origin: 'http://localhost:4101', homeUrl: 'http://localhost:4101/',
 * //   redirectUris: ['http://localhost:4101/auth/callback'], postLogoutRedirectUris: ['http://localhost:4101/'],
 * //   backchannelLogoutUri: 'http://localhost:4101/auth/backchannel-logout',
 * //   badgeUrl: 'http://localhost:4101/orbit/badge', eventsUrl: 'http://localhost:4101/orbit/events',
//   dataExportUrl: 'http://localhost:4101/orbit/data-export' }
 */
export function resolveManifest(
  manifest: Pick<ServiceManifest, 'paths' | 'badge'>,
  origin: string,
): ResolvedManifest {
  const base = normalizeOrigin(origin);
  const { paths } = manifest;
  return {
    origin: base,
    homeUrl: base + paths.home,
    redirectUris: [base + paths.callback],
    postLogoutRedirectUris: [base + paths.postLogout],
    backchannelLogoutUri: base + paths.backchannelLogout,
    badgeUrl: manifest.badge ? base + paths.badge : null,
    // A manifest stored before `paths.events` existed has none: the default applies.
    eventsUrl: base + (paths.events ?? DEFAULT_PATHS.events),
    dataExportUrl: base + (paths.dataExport ?? DEFAULT_PATHS.dataExport),
  };
}
