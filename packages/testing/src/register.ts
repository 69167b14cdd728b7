import type { ServiceManifest } from '@orbit/contracts';
import type { LaunchedHub } from './hub.js';

/**
 * Registers a service with a running test hub through its service registry — what `services:register` does —
 * and answers the client credentials the service starts with.
 */
export async function registerService(
  launched: LaunchedHub,
  manifest: ServiceManifest,
  origin: string,
): Promise<{ clientId: string; clientSecret: string }> {
  const registry = launched.hub.services.serviceRegistry;
  const { clientSecret } = await registry.register(manifest, origin);
  // Registered before (a second test service with the same id): a fresh secret, as the CLI makes when the
  // credentials file is missing.
  return {
    clientId: manifest.id,
    clientSecret: clientSecret ?? (await registry.rotateSecret(manifest.id, 0)).clientSecret,
  };
}
