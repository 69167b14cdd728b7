export { type Backoff, exponentialBackoff } from './backoff.js';
export { PermanentJobError } from './errors.js';
export { JOBS_MIGRATIONS_FOLDER, migrateJobs } from './migrate.js';
export {
  type Clock,
  createJobQueue,
  type EnqueueOptions,
  type Job,
  type JobContext,
  type JobHandler,
  type JobLogger,
  type JobQueue,
  type JobQueueOptions,
  type JobsDb,
  type Queryable,
  type RunDueOptions,
  type RunOptions,
  systemClock,
  type Worker,
  type WorkOptions,
} from './queue.js';
export { type JobRow, type JobState, jobStates, jobs, jobsSchema, jobsTables } from './schema.js';
