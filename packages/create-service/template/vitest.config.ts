import { defineConfig } from 'vitest/config';
import { orbitTestConfig } from '__REPO_ROOT__/vitest.shared.js';

const include = ['src/**/*.test.ts'];

export default defineConfig(orbitTestConfig('__SERVICE_ID__', { include }));
