import { randomBytes, timingSafeEqual } from 'node:crypto';
import { BACKCHANNEL_LOGOUT_EVENT } from '@orbit/contracts';
import { AppError } from '@orbit/http';
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { html } from 'hono/html';
import * as oidc from 'openid-client';
import { type Clock, clientRejected, type HubConnection, hubUnreachable } from './hub-connection.js';
import { createLoginSealer, type PendingLogin, safeReturnTo } from './login-state.js';
import type { ResolvedPaths } from './paths.js';
import type { OrbitLogger } from './service.js';
import type { ServiceSessions } from './sessions.js';
import { type BilingualText, systemPage } from './system-page.js';
import { type OrbitUser, userFromClaims } from './user.js';
import type { UserTokens } from './user-tokens.js';

const BACKCHANNEL_EVENT = BACKCHANNEL_LOGOUT_EVENT;

export interface AuthRouteDeps {
  connection: HubConnection;
  sessions: ServiceSessions;
  clock: Clock;
  publicUrl: string;
  paths: ResolvedPaths;
  scopes: readonly string[];
  serviceName: string;
  secureCookies: boolean;
  /** Which acr a step-up sign-in must come back with. */
  stepUpSatisfied: (user: OrbitUser, acr: string, maxAgeSeconds: number | undefined) => boolean;
  endSessions: (logout: { sid?: string; sub?: string }) => Promise<number>;
  badge: () => ((user: { sub: string }) => Promise<{ count: number }>) | undefined;
  /** Receives the hub's membership-change events (`membership-events.ts`). */
  membershipEvents: (c: Context) => Promise<Response>;
  /** Answers the hub's call for an account's part of a data export (`data-export.ts`). */
  dataExport: (c: Context) => Promise<Response>;
  logger: OrbitLogger;
  /** Seals the user's hub tokens for the session, for calls on their behalf (calls.ts). */
  sealUserTokens: (tokens: UserTokens) => Promise<string>;
}

/** A sign-in problem, as a system page of the service shell's family (system-page.ts). */
const problemPage = (title: string, message: string, links: { href: string; label: string }[]) =>
  systemPage({ title, message, links });

const confirmLogoutPage = (serviceName: string, action: string, token: string) => html`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width" /><title>Sign out</title></head>
  <body style="font: 16px system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem">
    <h1 style="font-size: 1.4rem">Sign out of ${serviceName} and Orbit?</h1>
    <form method="post" action="${action}">
      <input type="hidden" name="${LOGOUT_TOKEN_FIELD}" value="${token}" />
      <button type="submit" data-testid="sdk-confirm-logout">Sign out</button>
      <a href="/">Stay signed in</a>
    </form>
  </body>
</html>`;

/** The confirmation form's field holding its one-time token (double-submitted in a cookie). */
const LOGOUT_TOKEN_FIELD = 'orbit_logout_token';
const LOGOUT_TOKEN_SECONDS = 600;

const sameToken = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Whether a sign-out request comes from one of this service's own pages, so it may end the session at once.
 *
 * Fetch Metadata decides first: `Sec-Fetch-Site` is set by the browser alone (no page script can set or forge
 * it) and says `same-origin` for a form or link on our own page whatever its referrer policy — while under the
 * `Referrer-Policy: no-referrer` every Orbit page sends (`orbitSecureHeaders`), Chromium posts that same form with
 * `Origin: null`. Treating `null` as another site is what made the sign-out loop: the confirmation page's own
 * button was refused the same way, forever. `null` itself is never trusted — it is also what a sandboxed frame
 * or a cross-site redirect sends. `none` (typed into the address bar, a bookmark) is fine for a GET only.
 * Browsers without Fetch Metadata show a POST's origin in `Origin`; their GETs (a plain link) can't be told
 * apart from another site's link, so they are asked.
 */
function fromOwnPage(c: Context, ownOrigin: string): boolean {
  const site = c.req.header('sec-fetch-site');
  const origin = c.req.header('origin');
  if (origin && origin !== ownOrigin && origin !== 'null') return false;
  if (site) return site === 'same-origin' || (site === 'none' && c.req.method === 'GET');
  return c.req.method === 'POST' && origin === ownOrigin;
}

/**
 * The relying-party routes every service mounts: sign-in (`login` → hub → `callback`), sign-out, the
 * back-channel logout receiver (OIDC Back-Channel Logout 1.0 §2.5–2.8), the launcher badge and the
 * membership-event receiver.
 */
