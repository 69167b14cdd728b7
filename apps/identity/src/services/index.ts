export { type CredentialsFiles, updateCredentialsFile } from './credentials-file.js';
export { pushServiceEvent, type ServiceEventPush } from './events.js';
export { servicesModule } from './module.js';
export {
  createServiceRegistry,
  type RegisterStatus,
  type Registration,
  type ServiceRegistry,
  type ServiceView,
} from './registry.js';
export type { ServiceRoles } from './roles.js';
export type { LauncherEntry } from './routes.js';
export { platformSchema, services } from './schema.js';
