import { resolveManifest, type ServiceManifest } from '@orbit/manifest';
import type { LaunchedHub } from './hub.js';

/**
 * Registers a service with a running test hub, as `services:register` does, and answers the client
 * credentials the service starts with.
 */
export async function registerService(
  launched: LaunchedHub,
  manifest: ServiceManifest,
  origin: string,
): Promise<{ clientId: string; clientSecret: string }> {
  const resolved = resolveManifest(manifest, origin);
  const { clientSecret } = await launched.hub.services.clients.create({
    id: manifest.id,
    name: manifest.name,
    redirectUris: resolved.redirectUris,
    postLogoutRedirectUris: resolved.postLogoutRedirectUris,
    backchannelLogoutUri: resolved.backchannelLogoutUri,
    grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
    scopes: [...manifest.scopes, ...manifest.hubScopes] as never,
    firstParty: true,
  });
  if (!clientSecret) throw new Error('the hub made no client secret');
  return { clientId: manifest.id, clientSecret };
}