export function authRoutes(deps: AuthRouteDeps) {
  const { connection, sessions, clock, paths } = deps;
  const ownOrigin = new URL(deps.publicUrl).origin;
  const sealer = createLoginSealer(() => connection.clientSecret(), connection.clientId);
  const loginCookieOptions = {
    path: paths.callback,
    httpOnly: true,
    sameSite: 'Lax',
    secure: deps.secureCookies,
    maxAge: sealer.lifetimeSeconds,
  } as const;

  async function hubConfig() {
    try {
      return await connection.config();
    } catch (error) {
      if (error instanceof AppError) throw error;
      const unavailable = new AppError(503, 'hub.unavailable', 'The Orbit hub could not be reached.');
      unavailable.cause = error;
      throw unavailable;
    }
  }

  const login = async (c: Context) => {
    const config = await hubConfig();
    const query = c.req.query();
    const pending: PendingLogin = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      returnTo: safeReturnTo(query.return_to),
    };
    if (query.acr) pending.acr = query.acr;
    if (query.max_age && /^\d{1,7}$/.test(query.max_age)) pending.maxAge = Number(query.max_age);
    if (query.prompt === 'login' || query.prompt === 'none') pending.prompt = query.prompt;
    setCookie(
      c,
      sealer.cookieName(pending.state),
      await sealer.seal(pending, clock.now()),
      loginCookieOptions,
    );
    const params: Record<string, string> = {
      redirect_uri: paths.callbackUrl,
      scope: deps.scopes.join(' '),
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    };
    if (pending.acr) params.acr_values = pending.acr;
    if (pending.maxAge !== undefined) params.max_age = String(pending.maxAge);
    if (pending.prompt) params.prompt = pending.prompt;
    if (query.ui_locales) params.ui_locales = query.ui_locales.slice(0, 100);
    c.header('Cache-Control', 'no-store');
    return c.redirect(oidc.buildAuthorizationUrl(config, params).href, 302);
  };

  /** The link that starts a step-up sign-in again, to come back to `returnTo`. */
  const stepUpUrl = (pending: PendingLogin) => {
    const query = new URLSearchParams({ return_to: pending.returnTo });
    if (pending.acr) query.set('acr', pending.acr);
    if (pending.maxAge !== undefined) query.set('max_age', String(pending.maxAge));
    return `${paths.login}?${query}`;
  };

  /**
   * A step-up that did not happen: the user cancelled at the hub, or has no passkey to confirm with. The service
   * session they had goes on as it was; nothing sends them back to the hub by itself (no loop), they choose.
   */
  const passkeyNeeded = (c: Context, pending: PendingLogin, message: BilingualText) =>
    c.html(
      systemPage({
        serviceName: deps.serviceName,
        title: { en: 'A passkey is needed', 'zh-CN': '需要通行密钥' },
        message,
        links: [
          { href: stepUpUrl(pending), label: { en: 'Confirm with a passkey', 'zh-CN': '使用通行密钥确认' } },
          {
            href: paths.home,
            label: { en: `Back to ${deps.serviceName}`, 'zh-CN': `返回${deps.serviceName}` },
          },
        ],
      }),
      403,
    );

  const callback = async (c: Context) => {
    c.header('Cache-Control', 'no-store');
    const url = new URL(c.req.url);
    const state = url.searchParams.get('state') ?? '';
    const cookieName = sealer.cookieName(state);
    const sealed = getCookie(c, cookieName);
    deleteCookie(c, cookieName, loginCookieOptions);
    const pending = sealed ? await sealer.open(sealed, clock.now()) : undefined;
    const retry = [
      {
        href: `${paths.login}?return_to=${encodeURIComponent(pending?.returnTo ?? '/')}`,
        label: 'Try again',
      },
    ];
    if (!pending || pending.state !== state) {
      return c.html(
        problemPage(
          'Sign-in expired',
          `This sign-in to ${deps.serviceName} was started too long ago or in another browser.`,
          retry,
        ),
        400,
      );
    }
    const hubError = url.searchParams.get('error');
    if (hubError) {
      // With prompt=none the hub answers login_required when nobody is signed in there: not a failure.
      if (pending.prompt === 'none') return c.redirect(pending.returnTo, 302);
      // OIDC Core §3.1.2.6: the hub could not get the acr asked for (the user cancelled the passkey step).
      if (pending.acr && hubError === 'unmet_authentication_requirements') {
        return passkeyNeeded(c, pending, {
          en: `This action in ${deps.serviceName} needs you to confirm it with a passkey, and that was not done, so nothing was changed. You are still signed in.`,
          'zh-CN': `${deps.serviceName}中的此操作需要您使用通行密钥确认，但确认未完成，因此未做任何更改。您仍处于登录状态。`,
        });
      }
      const description = url.searchParams.get('error_description') ?? hubError;
      return c.html(problemPage('Sign-in did not finish', description, retry), 400);
    }
    await hubConfig();
    // The callback URL as the hub redirected to it: our public URL, whatever host the request came in on.
    const current = new URL(`${paths.callbackUrl}${url.search}`);
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await connection.withClient((cfg) =>
        oidc.authorizationCodeGrant(cfg, current, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
          ...(pending.maxAge !== undefined ? { maxAge: pending.maxAge } : {}),
        }),
      );
    } catch (error) {
      return signInRefused(c, error, retry);
    }
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) {
      return c.html(problemPage('Sign-in did not finish', 'The hub sent no ID token.', retry), 400);
    }
    const user = userFromClaims(claims, clock.now(), connection.clientId);
    // The user's access and refresh tokens stay with the session (sealed): calls to other services on the
    // user's behalf are exchanged from them.
    const hubTokens = await deps.sealUserTokens({
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresAt: deps.clock.now().getTime() + (tokens.expires_in ?? 60) * 1000,
    });
    await sessions.start(c, user, tokens.id_token, hubTokens);
    if (pending.acr && !deps.stepUpSatisfied(user, pending.acr, pending.maxAge)) {
      return passkeyNeeded(c, pending, {
        en: `This action in ${deps.serviceName} needs you to confirm it with a passkey. Add a passkey to your Orbit account, then try again.`,
        'zh-CN': `${deps.serviceName}中的此操作需要您使用通行密钥确认。请先为您的 Orbit 账号添加通行密钥，然后重试。`,
      });
    }
    return c.redirect(pending.returnTo, 302);
  };

  /**
   * The code exchange failed. The user gets a page in plain words, never the library's error text; the
   * operator gets a log line. `invalid_client` (after the SDK read its credentials again) means the hub refuses
   * this service's client secret: the service can sign nobody in until its operator fixes that.
   */
  const signInRefused = (c: Context, error: unknown, retry: { href: string; label: string }[]) => {
    if (clientRejected(error)) {
      deps.logger.error(
        {
          event: 'orbit.client_secret_refused',
          clientId: connection.clientId,
          hub: connection.issuer,
          credentials: connection.credentialsOrigin,
        },
        `The Orbit hub refused this service's client secret (invalid_client), so nobody can sign in to ${deps.serviceName}. ` +
          `Rotate it (npm run orbit -- services:rotate-secret ${connection.clientId}, or Admin > Services in the portal) ` +
          `or put the current secret in ${connection.credentialsOrigin}; the service reads the file again by itself.`,
      );
      return c.html(
        problemPage(
          'Sign-in is unavailable',
          `${deps.serviceName} can’t sign anyone in right now because of a problem with its setup at Orbit. Nothing is wrong with your account. Please try again later; the service’s operator has been told.`,
          [...retry, { href: connection.issuer, label: 'Go to Orbit' }],
        ),
        503,
      );
    }
    if (hubUnreachable(error)) {
      // The hub is restarting or overloaded: the sign-in itself was fine, and starting it again will work.
      (deps.logger.warn ?? deps.logger.error).call(
        deps.logger,
        {
          event: 'orbit.hub_unavailable',
          clientId: connection.clientId,
          hub: connection.issuer,
          detail: error instanceof Error ? error.message : String(error),
        },
        `The Orbit hub could not be reached to finish a sign-in to ${deps.serviceName}.`,
      );
      c.header('Retry-After', '1');
      return c.html(
        problemPage(
          'Orbit can’t be reached right now',
          `The sign-in to ${deps.serviceName} could not be finished because Orbit did not answer. Nothing is wrong with your account. Please try again in a moment.`,
          retry,
        ),
        503,
      );
    }
    deps.logger.error(
      {
        event: 'orbit.sign_in_failed',
        clientId: connection.clientId,
        error: error instanceof oidc.ResponseBodyError ? error.error : (error as Error)?.name,
        detail: error instanceof Error ? error.message : String(error),
      },
      `A sign-in to ${deps.serviceName} failed at the code exchange.`,
    );
    return c.html(
      problemPage(
        'Sign-in did not finish',
        `The sign-in to ${deps.serviceName} could not be completed (it may have expired or been used already). Please try again.`,
        retry,
      ),
      400,
    );
  };

  /**
   * The cookie half of the confirmation form's token: `SameSite=Strict`, so only a request from a page of this
   * site carries it, and with the session cookie's `__Host-` prefix over https, so no sibling subdomain can plant
   * one. Another site can neither read the form's half nor set this one.
   */
  const logoutTokenCookie = `${sessions.cookieName}_signout`;
  const logoutTokenOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'Strict',
    secure: deps.secureCookies,
    maxAge: LOGOUT_TOKEN_SECONDS,
  } as const;

  /** A POST from our own confirmation page in a browser that sent neither our origin nor Fetch Metadata. */
  const confirmedWithToken = async (c: Context) => {
    if (c.req.method !== 'POST') return false;
    const expected = getCookie(c, logoutTokenCookie);
    if (!expected) return false;
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const given = form[LOGOUT_TOKEN_FIELD];
    return typeof given === 'string' && sameToken(given, expected);
  };

  const logout = async (c: Context) => {
    if (!fromOwnPage(c, ownOrigin) && !(await confirmedWithToken(c))) {
      // Another site may not sign the user out behind their back (logout CSRF): ask, with a form of our own
      // whose token works in any browser, and a referrer policy under which it keeps our origin.
      const token = randomBytes(32).toString('base64url');
      setCookie(c, logoutTokenCookie, token, logoutTokenOptions);
      c.header('Cache-Control', 'no-store');
      c.header('Referrer-Policy', 'same-origin');
      return c.html(confirmLogoutPage(deps.serviceName, paths.logout, token), 200);
    }
    if (getCookie(c, logoutTokenCookie)) deleteCookie(c, logoutTokenCookie, logoutTokenOptions);
    const idToken = await sessions.end(c);
    c.header('Cache-Control', 'no-store');
    let config: oidc.Configuration;
    try {
      config = await connection.config();
    } catch {
      return c.redirect(paths.postLogout, 302); // signed out here at least
    }
    const params: Record<string, string> = {
      client_id: connection.clientId,
      post_logout_redirect_uri: paths.postLogoutUrl,
    };
    if (idToken) params.id_token_hint = idToken;
    return c.redirect(oidc.buildEndSessionUrl(config, params).href, 302);
  };

  const backchannelLogout = async (c: Context) => {
    c.header('Cache-Control', 'no-store');
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const token = typeof form.logout_token === 'string' ? form.logout_token : undefined;
    const refuse = (description: string) =>
      c.json({ error: 'invalid_request', error_description: description }, 400);
    if (!token) return refuse('logout_token is required.');
    let claims: Awaited<ReturnType<HubConnection['verify']>>;
    try {
      claims = await connection.verify(token, 'logout+jwt');
    } catch {
      return refuse('The logout token is not valid.');
    }
    const events = claims.events as Record<string, unknown> | undefined;
    // §2.6: a logout token carries the back-channel event, sub or sid, a jti, and never a nonce.
    if (!events || typeof events !== 'object' || !(BACKCHANNEL_EVENT in events)) {
      return refuse('The logout token lacks the back-channel logout event.');
    }
    if ('nonce' in claims || (!claims.sub && !claims.sid) || !claims.jti) {
      return refuse('The logout token is not well formed.');
    }
    await deps.endSessions({
      ...(typeof claims.sid === 'string' ? { sid: claims.sid } : {}),
      ...(typeof claims.sub === 'string' ? { sub: claims.sub } : {}),
    });
    return c.body(null, 200);
  };

  const badge = async (c: Context) => {
    const handler = deps.badge();
    if (!handler) throw new AppError(404, 'badge.none', 'This service shows no badge.');
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    if (!match?.[1]) throw new AppError(401, 'token.invalid', 'A badge token from the hub is required.');
    let sub: string | undefined;
    try {
      sub = (await connection.verify(match[1], 'orbit-badge+jwt')).sub;
    } catch {
      sub = undefined;
    }
    if (!sub) throw new AppError(401, 'token.invalid', 'The badge token is not valid.');
    const { count } = await handler({ sub });
    c.header('Cache-Control', 'no-store');
    return c.json({ count: Math.max(0, Math.floor(count)) });
  };

  const routes = new Hono()
    .get(paths.login, login)
    .get(paths.callback, callback)
    .get(paths.logout, logout)
    .post(paths.logout, logout)
    .post(paths.backchannelLogout, backchannelLogout)
    .get(paths.badge, badge)
    .post(paths.events, deps.membershipEvents)
    .post(paths.dataExport, deps.dataExport);
  return routes;
}
