/**
 * The scenarios of `npm run bench:compare`, as autocannon requests that check every answer: the same for every
 * server, given its paths, clients and signed-in user (`LoadParams`).
 */
import { createHash, randomBytes } from 'node:crypto';
import type autocannon from 'autocannon';
import { REDIRECT_URI } from './peer-config.js';
import { checkTokenResponse, codeFrom } from './report.js';

export type ScenarioId =
  | 'client_credentials'
  | 'client_credentials_es256'
  | 'authorization_code'
  | 'refresh'
  | 'userinfo'
  | 'introspection'
  | 'entitlements';

export interface Scenario {
  id: ScenarioId;
  title: string;
  /**
   * A rate every Orbit server must reach on its own (issue 17), for what the peer is not set up to compare:
   * its access tokens are JWTs for resource servers, which its userinfo and introspection do not take.
   */
  absolute?: number;
}

export const SCENARIOS: Scenario[] = [
  { id: 'client_credentials', title: '`client_credentials`, RS256 JWT access token' },
  { id: 'client_credentials_es256', title: '`client_credentials`, ES256 JWT access token' },
  {
    id: 'authorization_code',
    title: 'code flow, signed-in user: authorize → code → token (PKCE), RS256 access + ID token',
  },
  { id: 'refresh', title: 'refresh grant with rotation (+ ID token)' },
  { id: 'userinfo', title: 'userinfo, a user access token (revocation checked)', absolute: 3000 },
  { id: 'introspection', title: 'introspection of a user access token by its client', absolute: 3000 },
  {
    id: 'entitlements',
    title: "`GET /api/v1/entitlements/:sub` of a VIP member, a service's `client_credentials` token",
    absolute: 2000,
  },
];

/** What a scenario needs to know about one server. */
export interface LoadParams {
  tokenPath: string;
  authorizePath: string;
  /** `Basic …` of the service client whose access tokens are RS256. */
  serviceAuth: string;
  /** Of the service client whose access tokens are ES256; undefined when the server can't sign them so. */
  es256ServiceAuth: string | undefined;
  /** Of the app client (code flow, refresh). */
  appAuth: string;
  clientId: string;
  /** The scope of the code flow: an ID token and an RS256 JWT access token. */
  codeScope: string;
  /** The signed-in user's cookies. */
  cookie: string;
  /** Refresh tokens of `count` new chains (scope with `openid`). */
  refreshTokens(count: number): Promise<string[]>;
  /** Requests in flight at once: the refresh scenario keeps twice as many chains ready. */
  connections: number;
  /** A live access token of the signed-in user for the app client (`openid`); undefined when not offered. */
  userAccessToken?: () => Promise<string>;
  userinfoPath?: string;
  introspectionPath?: string;
  /** Orbit's service API: a VIP member's entitlements, read with a token of the `serviceAuth` client. */
  entitlements?: { path: string; serviceToken: () => Promise<string> };
}

/** Operations completed and failed in a round. */
export interface Tally {
  done: number;
  failed: number;
}

export interface Load {
  requests: autocannon.Request[];
  tally: Tally;
  /** Runs before each round (the refresh scenario tops its chains up). */
  beforeRound?(): Promise<void>;
}

const jsonOf = (body: string): Record<string, unknown> | undefined => {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return undefined;
  }
};
const form = (auth: string) => ({ authorization: auth, 'content-type': 'application/x-www-form-urlencoded' });
const header = (headers: Record<string, unknown>, name: string) =>
  Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];

