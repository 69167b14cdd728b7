import { defineConfig } from 'vitest/config';
import { orbitTestConfig } from '../vitest.shared.js';

export default defineConfig(
  orbitTestConfig('e2e', {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    // Two workers, each with its own shared hub (fixture.ts): the browser tests are the longest suite of
    // `npm test`, usually the last one running, and one worker left a core idle (136 s against 109 s alone).
    maxWorkers: 2,
    globalSetup: ['./src/global-setup.ts'],
  }),
);
