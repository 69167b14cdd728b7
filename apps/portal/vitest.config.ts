import { defineConfig } from 'vitest/config';
import { orbitTestConfig } from '../../vitest.shared.js';

export default defineConfig(
  orbitTestConfig('portal', { environment: 'node', include: ['src/**/*.test.ts'] }),
);
