import { fileURLToPath } from 'node:url';

export { createApp, type SpaceApp } from './app.js';
export { type Config, ConfigError, loadConfig } from './config.js';
export { openServiceDatabase } from './database.js';
export { manifest } from './manifest.js';

/** Space's built web pages (`dist/web`), for servers started from the package. */
export const SPACE_WEB_DIR = fileURLToPath(new URL('./web', import.meta.url));
