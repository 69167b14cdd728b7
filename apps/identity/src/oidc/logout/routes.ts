import { timingSafeEqual } from 'node:crypto';
import { INVALID_TEXT_MESSAGE, isStorableText } from '@orbit/http';
import { type Context, Hono } from 'hono';
import type { HubEnv } from '../../env.js';
import type { SessionCookie } from '../../kernel/guards.js';
import { csrfTokenFor } from '../../kernel/guards.js';
import type { Sessions } from '../../sessions/index.js';
import { pickLanguage, renderErrorPage } from '../authorize/error-page.js';
import type { Clients } from '../clients/clients.js';
import type { Tokens } from '../tokens.js';
import { renderLogoutConfirmation } from './confirm-page.js';

async function readParams(c: Context): Promise<Record<string, string>> {
  const source =
    c.req.method === 'POST' ? new URLSearchParams(await c.req.text()) : new URL(c.req.url).searchParams;
  return Object.fromEntries(source);
}

const same = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0). The hub session ends (and with it, through the
 * back-channel, every client's); the browser returns to the client only at a post-logout URI it registered.
 * Without an `id_token_hint` naming the current session, the user confirms first, so no other site can sign
 * them out behind their back.
 */
export function logoutRoutes(deps: {
  clients: Clients;
  tokens: Tokens;
  sessions: Sessions;
  cookie: SessionCookie;
}) {
  const { clients, tokens, sessions, cookie } = deps;

  async function resolve(c: Context<HubEnv>, params: Record<string, string>) {
    const lang = pickLanguage(params.ui_locales, c.req.header('accept-language'));
    const fail = (code: string, message: string) => ({
      error: c.html(renderErrorPage(lang, code, message), 400),
    });
    if (Object.entries(params).some(([key, value]) => !isStorableText(key) || !isStorableText(value))) {
      return fail('invalid_request', INVALID_TEXT_MESSAGE);
    }
    let hint: Awaited<ReturnType<Tokens['verifyIdTokenHint']>>;
    // A hint that isn't an ID token of ours proves nothing: the user is asked, as with no hint at all
    // (RP-Initiated Logout §2: the OP asks whenever it can't tell the request came from the user's client).
    if (params.id_token_hint) hint = await tokens.verifyIdTokenHint(params.id_token_hint);
    const hintedClient =
      typeof hint?.aud === 'string' ? hint.aud : Array.isArray(hint?.aud) ? hint.aud[0] : undefined;
    if (params.client_id && hintedClient && params.client_id !== hintedClient) {
      return fail('invalid_request', 'client_id does not match the id_token_hint.');
    }
    const clientId = params.client_id ?? hintedClient;
    let redirect: string | undefined;
    if (params.post_logout_redirect_uri) {
      const client = clientId ? await clients.get(clientId) : undefined;
      if (!client?.postLogoutRedirectUris.includes(params.post_logout_redirect_uri)) {
        return fail(
          'invalid_request',
          'The post_logout_redirect_uri is not one this application registered.',
        );
      }
      const url = new URL(params.post_logout_redirect_uri);
      if (params.state) url.searchParams.set('state', params.state);
      redirect = url.toString();
    }
    return { lang, hint, redirect: redirect ?? '/signin?signed_out=1' };
  }

  const endSession = async (c: Context<HubEnv>) => {
    const auth = c.get('auth');
    if (auth) await sessions.revokeByToken(auth.token);
    cookie.clear(c);
  };

  const logout = async (c: Context<HubEnv>) => {
    c.header('Cache-Control', 'no-store');
    const params = await readParams(c);
    const resolved = await resolve(c, params);
    if ('error' in resolved) return resolved.error;
    const auth = c.get('auth');
    // The hint must be this user's, and of this session when it names one; anything else is confirmed first.
    const hintMatches =
      auth &&
      resolved.hint &&
      resolved.hint.sub === auth.account.id &&
      (!resolved.hint.sid || resolved.hint.sid === auth.session.id);
    if (!auth || hintMatches) {
      await endSession(c);
      return c.redirect(resolved.redirect, 302);
    }
    const client =
      params.client_id ?? (typeof resolved.hint?.aud === 'string' ? resolved.hint.aud : undefined);
    const clientName = client ? (await clients.get(client))?.name : undefined;
    // The confirmation form may end in a redirect to the client's post-logout URI: allow that origin as a form
    // target (browsers apply form-action to the redirects that follow a submission).
    const target = URL.canParse(resolved.redirect) ? ` ${new URL(resolved.redirect).origin}` : '';
    c.header(
      'Content-Security-Policy',
      `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'${target}; frame-ancestors 'none'; base-uri 'none'`,
    );
    return c.html(
      renderLogoutConfirmation(resolved.lang, {
        params,
        csrfToken: csrfTokenFor(auth.token),
        clientName,
        accountName: auth.account.displayName,
      }),
    );
  };

  return new Hono<HubEnv>()
    .get('/logout', logout)
    .post('/logout', logout)
    .post('/logout/confirm', async (c) => {
      c.header('Cache-Control', 'no-store');
      const params = await readParams(c);
      const { csrf_token: csrf = '', decision, ...rest } = params;
      const resolved = await resolve(c, rest);
      if ('error' in resolved) return resolved.error;
      const auth = c.get('auth');
      if (auth && decision === 'logout') {
        if (!same(csrf, csrfTokenFor(auth.token))) {
          return c.html(
            renderErrorPage(resolved.lang, 'invalid_request', 'The sign-out form expired; try again.'),
            403,
          );
        }
        await endSession(c);
        return c.redirect(resolved.redirect, 302);
      }
      return c.redirect(auth ? '/account' : resolved.redirect, 302);
    });
}
