export { LOCK_REASON_MAX } from './accounts/lock.js';
export type { AuditLog, Within } from './audit.js';
export { adminModule } from './module.js';
export { refuseLastAdmin } from './roles.js';
export { adminSchema } from './schema.js';
