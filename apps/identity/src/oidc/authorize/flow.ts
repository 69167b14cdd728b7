import { and, eq, gt, lt } from 'drizzle-orm';
import type { Accounts } from '../../accounts/index.js';
import type { Clock } from '../../clock.js';
import { randomToken } from '../../crypto.js';
import type { Authenticated } from '../../env.js';
import type { IdentityDb } from '../../kernel/db.js';
import { acrOf } from '../../sessions/index.js';
import { ACR_PASSKEY } from '../claims.js';
import type { Clients } from '../clients/clients.js';
import type { Grants } from '../grants.js';
import { consents, interactions } from '../schema.js';
import type { Tokens } from '../tokens.js';
import { AuthorizationError, type AuthorizationRequest, clientRedirect } from './request.js';

export type Decision =
  | { kind: 'redirect'; to: string }
  | { kind: 'login'; interactionId: string; loginHint: string | undefined; uiLocales: string | undefined }
  | { kind: 'consent'; interactionId: string; uiLocales: string | undefined }
  | { kind: 'step_up'; interactionId: string; uiLocales: string | undefined };

type StoredParams = Omit<AuthorizationRequest, 'prompt'> & { prompt: string[] };

const toStored = (r: AuthorizationRequest): StoredParams => ({ ...r, prompt: [...r.prompt] });
const fromStored = (p: StoredParams): AuthorizationRequest => ({ ...p, prompt: new Set(p.prompt) });

/**
 * The authorization code flow's decisions (OIDC Core §3.1.2): whether the user must sign in (again), must
 * consent, or gets a code now. An interaction keeps a request that waits on the user, so the portal's pages can
 * continue it.
 */
