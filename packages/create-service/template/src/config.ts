import { ConfigError, loadServiceConfig, type ServiceConfig } from '@orbit/sdk/server';
import { manifest } from './manifest.js';

export { ConfigError };

/** What the service is configured with: what every service reads (`@orbit/sdk/server`), credentials required. */
export type Config = Readonly<ServiceConfig & { credentialsFile: string }>;

/**
 * Reads the configuration from the environment once (`loadServiceConfig`: PORT, ORBIT_HUB_URL, ORBIT_PUBLIC_URL,
 * ORBIT_CREDENTIALS_FILE, DATABASE_URL, ORBIT_DATA_DIR, LOG_LEVEL, LOG_FORMAT); nothing else reads `process.env`.
 * Give it a third argument to read variables of the service's own (zod schemas, answered under `own`).
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const { own: _, ...config } = loadServiceConfig(manifest, env);
  if (!config.credentialsFile) {
    throw new ConfigError(
      'Invalid configuration — set ORBIT_CREDENTIALS_FILE when ORBIT_DATA_DIR is memory://',
    );
  }
  return Object.freeze({ ...config, credentialsFile: config.credentialsFile });
}
