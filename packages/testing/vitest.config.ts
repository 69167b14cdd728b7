import { defineConfig } from 'vitest/config';
import { orbitTestConfig } from '../../vitest.shared.js';

export default defineConfig(orbitTestConfig('testing', { include: ['src/**/*.test.ts'] }));
