import { defineConfig } from 'vitest/config';
import { orbitTestConfig } from '../../vitest.shared.js';

export default defineConfig(
  orbitTestConfig('sdk-browser', { environment: 'node', include: ['src/**/*.test.ts'] }),
);