export function createAuthorizationFlow(deps: {
  db: IdentityDb;
  clock: Clock;
  issuer: string;
  interactionMs: number;
  clients: Clients;
  accounts: Accounts;
  grants: Grants;
  tokens: Tokens;
  /** Counts a sign-in into a service with the hub session as an active day; must not throw. */
  recordActivity?: (accountId: string) => Promise<void>;
}) {
  const { db, clock, issuer } = deps;

  async function saveInteraction(request: AuthorizationRequest, browserHash: string): Promise<string> {
    const id = randomToken(24);
    const now = clock.now();
    await db.delete(interactions).where(lt(interactions.expiresAt, now));
    await db
      .insert(interactions)
      .values({
        id,
        clientId: request.clientId,
        params: toStored(request) as unknown as Record<string, string>,
        browserHash,
        createdAt: now,
        expiresAt: new Date(now.getTime() + deps.interactionMs),
      })
      .onConflictDoNothing();
    return id;
  }

  async function hasConsent(accountId: string, clientId: string, scope: string): Promise<boolean> {
    const [row] = await db
      .select({ scopes: consents.scopes })
      .from(consents)
      .where(and(eq(consents.accountId, accountId), eq(consents.clientId, clientId)));
    return Boolean(row) && scope.split(' ').every((s) => row!.scopes.includes(s));
  }

  async function issueCode(request: AuthorizationRequest, auth: Authenticated): Promise<Decision> {
    const code = await deps.grants.issueCode(
      {
        clientId: request.clientId,
        accountId: auth.account.id,
        sessionId: auth.session.id,
        scope: request.scope,
        authTime: auth.session.authTime,
        acr: acrOf(auth.session),
        amr: auth.session.authMethods,
        nonce: request.nonce ?? null,
      },
      { redirectUri: request.redirectUri, codeChallenge: request.codeChallenge },
    );
    await deps.recordActivity?.(auth.account.id);
    return {
      kind: 'redirect',
      to: clientRedirect(request.redirectUri, issuer, { code, state: request.state }),
    };
  }

  /**
   * Decides what happens to a request. `signedInAfter` is when the interaction began: a sign-in made after it
   * satisfies `prompt=login` and `max_age`, however strict. A new interaction is bound to the browser
   * `bindBrowser` names (it sets the binding cookie and answers its hash).
   */
  async function decide(
    request: AuthorizationRequest,
    auth: Authenticated | undefined,
    interaction?: { id: string; createdAt: Date; consented?: boolean },
    bindBrowser?: () => string,
  ): Promise<Decision> {
    const save = () => {
      if (!bindBrowser) throw new Error('A new interaction needs the browser it is bound to.');
      return saveInteraction(request, bindBrowser());
    };
    const fail = (error: string, description: string): Decision => ({
      kind: 'redirect',
      to: clientRedirect(request.redirectUri, issuer, {
        error,
        error_description: description,
        state: request.state,
      }),
    });
    const freshSignIn = Boolean(auth && interaction && auth.session.authTime >= interaction.createdAt);
    // Asking for the passkey acr makes it essential here: a passkey assertion (made within max_age, when given)
    // is needed, and a step-up in the current session gives it — a fresh sign-in is not needed for that.
    const wantsPasskey = (request.acrValues ?? '').split(' ').includes(ACR_PASSKEY);
    const secondsSince = (time: Date) => (clock.now().getTime() - time.getTime()) / 1000;
    let needsLogin = !auth;
    if (auth && !freshSignIn) {
      if (request.prompt.has('login')) needsLogin = true;
      if (request.maxAge !== undefined && !wantsPasskey) {
        if (secondsSince(auth.session.authTime) > request.maxAge) needsLogin = true;
      }
      if (request.idTokenHint) {
        const hint = await deps.tokens.verifyIdTokenHint(request.idTokenHint);
        if (!hint) return fail('invalid_request', 'The id_token_hint is not valid.');
        if (hint.sub !== auth.account.id) needsLogin = true;
      }
    }
    if (needsLogin) {
      if (request.prompt.has('none')) return fail('login_required', 'The user must sign in.');
      return {
        kind: 'login',
        interactionId: interaction?.id ?? (await save()),
        loginHint: request.loginHint,
        uiLocales: request.uiLocales,
      };
    }
    const account = auth!;
    if (wantsPasskey) {
      const passkeyAt = account.session.passkeyAt;
      const passkeyFresh =
        passkeyAt !== null &&
        (request.maxAge === undefined ||
          secondsSince(passkeyAt) <= request.maxAge ||
          (interaction !== undefined && passkeyAt >= interaction.createdAt));
      if (!passkeyFresh) {
        if (request.prompt.has('none'))
          return fail('interaction_required', 'A passkey confirmation is needed.');
        return {
          kind: 'step_up',
          interactionId: interaction?.id ?? (await save()),
          uiLocales: request.uiLocales,
        };
      }
    }
    const client = await deps.clients.get(request.clientId);
    if (!client || client.disabledAt) return fail('unauthorized_client', 'The client is no longer enabled.');
    const consented =
      client.firstParty ||
      interaction?.consented ||
      (!request.prompt.has('consent') && (await hasConsent(account.account.id, client.id, request.scope)));
    if (!consented) {
      if (request.prompt.has('none')) return fail('consent_required', 'The user must consent.');
      return {
        kind: 'consent',
        interactionId: interaction?.id ?? (await save()),
        uiLocales: request.uiLocales,
      };
    }
    return issueCode(request, account);
  }

  /**
   * A live interaction, only for the browser that started it (`browserHash` of its binding cookie): to any other
   * it doesn't exist.
   */
  async function loadInteraction(id: string, browserHash: string | undefined) {
    if (!browserHash) return undefined;
    const [row] = await db
      .select()
      .from(interactions)
      .where(
        and(
          eq(interactions.id, id),
          eq(interactions.browserHash, browserHash),
          gt(interactions.expiresAt, clock.now()),
        ),
      );
    return row ? { row, request: fromStored(row.params as unknown as StoredParams) } : undefined;
  }

  return {
    decide,
    loadInteraction,

    /** Continues an interaction after the user signed in (or stepped up). */
    async resume(id: string, auth: Authenticated | undefined, browserHash: string | undefined) {
      const found = await loadInteraction(id, browserHash);
      if (!found) return undefined;
      return decide(found.request, auth, { id, createdAt: found.row.createdAt });
    },

    /**
     * The user declined to confirm with a passkey (or has none): the client is told its authentication
     * requirements were not met (OIDC Core §3.1.2.6, `unmet_authentication_requirements`).
     */
    async cancelStepUp(id: string, browserHash: string | undefined): Promise<Decision | undefined> {
      const found = await loadInteraction(id, browserHash);
      if (!found) return undefined;
      await db.delete(interactions).where(eq(interactions.id, id));
      return {
        kind: 'redirect',
        to: clientRedirect(found.request.redirectUri, issuer, {
          error: 'unmet_authentication_requirements',
          error_description: 'The user did not confirm with a passkey.',
          state: found.request.state,
        }),
      };
    },

    /** Records the user's answer on the consent page, then continues (or tells the client access was denied). */
    async answerConsent(
      id: string,
      auth: Authenticated,
      approve: boolean,
      browserHash: string | undefined,
    ): Promise<Decision | undefined> {
      const found = await loadInteraction(id, browserHash);
      if (!found) return undefined;
      const { request } = found;
      if (!approve) {
        await db.delete(interactions).where(eq(interactions.id, id));
        return {
          kind: 'redirect',
          to: clientRedirect(request.redirectUri, issuer, {
            error: 'access_denied',
            error_description: 'The user declined.',
            state: request.state,
          }),
        };
      }
      const scopes = request.scope.split(' ');
      const [existing] = await db
        .select({ scopes: consents.scopes })
        .from(consents)
        .where(and(eq(consents.accountId, auth.account.id), eq(consents.clientId, request.clientId)));
      const merged = [...new Set([...(existing?.scopes ?? []), ...scopes])];
      await db
        .insert(consents)
        .values({
          accountId: auth.account.id,
          clientId: request.clientId,
          scopes: merged,
          grantedAt: clock.now(),
        })
        .onConflictDoUpdate({
          target: [consents.accountId, consents.clientId],
          set: { scopes: merged, grantedAt: clock.now() },
        });
      const decision = await decide(request, auth, { id, createdAt: found.row.createdAt, consented: true });
      if (decision.kind === 'redirect') await db.delete(interactions).where(eq(interactions.id, id));
      return decision;
    },

    AuthorizationError,
  };
}

export type AuthorizationFlow = ReturnType<typeof createAuthorizationFlow>;
