import { defineConfig } from 'vitest/config';
import { orbitTestConfig } from '../../vitest.shared.js';

/**
 * Two workers, as the hub's and Mail's suites: `npm test` runs this suite after the reliability suite, beside the
 * browser tests' end, and its one worker (82 s there) was the last long suite of a 241 s run.
 */
export default defineConfig(orbitTestConfig('sdk', { include: ['src/**/*.test.ts'], maxWorkers: 2 }));
