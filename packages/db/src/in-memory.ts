import { PGlite } from '@electric-sql/pglite';

/**
 * PGlite's start parameters for a database kept in memory: its own, with a 16 MB buffer pool instead of the
 * cluster's 128 MB. The files already live in memory, so a large pool only holds a second copy of pages, and
 * PostgreSQL zeroes the whole pool at start: with 128 MB each start touched about 110 MB more and cost about
 * 0.4 CPU-s more (measured on 2026-12-07, a morning of slow page faults), which tests paid at every start.
 */
export const IN_MEMORY_START_PARAMS: readonly string[] = [
  ...PGlite.defaultStartParams,
  '-c',
  'shared_buffers=16MB',
];
