export { createHousekeeping } from './housekeeping.js';
export { housekeepingModule } from './module.js';
