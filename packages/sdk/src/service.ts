import type { NotifyAnswer, NotifyInput } from '@orbit/contracts';
import { AppError, isStateChanging } from '@orbit/http';
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { authRoutes } from './auth-routes.js';
import { type AccessTokenClaims, type BearerCaller, checkBearer } from './bearer.js';
import { browserRoutes } from './browser-routes.js';
import { type CallOptions, type CallTarget, createCaller, type SessionTokensRef } from './calls.js';
import type { CredentialsSource } from './credentials.js';
import { dataExportEndpoint } from './data-export.js';
import type { DataRights } from './data-rights.js';
import { createHubApi, type Entitlements } from './hub-api.js';
import { type Clock, createHubConnection } from './hub-connection.js';
import type { PerkKey, PerkValue, ServiceManifest } from './manifest.js';
import { hubEventReceiver } from './membership-events.js';
import { resolvePaths } from './paths.js';
import { declaredRole, ownRoles, roleRequiredPage } from './roles.js';
import type { SessionStore } from './session-store.js';
import { createServiceSessions, type SessionLifetimes } from './sessions.js';
import { createSocialGraph, type SocialChange } from './social.js';
import { ACR_PASSKEY, type OrbitUser } from './user.js';
import { createUserTokenSealer } from './user-tokens.js';

export interface OrbitServiceOptions<M extends ServiceManifest = ServiceManifest> {
  /** The service's manifest (`defineManifest`): `perk()` takes its keys and value types from it. */
  manifest: M;
  /** The hub's public origin, which is also the OIDC issuer, e.g. `http://localhost:4000`. */
  hubUrl: string;
  /** This service's public origin, e.g. `http://localhost:4101`; must be the origin it was registered with. */
  publicUrl: string;
  /** The client credentials `services:register` made: `{ file }` or `{ clientId, clientSecret }`. */
  credentials: CredentialsSource;
  /** Where service sessions live: `drizzleSessionStore(db, orbitSessions(schema))`. */
  sessions: SessionStore;
  clock?: Clock;
  sessionLifetimes?: Partial<SessionLifetimes>;
  /**
   * How long `perk()` and `requireVip()` reuse an account's entitlements (default 30 s); a membership change
   * the hub reports drops them at once.
   */
  entitlementsCacheMs?: number;
  /**
   * How long `requireRole()` and `roles()` reuse an account's roles read from the hub (default 30 s): a role an
   * admin grants or revokes takes effect here within that time.
   */
  rolesCacheMs?: number;
  /**
   * Runs when the hub reports that an account's membership changed (a verified event, after the cached
   * entitlements were dropped), e.g. to recompute what depends on a perk. `reason`: `granted`, `upgraded`,
   * `expired`, … (docs/membership.md). If it throws, the hub is told so and sends the event again later.
   */
  onMembershipChange?: (sub: string, reason: string) => void | Promise<void>;
  /**
   * How long `orbit.social` reuses a relationship or a friends list read from the hub (default 30 s; at most 5000
   * of each are kept); a friend or block event from the hub drops those of the two accounts at once. A friend
   * moved to another group or a mute shows within this time.
   */
  socialCacheMs?: number;
  /**
   * Runs when the hub reports a friend or block change (a verified event, after the cache was dropped), e.g. to
   * take a blocked account's comments off a post: `{ type: 'block.added', sub: blocker, other: blocked }`. If it
   * throws, the hub sends the event again later. Needs `social:read` in the manifest's `hubScopes`.
   */
  onSocialChange?: (change: SocialChange) => void | Promise<void>;
  /**
   * The user's data rights for what this service holds (issue 19): `export` gives the account's part of the
   * hub's export archive, `erase` deletes it when the account is deleted for good (docs/data-rights.md).
   */
  dataRights?: DataRights;
  /**
   * How long `GET /orbit/me` (the service shell's data) reuses a user's profile and language read from the hub,
   * and the launcher's list (default 15 s): a language or avatar changed elsewhere shows here within that time.
   */
  shellCacheMs?: number;
  /**
   * Where the SDK reports what the service's operator must fix, e.g. a client secret the hub refuses (default:
   * `console.error`). A pino logger fits as it is.
   */
  logger?: OrbitLogger;
}

/** What the SDK logs through: pino's `error(details, message)` shape. */
export interface OrbitLogger {
  error(details: Record<string, unknown>, message: string): void;
  /** For what fixes itself (the hub briefly unreachable); `error` when absent. */
  warn?(details: Record<string, unknown>, message: string): void;
}

