import { consentApi } from '@orbit/contracts';
import { endpointRoutes, INVALID_TEXT_MESSAGE, isStorableText } from '@orbit/http';
import { type Context, Hono } from 'hono';
import type { HubEnv } from '../../env.js';
import { authOf, requireSession } from '../../kernel/guards.js';
import type { Clients } from '../clients/clients.js';
import { OIDC_ERRORS } from '../errors.js';
import type { BrowserBinding } from './browser-binding.js';
import { pickLanguage, renderErrorPage } from './error-page.js';
import type { AuthorizationFlow, Decision } from './flow.js';
import {
  AuthorizationError,
  clientRedirect,
  UntrustedRedirectError,
  validateAuthorizationRequest,
} from './request.js';

async function readParams(c: Context): Promise<Record<string, string>> {
  const source =
    c.req.method === 'POST' ? new URLSearchParams(await c.req.text()) : new URL(c.req.url).searchParams;
  const params: Record<string, string> = {};
  // OAuth 2.0 §3.1: parameters must not repeat; the first value counts and repeats are refused below.
  for (const [key, value] of source) {
    if (key in params) params.__repeated = key;
    else params[key] = value;
  }
  return params;
}

/** The browser-facing side of the flow: the authorization endpoint and its continuation after sign-in. */
export function authorizeRoutes({
  flow,
  clients,
  issuer,
  binding,
}: {
  flow: AuthorizationFlow;
  clients: Clients;
  issuer: string;
  binding: BrowserBinding;
}) {
  const toBrowser = (c: Context<HubEnv>, decision: Decision) => {
    c.header('Cache-Control', 'no-store');
    switch (decision.kind) {
      case 'redirect':
        return c.redirect(decision.to, 302);
      case 'login': {
        const next = `/oidc/authorize/resume/${decision.interactionId}`;
        const query = new URLSearchParams({ return_to: next });
        if (decision.loginHint) query.set('login_hint', decision.loginHint);
        if (decision.uiLocales) query.set('ui_locales', decision.uiLocales);
        return c.redirect(`/signin?${query}`, 302);
      }
      case 'step_up': {
        const query = new URLSearchParams({ return_to: `/oidc/authorize/resume/${decision.interactionId}` });
        if (decision.uiLocales) query.set('ui_locales', decision.uiLocales);
        return c.redirect(`/signin/step-up?${query}`, 302);
      }
      case 'consent': {
        const query = new URLSearchParams({ interaction: decision.interactionId });
        if (decision.uiLocales) query.set('ui_locales', decision.uiLocales);
        return c.redirect(`/consent?${query}`, 302);
      }
    }
  };

  const authorize = async (c: Context<HubEnv>) => {
    const params = await readParams(c);
    const unstorable = Object.entries(params).find(
      ([key, value]) => !isStorableText(key) || !isStorableText(value),
    );
    if (unstorable) {
      // Nothing here can be trusted to redirect to (the bad value may be the redirect_uri): the hub's own page.
      c.header('Cache-Control', 'no-store');
      const lang = pickLanguage(
        isStorableText(params.ui_locales ?? '') ? params.ui_locales : undefined,
        c.req.header('accept-language'),
      );
      return c.html(renderErrorPage(lang, 'invalid_request', INVALID_TEXT_MESSAGE), 400);
    }
    const client = params.client_id ? await clients.get(params.client_id) : undefined;
    try {
      const request = validateAuthorizationRequest(params, client);
      if (params.__repeated)
        throw new AuthorizationError('invalid_request', `Parameter ${params.__repeated} is repeated.`);
      return toBrowser(c, await flow.decide(request, c.get('auth'), undefined, () => binding.bind(c)));
    } catch (error) {
      if (error instanceof UntrustedRedirectError) {
        c.header('Cache-Control', 'no-store');
        return c.html(
          renderErrorPage(
            pickLanguage(params.ui_locales, c.req.header('accept-language')),
            error.code,
            error.message,
          ),
          400,
        );
      }
      if (error instanceof AuthorizationError) {
        return c.redirect(
          clientRedirect(params.redirect_uri!, issuer, {
            error: error.error,
            error_description: error.description,
            state: params.state,
          }),
          302,
        );
      }
      throw error;
    }
  };

  return new Hono<HubEnv>()
    .get('/authorize', authorize)
    .post('/authorize', authorize)
    .get('/authorize/resume/:id', async (c) => {
      const id = c.req.param('id');
      const decision =
        c.req.query('step_up') === 'cancel'
          ? await flow.cancelStepUp(id, binding.read(c))
          : await flow.resume(id, c.get('auth'), binding.read(c));
      if (!decision) {
        return c.html(
          renderErrorPage(
            pickLanguage(undefined, c.req.header('accept-language')),
            'interaction_expired',
            'This sign-in took too long; start again from the application.',
          ),
          400,
        );
      }
      return toBrowser(c, decision);
    });
}

/** JSON for the portal's consent page: what is asked, and the user's answer. */
export function consentApiRoutes({
  flow,
  clients,
  binding,
}: {
  flow: AuthorizationFlow;
  clients: Clients;
  binding: BrowserBinding;
}) {
  const expired = () => OIDC_ERRORS.interactionNotFound.error();
  return endpointRoutes<HubEnv>('/api')
    .on(consentApi.interaction, requireSession, async (c, { params }) => {
      const found = await flow.loadInteraction(params.id, binding.read(c));
      const client = found && (await clients.get(found.request.clientId));
      if (!found || !client) throw expired();
      return c.json({
        client: {
          id: client.id,
          name: client.name,
          redirectOrigin: new URL(found.request.redirectUri).origin,
        },
        scopes: found.request.scope.split(' '),
      });
    })
    .on(consentApi.answer, requireSession, async (c, { params, body: { approve } }) => {
      const decision = await flow.answerConsent(params.id, authOf(c), approve, binding.read(c));
      if (!decision) throw expired();
      if (decision.kind === 'redirect') return c.json({ redirectTo: decision.to });
      if (decision.kind === 'login' || decision.kind === 'step_up')
        return c.json({ redirectTo: `/oidc/authorize/resume/${decision.interactionId}` });
      return c.json({ redirectTo: `/consent?interaction=${decision.interactionId}` });
    }).app;
}
