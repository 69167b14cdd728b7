export {
  type SecurityEventType,
  type SecurityEventView,
  type SecurityLog,
  type SecurityLogListener,
  viewSecurityEvent,
} from './log.js';
export { securityModule } from './module.js';
export { securityEvents, securitySchema } from './schema.js';
