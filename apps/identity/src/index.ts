export { type AppDeps, createApp, createServices, type HubApp, MAX_BODY_BYTES } from './app.js';
export { type Clock, systemClock } from './clock.js';
export { type Config, ConfigError, loadConfig } from './config.js';
export { createLogger } from './logger.js';
export { schema as identitySchema } from './schema.js';
export { openHubDatabase, type RunningHub, startHub } from './server.js';
