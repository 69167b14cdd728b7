import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Config, createServices, openHubDatabase, systemClock } from '@orbit/identity';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import * as oidc from 'openid-client';

type ClientInput = Parameters<ReturnType<typeof createServices>['clients']['create']>[0];

const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

export interface RelyingParty {
  /** Its client id, e.g. `mail`. */
  id: string;
  /** Its own origin, e.g. `http://localhost:41234`. */
  url: string;
  /** How the hub registers it: a first-party confidential client with its redirect and logout URIs. */
  registration: ClientInput;
  /** The `sid`s of the valid logout tokens it received on its back-channel. */
  loggedOutSids: string[];
  /** Discovers the hub (openid-client) and starts using the secret its registration was given. */
  connect(hubUrl: string, clientSecret: string): Promise<void>;
  close(): Promise<void>;
}

const page = (title: string, status: string) => html`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>${title}</title></head>
  <body style="font: 18px system-ui, sans-serif; margin: 3rem">
    <h1>${title}</h1>
    <p data-testid="rp-status">${status}</p>
    <p><a data-testid="rp-login" href="/login">Sign in with Orbit</a> · <a data-testid="rp-logout" href="/logout">Sign out</a></p>
  </body>
</html>`;

/**
 * A tiny web application that signs its users in through the hub, as a real relying party would: the
 * authorization code flow with PKCE (openid-client), RP-initiated logout, and back-channel logout. Its state —
 * pending sign-ins and sessions — lives in memory, keyed by random cookies. All relying parties share the host
 * `localhost` (cookies ignore the port), so each names its cookies after its client id.
 */
