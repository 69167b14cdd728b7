import { defineConfig } from 'vitest/config';
import { orbitTestConfig } from '../../vitest.shared.js';

export default defineConfig(
  orbitTestConfig('mail', { include: ['src/**/*.test.ts', 'web/src/**/*.test.ts'] }),
);
