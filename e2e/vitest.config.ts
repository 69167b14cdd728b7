import { defineConfig } from 'vitest/config';
import { orbitTestConfig } from '../vitest.shared.js';

export default defineConfig(
  orbitTestConfig('e2e', {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    globalSetup: ['./src/global-setup.ts'],
  }),
);
