import { defineConfig } from 'vitest/config';
import { orbitTestConfig } from '../../vitest.shared.js';

const include = ['src/**/*.test.ts'];

export default defineConfig(orbitTestConfig('space', { include }));
