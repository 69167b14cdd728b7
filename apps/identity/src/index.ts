export { openHubAdminChannel } from './admin-channel/index.js';
export type { PublicAccount } from './api-v1/index.js';
export {
  type EntitlementSource,
  type Entitlements,
  noMemberships,
  SERVICE_API_BASE,
} from './api-v1/index.js';
export { type AppDeps, createApp, createServices, type HubApp, MAX_BODY_BYTES } from './app.js';
export { type ServiceCredentials, writeCredentials } from './cli/credentials.js';
export { type Clock, systemClock } from './clock.js';
export { type Config, ConfigError, loadConfig } from './config.js';
export { createLogger } from './logger.js';
export { schema as identitySchema } from './schema.js';
export { openHubDatabase, type RunningHub, startHub } from './server.js';
export type {
  LauncherEntry,
  RegisterStatus,
  Registration,
  ServiceRegistry,
  ServiceView,
} from './services/index.js';
export { hubDatabaseTemplate, leaseHubDatabase } from './template.js';
