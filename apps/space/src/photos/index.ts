import { Hono } from 'hono';
import type { SpaceCore } from '../deps.js';
import { createAlbums } from './albums.js';
import { createPhotoEdits } from './edits.js';
import { createPhotoLibrary, type Photos } from './library.js';
import { photoApiRoutes, photoFileRoutes } from './routes.js';
import { createPhotoFiles } from './serve.js';
import { createUploads } from './uploads.js';

export type { Photos } from './library.js';

/** How often the sweep of never-attached uploads runs, and how soon after start it first does. */
const SWEEP_EVERY_MS = 60 * 60 * 1000;
const FIRST_SWEEP_AFTER_MS = 60 * 1000;

/**
 * Photos and albums: uploads (processed with sharp, metadata stripped), albums with their own audiences, the
 * photo URLs (served only to whoever may see what holds the photo), the storage perk, and the `Photos` other
 * parts use. Starts the hourly sweep of uploads never attached and of files no row names; its timers are `unref`'d, so they never keep the
 * process alive (the app has no stop hook), and the sweep is idempotent, so a restart loses nothing.
 */
export function createPhotosPart(core: SpaceCore): { routes: Hono; photos: Photos } {
  const photos = createPhotoLibrary(core);
  const sweep = () => {
    photos
      .sweepUnattached()
      .then(() => photos.sweepOrphanedFiles())
      .catch((error) => core.logger.error({ err: error }, 'photo sweep failed'));
  };
  setTimeout(() => {
    sweep();
    setInterval(sweep, SWEEP_EVERY_MS).unref();
  }, FIRST_SWEEP_AFTER_MS).unref();

  const routes = new Hono()
    .route(
      '/',
      photoApiRoutes(core, {
        uploads: createUploads(core, photos),
        edits: createPhotoEdits(core, photos),
        albums: createAlbums(core, photos),
      }),
    )
    .route('/', photoFileRoutes(core, createPhotoFiles(core)));
  return { routes, photos };
}
