import { defineConfig } from 'vitest/config';
import { orbitTestConfig } from '../../vitest.shared.js';

export default defineConfig(
  orbitTestConfig('identity', {
    include: ['src/**/*.test.ts'],
    // Vitest's default is one worker per core less one: a single worker on two cores. The hub's suite is the
    // longest of CI's passes and its last ~100 s ran alone on one core while the other idled; two workers use
    // both. (While the other turbo slot is busy they share the cores, costing little: the work is the same.)
    maxWorkers: 2,
  }),
);
