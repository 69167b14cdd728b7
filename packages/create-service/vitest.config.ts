import { defineConfig } from 'vitest/config';
import { orbitTestConfig } from '../../vitest.shared.js';

// The scaffolding test builds, tests and type-checks a whole generated service in child processes.
export default defineConfig(
  orbitTestConfig('create-service', { include: ['src/**/*.test.ts'], testTimeout: 240_000 }),
);
