import { defineModule } from '../module.js';
import { createHousekeeping } from './housekeeping.js';

const HOUSEKEEPING_INTERVAL_MS = 10 * 60_000;

/** Deletes rows that can no longer matter, every ten minutes (housekeeping.ts says which). */
export const housekeepingModule = defineModule({
  name: 'housekeeping',
  services: ({ db, clock, config }) => ({ housekeeping: createHousekeeping({ db, clock, config }) }),
  timers: ({ housekeeping }) => [
    { name: 'housekeeping', everyMs: HOUSEKEEPING_INTERVAL_MS, task: housekeeping },
  ],
});
