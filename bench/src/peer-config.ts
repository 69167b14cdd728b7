/** What the bench and its node-oidc-provider process (peer-server.ts) agree on. */

export const REDIRECT_URI = 'http://localhost:9/cb';
export const PEER_USER = 'bench-user';

/** Confidential clients with `client_secret_basic`, as the bench registers them at Orbit's hub too. */
export const PEER_CLIENTS = [
  {
    client_id: 'bench-service',
    client_secret: 'bench-service-secret-0123456789abcdef0123456789',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    scope: 'accounts:read',
  },
  {
    client_id: 'bench-service-es256',
    client_secret: 'bench-service-es256-secret-0123456789abcdef012345',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    scope: 'accounts:read',
  },
  {
    client_id: 'bench-app',
    client_secret: 'bench-app-secret-0123456789abcdef0123456789abcdef',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: [REDIRECT_URI],
    scope: 'openid offline_access accounts:read',
  },
] as const;

/** The resource server each client's access tokens are for (node-oidc-provider's resource indicators). */
export const PEER_RESOURCES: Record<string, { indicator: string; scope: string; alg: 'RS256' | 'ES256' }> = {
  'bench-service': { indicator: 'urn:bench:api', scope: 'accounts:read', alg: 'RS256' },
  'bench-service-es256': { indicator: 'urn:bench:api-es256', scope: 'accounts:read', alg: 'ES256' },
  'bench-app': { indicator: 'urn:bench:app', scope: 'accounts:read', alg: 'RS256' },
};
