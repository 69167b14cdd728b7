/**
 * node-oidc-provider, configured as close to Orbit's hub as it allows, for `npm run bench:compare`: JWT access
 * tokens (RFC 9068) signed RS256 or ES256, `client_credentials`, the code flow with PKCE for a signed-in user,
 * refresh tokens rotated at every use, its in-memory adapter. Run as its own process (`PORT`); prints `ready`.
 *
 * Interactions (login and consent) finish at once for the one bench user, as Orbit's first-party clients skip
 * consent: the bench signs in once, and from then on `/auth` answers with a code straight away.
 */
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import { PEER_CLIENTS, PEER_RESOURCES, PEER_USER } from './peer-config.js';

async function privateJwk(alg: 'RS256' | 'ES256') {
  const { privateKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === 'RS256' ? { modulusLength: 2048 } : {}),
  });
  return { ...(await exportJWK(privateKey)), alg, use: 'sig', kid: `bench-${alg.toLowerCase()}` };
}

const port = Number(process.env.PORT);
const issuer = `http://localhost:${port}`;

const configuration: Configuration = {
  clients: PEER_CLIENTS.map((c) => ({ ...c })),
  jwks: { keys: [await privateJwk('RS256'), await privateJwk('ES256')] },
  scopes: ['openid', 'offline_access', 'accounts:read'],
  cookies: { keys: ['bench-cookie-key-one', 'bench-cookie-key-two'] },
  findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    revocation: { enabled: true },
    resourceIndicators: {
      enabled: true,
      // Every token is for a resource server, so every access token is a JWT: the client's own one by default.
      defaultResource: async (_ctx, client) => PEER_RESOURCES[client!.clientId]!.indicator,
      useGrantedResource: async () => true,
      getResourceServerInfo: async (_ctx, indicator) => {
        const resource = Object.values(PEER_RESOURCES).find((r) => r.indicator === indicator);
        if (!resource) throw new Error(`unknown resource ${indicator}`);
        return {
          scope: resource.scope,
          audience: indicator,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: resource.alg } },
        };
      },
    },
  },
  pkce: { required: () => true },
  rotateRefreshToken: () => true,
  // Orbit's first-party clients skip consent; here every grant the bench user asks for is given.
  loadExistingGrant: async (ctx) => {
    const grantId = ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
    const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
    if (existing) return existing;
    if (!ctx.oidc.session?.accountId) return undefined;
    const grant = new ctx.oidc.provider.Grant({
      accountId: ctx.oidc.session.accountId,
      clientId: ctx.oidc.client!.clientId,
    });
    // accounts:read is both a scope the provider knows (client metadata) and the resource server's.
    grant.addOIDCScope('openid offline_access accounts:read');
    const resource = PEER_RESOURCES[ctx.oidc.client!.clientId]!;
    grant.addResourceScope(resource.indicator, resource.scope);
    await grant.save();
    return grant;
  },
};

const provider = new Provider(issuer, configuration);
const callback = provider.callback();

const server = createServer(async (req, res) => {
  if (req.url?.startsWith('/interaction/')) {
    // The sign-in page, done: the bench user signs in (and consents, see loadExistingGrant).
    try {
      const details = await provider.interactionDetails(req, res);
      if (process.env.BENCH_DEBUG) console.error(details.prompt, details.grantId, details.session);
      await provider.interactionFinished(
        req,
        res,
        details.prompt.name === 'login'
          ? { login: { accountId: PEER_USER } }
          : { consent: { grantId: details.grantId ?? (await newConsent(details)) } },
        { mergeWithLastSubmission: false },
      );
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
    return;
  }
  callback(req, res);
});

/** A consent asked for explicitly (`prompt=consent`, which offline_access needs): everything asked is given. */
async function newConsent(details: Awaited<ReturnType<typeof provider.interactionDetails>>): Promise<string> {
  const clientId = String(details.params.client_id);
  const grant = new provider.Grant({ accountId: details.session!.accountId, clientId });
  grant.addOIDCScope(String(details.params.scope));
  const resource = PEER_RESOURCES[clientId]!;
  grant.addResourceScope(resource.indicator, resource.scope);
  return grant.save();
}

server.listen(port, '127.0.0.1', () => {
  console.log('ready');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
