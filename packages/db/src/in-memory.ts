import { PGlite } from '@electric-sql/pglite';

/**
 * PGlite's start parameters for a database kept in memory: its own, with a 16 MB buffer pool instead of the
 * cluster's 128 MB. The files already live in memory, so a large pool only holds a second copy of pages, and
 * PostgreSQL zeroes the whole pool at start: with 128 MB, each start touched about 130 MB more and cost about
 * 0.2 s more CPU (0.5 s where the machine's page faults are slow), which tests, starting hundreds, paid over and over.
 */
export const IN_MEMORY_START_PARAMS: readonly string[] = [
  ...PGlite.defaultStartParams,
  '-c',
  'shared_buffers=16MB',
];
