import { defineConfig } from 'vitest/config';
import { orbitTestConfig } from '../../vitest.shared.js';

export default defineConfig(orbitTestConfig('return-path', { include: ['src/**/*.test.ts'] }));
