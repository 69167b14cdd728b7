export { requireScope, type ServiceApiEnv, serviceBearer } from './bearer.js';
export type { PublicAccount } from './directory.js';
export {
  type EntitlementSource,
  type Entitlements,
  noEntitlements,
  noMemberships,
} from './entitlements.js';
export { apiV1Module } from './module.js';
export { SERVICE_API_BASE } from './routes.js';