const consoleLogger: OrbitLogger = {
  error: (details, message) => console.error(`[orbit] ${message}`, details),
};

export type { AccessTokenClaims, BearerCaller } from './bearer.js';

/** What `requireBearer()` sets: the verified token, and who is calling (a service, perhaps for a user). */
export type BearerVariables = { token: AccessTokenClaims; caller: BearerCaller };

export type OrbitVariables = { user: OrbitUser };
export type OrbitOptionalVariables = { user: OrbitUser | undefined };
/** What `requireRole()` reads: the user `requireUser()` set, or the token `requireBearer()` set. */
export type RoleVariables = { user?: OrbitUser; token?: AccessTokenClaims };

/** What a step-up needs by default: a passkey assertion within the last 5 minutes. */
export const STEP_UP_MAX_AGE_SECONDS = 300;

const systemClock: Clock = { now: () => new Date() };

const sessionRequired = () => new AppError(401, 'session.required', 'Sign in to continue.');

/**
 * Joins a service to Orbit: sign-in through the hub (code flow + PKCE), the service's own session cookie,
 * back-channel logout, bearer token checks, step-up, membership perks and calls to the hub's API.
 *
 * @example
 * const orbit = createOrbitService({
 *   manifest,
 *   hubUrl: 'http://localhost:4000',
 *   publicUrl: 'http://localhost:4101',
 *   credentials: { file: '.orbit/data/services/mail.json' },
 *   sessions: drizzleSessionStore(db, sessionsTable),
 * });
 * app.route('/', orbit.routes);
 * app.get('/api/me', orbit.requireUser(), (c) => c.json(c.get('user')));
 */
