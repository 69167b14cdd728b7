import { dirname, join, resolve } from 'node:path';
import { ConfigError, loadServiceConfig, type ServiceConfig } from '@orbit/sdk/server';
import { z } from 'zod';
import { manifest } from './manifest.js';

export { ConfigError };

/** Space's own variables, beside those every service reads (`@orbit/sdk/server`). */
const spaceEnv = {
  /** Where photos are kept (`LocalPhotoStore`); default `<ORBIT_DATA_DIR>/space-photos`. */
  SPACE_PHOTOS_DIR: z.string().min(1).optional(),
  /** The largest photo file one upload may carry. */
  SPACE_MAX_PHOTO_MB: z.coerce.number().positive().max(200).default(20),
  /** The most pixels a photo may decode to (width × height): a guard against decompression bombs. */
  SPACE_MAX_PHOTO_MEGAPIXELS: z.coerce.number().positive().max(500).default(60),
  /** Comments, likes and reports one account may make a minute (posts and uploads have their own limits). */
  SPACE_ACTIONS_PER_MINUTE: z.coerce.number().int().positive().default(60),
};

const MIB = 1024 * 1024;

/** What every service is configured with, Space's credentials file, and Space's own settings. */
export type Config = Readonly<
  ServiceConfig & {
    credentialsFile: string;
    space: Readonly<{
      photosDir: string;
      maxPhotoBytes: number;
      maxPhotoPixels: number;
      actionsPerMinute: number;
    }>;
  }
>;

/**
 * Reads Space's configuration from the environment once (`loadServiceConfig`: PORT, ORBIT_HUB_URL,
 * ORBIT_PUBLIC_URL, ORBIT_CREDENTIALS_FILE, DATABASE_URL, ORBIT_DATA_DIR, LOG_LEVEL, LOG_FORMAT, and the SPACE_*
 * variables above); nothing else reads `process.env`. Bad values fail here, naming the variable to fix.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const { own: e, ...config } = loadServiceConfig(manifest, env, spaceEnv);
  const inMemory = config.pgliteDir === 'memory://';
  if (!config.credentialsFile) {
    throw new ConfigError(
      'Invalid configuration — set ORBIT_CREDENTIALS_FILE when ORBIT_DATA_DIR is memory://',
    );
  }
  if (inMemory && !e.SPACE_PHOTOS_DIR) {
    throw new ConfigError('Invalid configuration — set SPACE_PHOTOS_DIR when ORBIT_DATA_DIR is memory://');
  }
  const photosDir = e.SPACE_PHOTOS_DIR
    ? resolve(e.SPACE_PHOTOS_DIR)
    : join(dirname(config.pgliteDir), `${manifest.id}-photos`);
  return Object.freeze({
    ...config,
    credentialsFile: config.credentialsFile,
    space: Object.freeze({
      photosDir,
      maxPhotoBytes: Math.floor(e.SPACE_MAX_PHOTO_MB * MIB),
      maxPhotoPixels: Math.floor(e.SPACE_MAX_PHOTO_MEGAPIXELS * 1_000_000),
      actionsPerMinute: e.SPACE_ACTIONS_PER_MINUTE,
    }),
  });
}
