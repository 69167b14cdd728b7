export { createMailApp, type MailApp, type MailDeps } from './app.js';
export { type Config, ConfigError, loadConfig } from './config.js';
export { MIGRATIONS_FOLDER, openMailDatabase } from './db/open.js';
export { manifest } from './manifest.js';
