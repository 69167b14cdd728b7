import type {
  Entitlements,
  NotifyAnswer,
  NotifyInput,
  PublicAccount,
  RelationshipsAnswer,
  ShellService,
  SocialFriends,
  SocialRelationship,
} from '@orbit/contracts';
import { AppError } from '@orbit/http';
import * as oidc from 'openid-client';
import type { CallTarget } from './calls.js';
import type { Clock, HubConnection } from './hub-connection.js';

/** What the hub's service API answers (`/api/v1`): the shapes are declared once, in `@orbit/contracts`. */
export type {
  Badges,
  Entitlements,
  PublicAccount,
  SocialFriends,
  SocialRelationship,
} from '@orbit/contracts';

export function hubUnavailable(cause?: unknown): AppError {
  const error = new AppError(
    503,
    'hub.unavailable',
    'The Orbit hub could not be reached; try again shortly.',
    undefined,
    { 'Retry-After': '5' },
  );
  error.cause = cause;
  return error;
}

/**
 * Service-to-hub calls with a `client_credentials` token (cached until shortly before it expires, fetched once
 * for concurrent callers). A 401 from the API drops the token and retries once.
 */
export function createHubApi(options: {
  connection: HubConnection;
  scopes: readonly string[];
  clock: Clock;
}) {
  const { connection, clock } = options;
  let token: { value: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const response = await connection.withClient((config) =>
      oidc.clientCredentialsGrant(config, { scope: options.scopes.join(' ') }),
    );
    const lifetime = (response.expires_in ?? 60) * 1000;
    token = { value: response.access_token, refreshAt: clock.now().getTime() + lifetime * 0.8 };
    return response.access_token;
  }

  async function accessToken(): Promise<string> {
    if (token && token.refreshAt > clock.now().getTime()) return token.value;
    pending ??= fetchToken().finally(() => {
      pending = undefined;
    });
    return pending;
  }

  async function call<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await fetch(`${connection.issuer}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${await accessToken()}`,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(5000),
        });
      } catch (error) {
        throw hubUnavailable(error);
      }
      if (response.status === 401 && attempt === 1) {
        token = undefined;
        continue;
      }
      const payload = (await response.json().catch(() => undefined)) as
        | (T & { error?: { code?: string; message?: string } })
        | undefined;
      if (response.ok && payload) return payload;
      if (response.status === 404)
        throw new AppError(404, payload?.error?.code ?? 'hub.not_found', 'Not found at the hub.');
      throw hubUnavailable(
        new Error(`hub answered ${response.status} to ${method} ${path}: ${payload?.error?.code}`),
      );
    }
  }

  return {
    /**
     * Looks accounts up by account number or handle (up to 100 at once).
     *
     * @example
     * const { accounts, unknown } = await orbit.hub.lookupAccounts(['10001', 'alice']);
     */
    lookupAccounts(
      identifiers: string[],
    ): Promise<{ accounts: Record<string, PublicAccount>; unknown: string[] }> {
      return call('POST', '/api/v1/accounts/lookup', { identifiers });
    },
    /** Public profiles by `sub` (up to 100 at once); accounts that no longer exist are left out. */
    async profiles(subs: string[]): Promise<PublicAccount[]> {
      return (await call<{ accounts: PublicAccount[] }>('POST', '/api/v1/accounts/profiles', { subs }))
        .accounts;
    },
    /** The live membership of one account. */
    entitlements(sub: string): Promise<Entitlements> {
      return call('GET', `/api/v1/entitlements/${encodeURIComponent(sub)}`);
    },
    /** The launcher's services, with absolute URLs (what the service shell's app switcher lists). */
    async launcher(): Promise<ShellService[]> {
      return (await call<{ services: ShellService[] }>('GET', '/api/v1/shell/launcher')).services;
    },
    /** The language an account chose at the hub (`accounts:read`). */
    async locale(sub: string): Promise<string> {
      const path = `/api/v1/shell/preferences/${encodeURIComponent(sub)}`;
      return (await call<{ locale: string }>('GET', path)).locale;
    },
    /** Saves the language a user picked in this service at the hub (`accounts:locale`). */
    async setLocale(sub: string, locale: string): Promise<string> {
      const path = `/api/v1/shell/preferences/${encodeURIComponent(sub)}`;
      return (await call<{ locale: string }>('PUT', path, { locale })).locale;
    },
    /**
     * Where another service's API is, the `resource` naming it, and the scopes this service may carry there now
     * (`GET /api/v1/calls/:service`); a 404 when there is no such enabled service.
     */
    callTarget(service: string): Promise<CallTarget> {
      return call('GET', `/api/v1/calls/${encodeURIComponent(service)}`);
    },
    /**
     * The social graph (`social:read`), uncached: `orbit.social` caches the same answers and is what a service
     * normally uses.
     */
    social: {
      /** How `viewer` stands with each of up to 100 `ids`; ids that name no account are left out. */
      async relationships(viewer: string, ids: string[]): Promise<Record<string, SocialRelationship>> {
        const body = { viewer, ids };
        return (await call<RelationshipsAnswer>('POST', '/api/v1/social/relationships', body)).relationships;
      },
      /** An account's friends, with its group for each, and its groups. */
      friends(sub: string): Promise<SocialFriends> {
        return call('GET', `/api/v1/social/friends/${encodeURIComponent(sub)}`);
      },
    },
    /**
     * Notifies an account through the hub's bell (`notifications:write`); the hub honours the recipient's blocks,
     * mutes and settings and groups items sharing a `groupKey` ("Alice and 3 others liked your moment").
     */
    notify(input: NotifyInput): Promise<NotifyAnswer> {
      return call('POST', '/api/v1/notifications', input);
    },
    /** This service's roles of one account as they are now, by full name (`news.editor`). */
    async roles(sub: string): Promise<string[]> {
      return (await call<{ roles: string[] }>('GET', `/api/v1/roles/${encodeURIComponent(sub)}`)).roles;
    },
  };
}

export type HubApi = ReturnType<typeof createHubApi>;