export async function startRelyingParty(id: string, title: string): Promise<RelyingParty> {
  const logins = new Map<string, { verifier: string; state: string; nonce: string }>();
  const sessions = new Map<string, { name: string; sub: string; sid: string | undefined; idToken: string }>();
  const loginCookie = `${id}_rp_login`;
  const sessionCookie = `${id}_rp_session`;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'Lax' } as const;
  let hub: { config: oidc.Configuration; verifyLogoutToken(token: string): Promise<JWTPayload> } | undefined;
  const connected = () => {
    if (!hub) throw new Error(`${id}: not connected to the hub yet`);
    return hub;
  };
  const loggedOutSids: string[] = [];

  const app = new Hono()
    .get('/', (c) => {
      const session = sessions.get(getCookie(c, sessionCookie) ?? '');
      return c.html(page(title, session ? `Signed in as ${session.name}` : 'Signed out'));
    })
    .get('/signed-out', (c) => c.html(page(title, 'Signed out')))
    .get('/login', async (c) => {
      const { config } = connected();
      const login = {
        verifier: oidc.randomPKCECodeVerifier(),
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
      };
      const key = randomBytes(16).toString('base64url');
      logins.set(key, login);
      setCookie(c, loginCookie, key, cookieOptions);
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: `${rp.url}/callback`,
        scope: 'openid profile',
        state: login.state,
        nonce: login.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(login.verifier),
        code_challenge_method: 'S256',
      });
      return c.redirect(url.href);
    })
    .get('/callback', async (c) => {
      const key = getCookie(c, loginCookie) ?? '';
      const login = logins.get(key);
      if (!login) return c.text('No sign-in in progress.', 400);
      logins.delete(key);
      deleteCookie(c, loginCookie, cookieOptions);
      const tokens = await oidc.authorizationCodeGrant(
        connected().config,
        new URL(`/callback${new URL(c.req.url).search}`, rp.url),
        {
          pkceCodeVerifier: login.verifier,
          expectedState: login.state,
          expectedNonce: login.nonce,
          idTokenExpected: true,
        },
      );
      const claims = tokens.claims()!;
      const sessionKey = randomBytes(16).toString('base64url');
      sessions.set(sessionKey, {
        name: typeof claims.name === 'string' ? claims.name : claims.sub,
        sub: claims.sub,
        sid: typeof claims.sid === 'string' ? claims.sid : undefined,
        idToken: tokens.id_token!,
      });
      setCookie(c, sessionCookie, sessionKey, cookieOptions);
      return c.redirect('/');
    })
    .get('/logout', (c) => {
      const key = getCookie(c, sessionCookie) ?? '';
      const session = sessions.get(key);
      sessions.delete(key);
      deleteCookie(c, sessionCookie, cookieOptions);
      if (!session) return c.redirect('/signed-out');
      const url = oidc.buildEndSessionUrl(connected().config, {
        id_token_hint: session.idToken,
        post_logout_redirect_uri: `${rp.url}/signed-out`,
      });
      return c.redirect(url.href);
    })
    .post('/backchannel', async (c) => {
      c.header('Cache-Control', 'no-store');
      const token = (await c.req.parseBody()).logout_token;
      let claims: JWTPayload;
      try {
        if (typeof token !== 'string') throw new Error('no logout_token');
        claims = await connected().verifyLogoutToken(token);
      } catch {
        return c.json({ error: 'invalid_request' }, 400);
      }
      for (const [key, session] of sessions) {
        if (claims.sid ? session.sid === claims.sid : session.sub === claims.sub) sessions.delete(key);
      }
      if (typeof claims.sid === 'string') loggedOutSids.push(claims.sid);
      return c.body(null, 200);
    });
  app.onError((error, c) => c.text(`${id}: ${error.message}`, 500));

  // Port 0: the system picks a free one, with no window for another process to take it.
  const server = serve({ fetch: app.fetch, port: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;

  const rp: RelyingParty = {
    id,
    url,
    registration: {
      id,
      name: title,
      type: 'confidential',
      firstParty: true,
      redirectUris: [`${url}/callback`],
      postLogoutRedirectUris: [`${url}/signed-out`],
      backchannelLogoutUri: `${url}/backchannel`,
      grantTypes: ['authorization_code'],
      scopes: ['openid', 'profile'],
    },
    loggedOutSids,
    async connect(hubUrl, clientSecret) {
      const config = await oidc.discovery(
        new URL(hubUrl),
        id,
        clientSecret,
        oidc.ClientSecretBasic(clientSecret),
        {
          execute: [oidc.allowInsecureRequests],
        },
      );
      const { issuer, jwks_uri: jwksUri } = config.serverMetadata();
      const jwks = createRemoteJWKSet(new URL(jwksUri!));
      hub = {
        config,
        // OpenID Connect Back-Channel Logout 1.0 §2.6: signed by the hub, for us, with the logout event, no nonce.
        async verifyLogoutToken(token) {
          const { payload } = await jwtVerify(token, jwks, { issuer, audience: id, typ: 'logout+jwt' });
          const events = payload.events as Record<string, unknown> | undefined;
          if (typeof events?.[BACKCHANNEL_EVENT] !== 'object') throw new Error('not a logout event');
          if ('nonce' in payload) throw new Error('a logout token has no nonce');
          if (!payload.sid && !payload.sub) throw new Error('no sid or sub');
          return payload;
        },
      };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return rp;
}

/**
 * Registers the relying parties as clients straight in the hub's database, before the hub starts (embedded
 * PGlite can be open only once at a time). `keyEncryptionKey` must be the one the hub is given. Answers each
 * client's secret, by client id.
 */
export async function registerRelyingParties(
  config: Config,
  keyEncryptionKey: Buffer,
  rps: RelyingParty[],
): Promise<Record<string, string>> {
  const handle = await openHubDatabase(config);
  try {
    const { clients } = createServices(config, { db: handle.db, clock: systemClock, keyEncryptionKey });
    const secrets: Record<string, string> = {};
    for (const rp of rps) {
      const { clientSecret } = await clients.create(rp.registration);
      secrets[rp.id] = clientSecret!;
    }
    return secrets;
  } finally {
    await handle.close();
  }
}
