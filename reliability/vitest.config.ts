import { defineConfig } from 'vitest/config';
import { orbitTestConfig } from '../vitest.shared.js';

/**
 * Tests of the platform as processes (`npm start --no-build` on built apps): a file at a time, as each starts
 * several processes and checks how fast they answer.
 */
export default defineConfig(
  orbitTestConfig('reliability', {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    fileParallelism: false,
  }),
);
