import { defineConfig } from 'vitest/config';
import { orbitTestConfig } from '../vitest.shared.js';

export default defineConfig(orbitTestConfig('bench', { include: ['src/**/*.test.ts'] }));
