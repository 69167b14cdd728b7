/**
 * The routes a service's own pages call (docs/services.md, "The web side"): who is signed in, as the service
 * shell shows them, saving the language they pick, and the shell's bell (bell-proxy.ts, with the user's own token). The page talks only to its own origin, with its session
 * cookie; the service's backend asks the hub with its `client_credentials` token. So no page needs CORS or a hub
 * cookie, and a user's language and avatar, which live at the hub, are the same in every service.
 */
import { type OrbitMe, SHELL_PATHS, type ShellService, type ShellUser } from '@orbit/contracts';
import { AppError, readJson } from '@orbit/http';
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { bellProxy } from './bell-proxy.js';
import type { HubApi } from './hub-api.js';
import { type Clock, clientRejected } from './hub-connection.js';
import type { ServiceManifest } from './manifest.js';
import type { ResolvedPaths } from './paths.js';
import type { OrbitVariables } from './service.js';
import type { OrbitUser } from './user.js';

/** The languages the hub stores for an account. */
const LOCALES = ['en', 'zh-CN'] as const;
const localeBody = z.object({ locale: z.enum(LOCALES) }).strict();

export interface BrowserRouteDeps {
  manifest: Pick<ServiceManifest, 'id' | 'name' | 'names' | 'hubScopes'>;
  hub: Pick<HubApi, 'profiles' | 'locale' | 'setLocale' | 'launcher'>;
  hubUrl: string;
  paths: ResolvedPaths;
  clock: Clock;
  requireUser: () => MiddlewareHandler<{ Variables: OrbitVariables }>;
  /** How long a user's profile and language, and the launcher's list, are reused (default 15 s). */
  cacheMs: number;
  /** The user's own hub access token, for the bell (`orbit.call`'s, refreshed when due). */
  userAccessToken: (user: OrbitUser) => Promise<string>;
}

type Profile = Pick<ShellUser, 'displayName' | 'picture' | 'locale' | 'badges'>;

/**
 * The hub refuses this service's own client: an admin turned the service off (or its secret is wrong, which its
 * operator is told at the next sign-in). Either way the service can't work for anyone: its pages say so.
 */
const refusedByHub = (error: unknown) =>
  clientRejected(error) || (error instanceof AppError && clientRejected(error.cause));
const serviceDisabled = () =>
  new AppError(503, 'service.disabled', 'Orbit does not let this service in right now.');

/**
 * `GET /orbit/me` and `PUT /orbit/me/locale`. The profile (name, avatar, badges) and language are read from the
 * hub and reused for `cacheMs`, so a change made in the portal or in another service shows here within that
 * time; a change made here drops this service's copy at once. When the hub can't be asked, the page still gets
 * the user as the ID token said at sign-in, and an empty app switcher: the shell never blocks the service. When
 * the hub refuses the service itself (turned off by an admin), 503 `service.disabled`. And the bell's routes
 * (`/orbit/notifications…`, bell-proxy.ts).
 */
export function browserRoutes(deps: BrowserRouteDeps) {
  const { manifest, hub, clock } = deps;
  const hubUrl = deps.hubUrl.replace(/\/+$/, '');
  const mayRead = manifest.hubScopes.includes('accounts:read');
  const mayWriteLocale = manifest.hubScopes.includes('accounts:locale');
  const profiles = new Map<string, { value: Profile; until: number }>();
  let launcher: { value: ShellService[]; until: number } | undefined;

  async function profileOf(user: OrbitUser): Promise<Profile | undefined> {
    if (!mayRead) return undefined;
    const now = clock.now().getTime();
    const cached = profiles.get(user.sub);
    if (cached && cached.until > now) return cached.value;
    try {
      const [[account], locale] = await Promise.all([hub.profiles([user.sub]), hub.locale(user.sub)]);
      if (!account) return undefined;
      const value: Profile = {
        displayName: account.displayName,
        picture: account.picture,
        badges: account.badges,
        locale,
      };
      if (profiles.size > 10_000) profiles.clear();
      profiles.set(user.sub, { value, until: now + deps.cacheMs });
      return value;
    } catch (error) {
      if (refusedByHub(error)) throw serviceDisabled();
      return undefined; // the hub is away: what the ID token said will do
    }
  }

  async function services(): Promise<ShellService[]> {
    const now = clock.now().getTime();
    if (launcher && launcher.until > now) return launcher.value;
    try {
      const value = (await hub.launcher()).map(({ id, name, names, iconUrl, homeUrl }) => ({
        id,
        name,
        names,
        iconUrl,
        homeUrl,
      }));
      launcher = { value, until: now + deps.cacheMs };
      return value;
    } catch (error) {
      if (refusedByHub(error)) throw serviceDisabled();
      return launcher?.value ?? [];
    }
  }

  // Built on first use: the service's own `requireUser()` (sessions, CSRF) exists once the service does.
  const requireUser: MiddlewareHandler<{ Variables: OrbitVariables }> = (c, next) =>
    deps.requireUser()(c, next);
  return new Hono<{ Variables: OrbitVariables }>()
    .get(SHELL_PATHS.me, requireUser, async (c) => {
      const user = c.get('user');
      const [profile, list] = await Promise.all([profileOf(user), services()]);
      const me: OrbitMe = {
        user: {
          sub: user.sub,
          accountNumber: user.accountNumber,
          handle: user.handle,
          displayName: profile?.displayName ?? user.displayName,
          picture: profile ? profile.picture : user.picture,
          locale: profile?.locale ?? null,
          badges: profile?.badges ?? null,
          roles: user.roles,
        },
        service: { id: manifest.id, name: manifest.name, names: manifest.names },
        hub: { url: hubUrl, accountUrl: `${hubUrl}/account` },
        services: list,
        paths: {
          login: deps.paths.login,
          logout: deps.paths.logout,
          notifications: SHELL_PATHS.notifications,
        },
      };
      c.header('Cache-Control', 'no-store');
      return c.json(me);
    })
    .put(SHELL_PATHS.locale, requireUser, async (c) => {
      const { locale } = await readJson(c, localeBody);
      if (!mayWriteLocale) {
        throw new AppError(
          403,
          'locale.not_saved',
          `${manifest.name} can’t save languages at Orbit: its manifest does not ask for accounts:locale.`,
        );
      }
      const sub = c.get('user').sub;
      const saved = await hub.setLocale(sub, locale);
      profiles.delete(sub);
      c.header('Cache-Control', 'no-store');
      return c.json({ locale: saved });
    })
    .route(
      '/',
      bellProxy({
        hubUrl,
        requireUser,
        userAccessToken: deps.userAccessToken,
      }),
    );
}
