import { fileURLToPath } from 'node:url';

export { createMailApp, type MailApp, type MailDeps } from './app.js';
export { type Config, ConfigError, loadConfig } from './config.js';
export { MIGRATIONS_FOLDER, openMailDatabase } from './db/open.js';
export { manifest } from './manifest.js';

/** Mail's built web pages (`dist/web`), for servers started from the package. */
export const MAIL_WEB_DIR = fileURLToPath(new URL('./web', import.meta.url));
