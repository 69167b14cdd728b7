export { ACCOUNT_DELETION_QUEUE, type DeletionNotices } from './deletion-notices.js';
export type { DeletionSchedule } from './deletion-schedule.js';
export type { AccountLifecycle, AccountRemoval } from './lifecycle.js';
export { type AccountLifecycleExports, accountLifecycleModule } from './module.js';
export { accountDeletionAcks, accountDeletions, accountLifecycleSchema } from './schema.js';
