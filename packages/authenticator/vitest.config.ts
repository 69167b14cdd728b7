import { defineConfig } from 'vitest/config';
import { orbitTestConfig } from '../../vitest.shared.js';

export default defineConfig(orbitTestConfig('authenticator', { include: ['src/**/*.test.ts'] }));