export function createOrbitService<const M extends ServiceManifest>(options: OrbitServiceOptions<M>) {
  const { manifest } = options;
  const clock = options.clock ?? systemClock;
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const publicOrigin = new URL(publicUrl).origin;
  const secure = publicUrl.startsWith('https://');
  const paths = resolvePaths(publicUrl, manifest.paths);
  const connection = createHubConnection({
    hubUrl: options.hubUrl,
    clientId: manifest.id,
    credentials: options.credentials,
    clock,
  });
  const sessions = createServiceSessions({
    store: options.sessions,
    clock,
    // Cookies ignore ports: every service on one host needs a name of its own.
    cookieName: `${secure ? '__Host-' : ''}orbit_${manifest.id.replace(/-/g, '_')}_session`,
    secure,
    lifetimes: { idleMs: 8 * 3_600_000, absoluteMs: 24 * 3_600_000, ...options.sessionLifetimes },
  });
  const hub = createHubApi({ connection, scopes: manifest.hubScopes, clock });
  const userTokenSealer = createUserTokenSealer(() => connection.clientSecret(), manifest.id);
  /** The session each user object `requireUser()`/`optionalUser()` set came from: `call(…, { as: user })`. */
  const sessionsOfUsers = new WeakMap<OrbitUser, SessionTokensRef>();
  const caller = createCaller({
    connection,
    clock,
    async directory(service) {
      try {
        return await hub.callTarget(service);
      } catch (error) {
        if (error instanceof AppError && error.status === 404) {
          throw new AppError(404, 'call.unknown_service', `No service ${service} takes calls.`, { service });
        }
        throw error;
      }
    },
    sealer: userTokenSealer,
    sessionOf: (user) => sessionsOfUsers.get(user),
    saveTokens: (idHash, sealed) => sessions.setHubTokens(idHash, sealed),
  });
  /** The signed-in user of a request, remembered with their session for calls on their behalf. */
  async function currentUser(c: Context): Promise<OrbitUser | undefined> {
    const current = await sessions.current(c);
    if (!current) return undefined;
    sessionsOfUsers.set(current.user, { idHash: current.idHash, hubTokens: current.hubTokens });
    return current.user;
  }
  const logoutListeners: ((logout: { sid?: string; sub?: string }) => void | Promise<void>)[] = [];
  let badgeHandler: ((user: { sub: string }) => Promise<{ count: number }>) | undefined;

  const entitlementsCache = new Map<string, { value: Entitlements; until: number }>();
  /** Membership changes reported per account, so an answer asked for before a change is not cached after it. */
  const changes = new Map<string, number>();
  const cacheMs = options.entitlementsCacheMs ?? 30_000;
  async function entitlements(sub: string): Promise<Entitlements> {
    const now = clock.now().getTime();
    const cached = entitlementsCache.get(sub);
    if (cached && cached.until > now) return cached.value;
    const seenChanges = changes.get(sub);
    const value = await hub.entitlements(sub);
    if (changes.get(sub) !== seenChanges) return value;
    if (entitlementsCache.size > 10_000) entitlementsCache.clear();
    entitlementsCache.set(sub, { value, until: now + cacheMs });
    return value;
  }
  const rolesCache = new Map<string, { value: string[]; until: number }>();
  const rolesCacheMs = options.rolesCacheMs ?? 30_000;
  /** This service's roles of an account, read from the hub and reused for `rolesCacheMs`. */
  async function roles(sub: string): Promise<string[]> {
    const now = clock.now().getTime();
    const cached = rolesCache.get(sub);
    if (cached && cached.until > now) return cached.value;
    const value = ownRoles(manifest.id, await hub.roles(sub));
    if (rolesCache.size > 10_000) rolesCache.clear();
    rolesCache.set(sub, { value, until: now + rolesCacheMs });
    return value;
  }

  async function perk<K extends PerkKey<M>>(user: { sub: string }, key: K): Promise<PerkValue<M, K>> {
    const declared = manifest.perks.find((p) => p.key === key);
    if (!declared) throw new Error(`${key} is not a perk the ${manifest.id} manifest declares.`);
    const granted = (await entitlements(user.sub)).perks[key];
    return (typeof granted === typeof declared.default ? granted : declared.default) as PerkValue<M, K>;
  }

  const social = createSocialGraph({ hub, clock, cacheMs: options.socialCacheMs });

  const membershipEvents = hubEventReceiver({
    connection,
    clock,
    async changed({ sub, reason }) {
      entitlementsCache.delete(sub);
      if (changes.size > 10_000) changes.clear();
      changes.set(sub, (changes.get(sub) ?? 0) + 1);
      await options.onMembershipChange?.(sub, reason);
    },
    async socialChanged(change) {
      social.changed(change.sub, change.other);
      await options.onSocialChange?.(change);
    },
    // The account was deleted for good (docs/data-rights.md): its sessions and what is cached about it go, then
    // the service's own data; the hub sends the event again until this succeeds.
    async accountDeleted(sub) {
      await endSessions({ sub });
      entitlementsCache.delete(sub);
      rolesCache.delete(sub);
      social.changed(sub, sub);
      await options.dataRights?.erase?.(sub);
    },
  });

  const stepUpSatisfied = (user: OrbitUser, acr: string, maxAgeSeconds = STEP_UP_MAX_AGE_SECONDS) =>
    user.acr === acr && clock.now().getTime() - user.authTime.getTime() <= maxAgeSeconds * 1000;

  /** The path and query a request asked for: where a page comes back to after the hub. */
  const requestedPath = (c: Context) => {
    const url = new URL(c.req.url);
    return `${url.pathname}${url.search}`;
  };
  const loginUrl = (returnTo: string, extra: Record<string, string> = {}) =>
    `${paths.login}?${new URLSearchParams({ return_to: returnTo, ...extra })}`;

  /** Cookie-authenticated writes must come from this service's own pages (CSRF). */
  const checkOrigin = (c: Context) => {
    if (!isStateChanging(c.req.method)) return;
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    if ((origin && origin !== publicOrigin) || site === 'cross-site' || site === 'same-site') {
      throw new AppError(403, 'csrf.cross_origin', 'Cross-origin requests may not change anything here.');
    }
  };

  async function endSessions(logout: { sid?: string; sub?: string }): Promise<number> {
    const ended = logout.sid
      ? await options.sessions.deleteByHubSession(logout.sid)
      : logout.sub
        ? await options.sessions.deleteBySubject(logout.sub)
        : 0;
    for (const listener of logoutListeners) await listener(logout);
    return ended;
  }

  const service = {
    manifest,
    publicUrl,
    paths,
    /** Calls to the hub's service API with this service's `client_credentials` token. */
    hub,
    /**
     * The routes the SDK answers: `/auth/login`, `/auth/callback`, `/auth/logout`, the back-channel logout
     * receiver, the launcher badge, the membership-event receiver (`/orbit/events`), the data-export endpoint
     * (`/orbit/data-export`, docs/data-rights.md) and what the service's pages
     * read for the service shell (`/orbit/me`, `/orbit/me/locale`, the bell's `/orbit/notifications…`). Mount
     * them at the root:
     * `app.route('/', orbit.routes)`.
     */
    routes: authRoutes({
      connection,
      sessions,
      clock,
      publicUrl,
      paths,
      scopes: manifest.scopes,
      serviceName: manifest.name,
      secureCookies: secure,
      stepUpSatisfied,
      endSessions,
      badge: () => badgeHandler,
      membershipEvents,
      dataExport: dataExportEndpoint({
        connection,
        clock,
        serviceId: manifest.id,
        dataRights: options.dataRights,
      }),
      logger: options.logger ?? consoleLogger,
      sealUserTokens: (tokens) => userTokenSealer.seal(tokens),
    }).route(
      '/',
      browserRoutes({
        manifest,
        hub,
        hubUrl: options.hubUrl,
        paths,
        clock,
        requireUser: (): MiddlewareHandler<{ Variables: OrbitVariables }> => service.requireUser(),
        cacheMs: options.shellCacheMs ?? 15_000,
        userAccessToken: (user) => caller.userAccessToken(user),
      }),
    ),

    /**
     * Needs a signed-in user and sets `c.get('user')`. Without one, API requests get 401 `session.required`;
     * with `{ redirect: true }` (pages) the browser goes to the hub and back — signed in at once, without a
     * password, when the user is signed in there already (single sign-on).
     */
    requireUser(opts: { redirect?: boolean } = {}): MiddlewareHandler<{ Variables: OrbitVariables }> {
      return createMiddleware<{ Variables: OrbitVariables }>(async function requireUser(c, next) {
        const user = await currentUser(c);
        if (!user) {
          if (opts.redirect && c.req.method === 'GET') return c.redirect(loginUrl(requestedPath(c)), 302);
          throw sessionRequired();
        }
        checkOrigin(c);
        c.set('user', user);
        await next();
      });
    },

    /** Sets `c.get('user')` to the signed-in user, or undefined; never refuses. */
    optionalUser(): MiddlewareHandler<{ Variables: OrbitOptionalVariables }> {
      return createMiddleware<{ Variables: OrbitOptionalVariables }>(async function optionalUser(c, next) {
        const user = await currentUser(c);
        if (user) checkOrigin(c);
        c.set('user', user);
        await next();
      });
    },

    /**
     * Needs a recent passkey assertion (`acr` = passkey, authenticated within `maxAgeSeconds`, default 5
     * minutes). Pages (`redirect: true`, GET) are sent to the hub to confirm with a passkey and come back; API
     * requests get 401 `step_up_required` with `details.location`, the URL that does the same and returns to
     * the request's path (a GET) or the home page (other methods) — a page may put its own path in that URL's
     * `return_to`. A user who cancels, or has no passkey, comes back to a 403 "A passkey is needed" page and
     * keeps their session. Use after `requireUser()`.
     *
     * @example
     * app.post('/api/trash/empty', orbit.requireUser(), orbit.requireStepUp(), emptyTrash);
     */
    requireStepUp(
      opts: { maxAgeSeconds?: number; redirect?: boolean } = {},
    ): MiddlewareHandler<{ Variables: OrbitVariables }> {
      const maxAge = opts.maxAgeSeconds ?? STEP_UP_MAX_AGE_SECONDS;
      if (!Number.isInteger(maxAge) || maxAge < 1) {
        throw new Error('requireStepUp: maxAgeSeconds must be a whole number of seconds, 1 or more.');
      }
      return createMiddleware<{ Variables: OrbitVariables }>(async function requireStepUp(c, next) {
        const user = c.get('user');
        if (!user) throw sessionRequired();
        if (stepUpSatisfied(user, ACR_PASSKEY, maxAge)) return next();
        const step = { acr: ACR_PASSKEY, max_age: String(maxAge) };
        // Coming back is a GET: a write's own path can't be returned to, so it comes back home.
        const location = loginUrl(c.req.method === 'GET' ? requestedPath(c) : paths.home, step);
        if (opts.redirect && c.req.method === 'GET') return c.redirect(location, 302);
        throw new AppError(401, 'step_up_required', 'Confirm this action with your passkey.', {
          location,
          maxAgeSeconds: maxAge,
        });
      });
    },

    /**
     * Needs a bearer access token addressed to this service (`aud` = its id; signature against the hub's cached
     * JWKS, issuer, `typ: at+jwt`, expiry), with every scope in `scopes`: another service calling as itself or
     * for a user (docs/services.md, "Calling another service"), or a user's own token for this service. Sets
     * `c.get('token')` and `c.get('caller')` (`{ service, user }`: who calls, and for whom, or null). Refusals
     * name the reason: 401 `token.missing`, `token.invalid`, `token.expired`, `token.wrong_audience`; 403
     * `token.missing_scope` (`details.missing`).
     *
     * @example
     * app.get('/api/shared/notes', orbit.requireBearer({ scopes: ['notes:read'] }), (c) =>
     *   c.json({ caller: c.get('caller').service, notes: [] }),
     * );
     */
    requireBearer(opts: { scopes?: string[] } = {}): MiddlewareHandler<{ Variables: BearerVariables }> {
      const scopes = opts.scopes ?? [];
      return createMiddleware<{ Variables: BearerVariables }>(async function requireBearer(c, next) {
        const { claims, caller } = await checkBearer(c.req.header('authorization'), {
          verify: (token) => connection.verify(token, 'at+jwt', { anyAudience: true }),
          audience: manifest.id,
          scopes,
        });
        c.set('token', claims);
        c.set('caller', caller);
        await next();
      });
    },

    /**
     * Calls another service's API with a token addressed to it: `as: 'service'` (this service itself) or
     * `as: user` (the signed-in user `requireUser()` set, on their behalf). Answers the target's `Response`.
     * See `calls.ts` for the errors, docs/services.md ("Calling another service") for the manifest side.
     *
     * @example
     * const res = await orbit.call('notes', '/api/shared/notes', { as: c.get('user') });
     * if (res.ok) return c.json(await res.json());
     */
    call(service: string, path: string, options: CallOptions): Promise<Response> {
      return caller.call(service, path, options);
    },

    /**
     * Calls another service's API and answers its JSON; a status other than 2xx throws an `AppError` with the
     * target's error code and status (its `{ error: { code, message } }`), or `call.failed` (502).
     */
    async callJson<T = unknown>(service: string, path: string, options: CallOptions): Promise<T> {
      const response = await caller.call(service, path, options);
      const payload = (await response.json().catch(() => undefined)) as
        | (T & { error?: { code?: string; message?: string; details?: unknown } })
        | undefined;
      if (response.ok && payload !== undefined) return payload;
      const code = payload?.error?.code;
      if (code && response.status >= 400 && response.status < 500) {
        throw new AppError(
          response.status as 400,
          code,
          payload?.error?.message ?? code,
          payload?.error?.details,
        );
      }
      throw new AppError(502, 'call.failed', `${service} answered ${response.status}.`, {
        service,
        status: response.status,
      });
    },

    /** Where another service's API is and which of its scopes this service may carry there (cached 5 min). */
    callTarget(service: string): Promise<CallTarget> {
      return caller.target(service);
    },

    /**
     * Needs a role this service's manifest declares, by short name (`editor`) or full name (`news.editor`); an
     * undeclared name throws when the middleware is built. After `requireUser()` it asks the hub for the user's
     * roles as they are now (reused for `rolesCacheMs`, 30 s by default), so a revocation takes effect within
     * that time; after `requireBearer()` it reads the access token's `roles` claim (as at its issue; access tokens
     * live minutes). Without the role: 403 `role.required` (`details.role`), or with `{ page: true }` a 403 page
     * for a browser's GET. Use after `requireUser()` or `requireBearer()`.
     *
     * @example
     * app.post('/api/articles/:id/publish', orbit.requireUser(), orbit.requireRole('editor'), publish);
     * app.get('/desk', orbit.requireUser({ redirect: true }), orbit.requireRole('editor', { page: true }), desk);
     */
    requireRole(
      name: string,
      opts: { page?: boolean } = {},
    ): MiddlewareHandler<{ Variables: RoleVariables }> {
      const { role, label } = declaredRole(manifest, name);
      return createMiddleware<{ Variables: RoleVariables }>(async function requireRole(c, next) {
        const user = c.get('user');
        const token = c.get('token');
        let held: readonly string[];
        if (user) held = await roles(user.sub);
        else if (token) held = ownRoles(manifest.id, token.roles);
        else throw sessionRequired();
        if (held.includes(role)) return next();
        if (opts.page && c.req.method === 'GET') {
          c.header('Cache-Control', 'no-store');
          return c.html(roleRequiredPage(manifest.name, label, paths.home), 403);
        }
        throw new AppError(403, 'role.required', `This needs the role “${label.en}”.`, { role });
      });
    },

    /**
     * This service's roles of a user as they are now, by full name (`news.editor`): asked of the hub and reused
     * for `rolesCacheMs`. `user.roles` holds what the hub said at sign-in.
     */
    roles,

    /** Needs the user to hold membership tier `tier` (a tier id); 403 `vip.required` otherwise. */
    requireVip(tier: string): MiddlewareHandler<{ Variables: OrbitVariables }> {
      return createMiddleware<{ Variables: OrbitVariables }>(async function requireVip(c, next) {
        const user = c.get('user');
        if (!user) throw sessionRequired();
        const { tiers } = await entitlements(user.sub);
        if (!tiers.includes(tier)) {
          throw new AppError(403, 'vip.required', 'This needs a membership you don’t have.', { tier });
        }
        await next();
      });
    },

    /**
     * A perk's value for a user: what their membership grants, else the default the manifest declares. The key
     * is typed from the manifest given to `createOrbitService` (a misspelt key does not compile), and so is the
     * value: a `number` perk answers a number, a `boolean` perk a boolean.
     *
     * @example
     * const quotaMb = await orbit.perk(user, 'mail.quota_mb'); // number: 1024 by default, more for VIPs
     */
    perk,

    /**
     * Needs a perk that is on for the user — a boolean perk granted `true`, or a number perk above 0 — and 403
     * `perk.required` (`details.perk`) otherwise; the key is typed like `perk()`'s. Use after `requireUser()`.
     *
     * @example
     * app.post('/api/notes/export', orbit.requireUser(), orbit.requirePerk('notes.export'), exportNotes);
     */
    requirePerk(key: PerkKey<M>): MiddlewareHandler<{ Variables: OrbitVariables }> {
      if (!manifest.perks.some((p) => p.key === key)) {
        throw new Error(`requirePerk: ${key} is not a perk the ${manifest.id} manifest declares.`);
      }
      return createMiddleware<{ Variables: OrbitVariables }>(async function requirePerk(c, next) {
        const user = c.get('user');
        if (!user) throw sessionRequired();
        const value: boolean | number = await perk(user, key);
        if (value === true || (typeof value === 'number' && value > 0)) return next();
        throw new AppError(403, 'perk.required', 'This needs a membership perk you don’t have.', {
          perk: key,
        });
      });
    },

    /** The live membership of an account (cached briefly; dropped at once when the hub reports a change). */
    entitlements,

    /**
     * The social graph (issue 19; needs `social:read` in `hubScopes`), cached for `socialCacheMs` and dropped for
     * two accounts when the hub reports a friend or block change between them:
     * `relationships(viewer, ids)` (any number of ids, asked 100 at a time), `friends(sub)`, and
     * `canSeeAll(viewer, items)` — `canSee` for many pieces of content at once, with the lookups batched.
     *
     * @example
     * const visible = await orbit.social.canSeeAll(user?.sub ?? null, posts);
     * return c.json(posts.filter((_, i) => visible[i]));
     */
    social: {
      relationships: social.relationships,
      friends: social.friends,
      canSeeAll: social.canSeeAll,
    },

    /**
     * Puts a notification in an account's bell, through the hub (needs `notifications:write` in `hubScopes`).
     * Best effort, as the action that caused it has happened: a failure (the hub unreachable, the recipient's
     * per-minute limit) is logged and answers null rather than failing the caller's request. The hub drops it
     * quietly when the recipient blocked or muted the actor or turned the category off (`outcome`).
     *
     * @example
     * await orbit.notify({ recipient: post.ownerSub, actor: user.sub, type: 'space.like', category: 'space.likes',
     *   groupKey: `like:${post.id}`, url: `${orbit.publicUrl}/p/${post.id}`,
     *   text: { en: '{actors} liked your moment', 'zh-CN': '{actors} 赞了你的说说' } });
     */
    async notify(input: NotifyInput): Promise<NotifyAnswer | null> {
      try {
        return await hub.notify(input);
      } catch (error) {
        const logger = options.logger ?? consoleLogger;
        (logger.warn ?? logger.error).call(logger, { err: error, type: input.type }, 'notification not sent');
        return null;
      }
    },

    /** Answers the launcher's badge request for a user (e.g. Mail's unread count). */
    onBadge(handler: (user: { sub: string }) => Promise<{ count: number }>): void {
      badgeHandler = handler;
    },

    /** Runs after the hub ended a user's sessions here (back-channel logout). */
    onLogout(listener: (logout: { sid?: string; sub?: string }) => void | Promise<void>): void {
      logoutListeners.push(listener);
    },
  };
  return service;
}

/** A joined service; `OrbitService<typeof manifest>` keeps the manifest's perk keys for `perk()`. */
export type OrbitService<M extends ServiceManifest = ServiceManifest> = ReturnType<
  typeof createOrbitService<M>
>;
