import type { Clock, OrbitService } from '@orbit/sdk';
import type { Logger } from 'pino';
import type { Audiences } from './audience.js';
import type { Config } from './config.js';
import type { ServiceDb } from './database.js';
import type { manifest } from './manifest.js';
import type { People } from './people.js';
import type { PhotoStore } from './photos/store.js';
import type { Visibility } from './visibility.js';

export type SpaceDb = ServiceDb;
/** The SDK's service, typed by Space's manifest (`perk('space.themes')` is checked at compile time). */
export type SpaceOrbit = OrbitService<typeof manifest>;

/**
 * What every part of Space is built from (`createApp` makes it once): the database, the SDK, the time, the
 * configuration, the log, and the shared rules — who sees what, audiences, people's cards, the photo store.
 */
export interface SpaceCore {
  db: SpaceDb;
  orbit: SpaceOrbit;
  clock: Clock;
  config: Config;
  logger: Logger;
  visibility: Visibility;
  audiences: Audiences;
  people: People;
  photoStore: PhotoStore;
}

/** An open transaction on Space's database (`db.transaction(async (tx) => …)`). */
export type SpaceTx = Parameters<Parameters<SpaceDb['transaction']>[0]>[0];
