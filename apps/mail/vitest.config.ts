import { defineConfig } from 'vitest/config';
import { orbitTestConfig } from '../../vitest.shared.js';

/**
 * Two workers, as the hub's suite: `npm test` runs Mail's suite late, when the hub's has ended and a core would
 * otherwise sit idle under Vitest's one worker on this two-core machine (its 39 s were the last of a 241 s run).
 */
export default defineConfig(
  orbitTestConfig('mail', { include: ['src/**/*.test.ts', 'web/src/**/*.test.ts'], maxWorkers: 2 }),
);
