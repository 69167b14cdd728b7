import { defineConfig } from 'vitest/config';
import { orbitTestConfig } from '../../vitest.shared.js';

export default defineConfig(orbitTestConfig('ui', { environment: 'node', include: ['src/**/*.test.ts'] }));
