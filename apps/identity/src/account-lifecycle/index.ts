export type { AccountLifecycle, AccountRemoval } from './lifecycle.js';
export { accountLifecycleModule } from './module.js';
