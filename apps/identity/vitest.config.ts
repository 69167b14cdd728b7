import { defineConfig } from 'vitest/config';
import { orbitTestConfig } from '../../vitest.shared.js';

/**
 * Two workers, where Vitest would take one on this two-core machine: the hub's suite is the longest of `npm test`
 * and CPU-bound, and with one worker it ran alone for the last minute while a core sat idle (fresh clone: the
 * suite ended 40 s sooner, npm test 242 s → 239 s, the browser tests then the last to finish).
 */
export default defineConfig(orbitTestConfig('identity', { include: ['src/**/*.test.ts'], maxWorkers: 2 }));