/** The load of `scenario` against one server, or undefined when the server can't do it. */
export async function loadOf(scenario: Scenario, p: LoadParams): Promise<Load | undefined> {
  const tally: Tally = { done: 0, failed: 0 };
  const count = (ok: unknown) => {
    if (ok) tally.done++;
    else tally.failed++;
  };
  switch (scenario.id) {
    case 'client_credentials':
    case 'client_credentials_es256': {
      const es256 = scenario.id === 'client_credentials_es256';
      const auth = es256 ? p.es256ServiceAuth : p.serviceAuth;
      if (!auth) return undefined;
      const alg = es256 ? 'ES256' : 'RS256';
      return {
        tally,
        requests: [
          {
            method: 'POST',
            path: p.tokenPath,
            headers: form(auth),
            body: 'grant_type=client_credentials&scope=accounts%3Aread',
            onResponse: (status, body) => count(checkTokenResponse(status, body, { alg })),
          },
        ],
      };
    }
    case 'authorization_code': {
      type Context = { verifier?: string; state?: string; code?: string };
      return {
        tally,
        requests: [
          {
            method: 'GET',
            setupRequest: (request, context: Context) => {
              context.verifier = randomBytes(32).toString('base64url');
              context.state = randomBytes(8).toString('base64url');
              const params = new URLSearchParams({
                client_id: p.clientId,
                response_type: 'code',
                redirect_uri: REDIRECT_URI,
                scope: p.codeScope,
                state: context.state,
                code_challenge: createHash('sha256').update(context.verifier).digest('base64url'),
                code_challenge_method: 'S256',
              });
              return { ...request, path: `${p.authorizePath}?${params}`, headers: { cookie: p.cookie } };
            },
            onResponse: (status, _body, context: Context, headers) => {
              const got = codeFrom(
                status,
                header(headers as Record<string, unknown>, 'location'),
                REDIRECT_URI,
              );
              if (got && got.state === context.state) context.code = got.code;
              else tally.failed++;
            },
          },
          {
            method: 'POST',
            // No code (the authorize answer was wrong, and counted): skip to the next flow.
            setupRequest: (request, context: Context) =>
              context.code
                ? {
                    ...request,
                    path: p.tokenPath,
                    headers: form(p.appAuth),
                    body: new URLSearchParams({
                      grant_type: 'authorization_code',
                      code: context.code,
                      code_verifier: context.verifier!,
                      redirect_uri: REDIRECT_URI,
                    }).toString(),
                  }
                : (undefined as never),
            onResponse: (status, body) =>
              count(checkTokenResponse(status, body, { alg: 'RS256', idToken: true })),
          },
        ],
      };
    }
    case 'userinfo': {
      if (!p.userAccessToken || !p.userinfoPath) return undefined;
      const token = await p.userAccessToken();
      const sub = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sub as string;
      return {
        tally,
        requests: [
          {
            method: 'GET',
            path: p.userinfoPath,
            headers: { authorization: `Bearer ${token}` },
            onResponse: (status, body) => count(status === 200 && jsonOf(body)?.sub === sub),
          },
        ],
      };
    }
    case 'introspection': {
      if (!p.userAccessToken || !p.introspectionPath) return undefined;
      const token = await p.userAccessToken();
      return {
        tally,
        requests: [
          {
            method: 'POST',
            path: p.introspectionPath,
            headers: form(p.appAuth),
            body: `token=${encodeURIComponent(token)}`,
            onResponse: (status, body) =>
              count(
                status === 200 && jsonOf(body)?.active === true && jsonOf(body)?.client_id === p.clientId,
              ),
          },
        ],
      };
    }
    case 'entitlements': {
      if (!p.entitlements) return undefined;
      const token = await p.entitlements.serviceToken();
      return {
        tally,
        requests: [
          {
            method: 'GET',
            path: p.entitlements.path,
            headers: { authorization: `Bearer ${token}` },
            onResponse: (status, body) => {
              const tiers = jsonOf(body)?.tiers;
              count(status === 200 && Array.isArray(tiers) && tiers.includes('vip'));
            },
          },
        ],
      };
    }
    case 'refresh': {
      // Each request in flight rotates a chain of its own: reusing a token would revoke its whole family. A
      // token taken for a request that was still in flight (or only built) when a round ended may have been
      // rotated already, so it is dropped, and the pool is topped up with new chains before the next round.
      const pool: string[] = [];
      const taken = new Set<string>();
      type Context = { token?: string };
      return {
        tally,
        beforeRound: async () => {
          taken.clear();
          const missing = p.connections * 2 - pool.length;
          if (missing > 0) pool.push(...(await p.refreshTokens(missing)));
        },
        requests: [
          {
            method: 'POST',
            path: p.tokenPath,
            headers: form(p.appAuth),
            setupRequest: (request, context: Context) => {
              // An empty pool (chains lost to failures, already counted) sends a token the server must refuse.
              context.token = pool.shift() ?? 'no-chain-left';
              taken.add(context.token);
              return {
                ...request,
                body: `grant_type=refresh_token&refresh_token=${encodeURIComponent(context.token)}`,
              };
            },
            onResponse: (status, body, context: Context) => {
              taken.delete(context.token!);
              const parsed = checkTokenResponse(status, body, {
                alg: 'RS256',
                idToken: true,
                refreshToken: true,
              });
              const next = parsed?.refresh_token;
              if (typeof next === 'string' && next !== context.token) {
                pool.push(next);
                tally.done++;
              } else tally.failed++;
            },
          },
        ],
      };
    }
  }
}
