import type { Listen } from '@orbit/db';
import type { JobHandler, JobQueue } from '@orbit/jobs';
import type { Hono } from 'hono';
import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { IdentityDb } from './kernel/db.js';
import type { SessionCookie } from './kernel/guards.js';
import type { PaymentProvider } from './membership/index.js';
import type { DeviceCookie } from './sign-in/index.js';

/**
 * The hub is a list of modules (app.ts), each one folder with this contract, in the spirit of a Better Auth
 * plugin: its tables, the domain services it builds, the routes it mounts, and the background work it runs.
 * `createServices` builds every module's services in list order; `createApp` mounts every module's routes;
 * `startHub` runs every module's start hooks, jobs and timers, and stops them on close.
 */

/** What every module's `services()` is built from: configuration and the process's shared parts. */
export interface HubContext {
  config: Config;
  db: IdentityDb;
  clock: Clock;
  /** Encrypts secrets at rest (signing keys, SMTP passwords): see oidc/keys/encryption.ts. */
  keyEncryptionKey: Buffer;
  /** Absent for the CLI, which builds the services without a logger. */
  logger: Logger | undefined;
  /** Outbound HTTP; the global `fetch` unless a test gives another. */
  fetch: typeof globalThis.fetch | undefined;
  /** The one durable job queue every module's jobs go through. */
  queue: JobQueue;
  /** Takes the membership payments; the built-in sandbox (membership/payments/sandbox.ts) unless given. */
  paymentProvider: PaymentProvider | undefined;
  /** Where the development outbox prints messages (no SMTP configured). */
  print: (block: string) => void;
}

/**
 * What a mount returns: a Hono app of any environment (the browser API's `HubEnv`, the service API's bearer
 * `ServiceApiEnv`, plain pages); the hub mounts it with `app.route`, which takes any.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above; a route's own types stay in its own file.
export type HubRoutes = Hono<any, any, any>;

/** What route mounts are given beside the services: request-scoped helpers shared by several modules. */
export interface HubWeb {
  config: Config;
  db: IdentityDb;
  clock: Clock;
  /** Throws when the database can't be reached (for `/readyz`). */
  ping: () => Promise<void>;
  /** True once the process is stopping (SIGTERM): `/readyz` answers 503 while requests in flight end. */
  stopping: () => boolean;
  /** The browser session cookie (sessions). */
  cookie: SessionCookie;
  /** The trusted-device cookie (sign-in), which sign-up and account deletion also read or set. */
  devices: DeviceCookie;
}

/** A durable queue this module works: `queue.work(queue, handler, { concurrency })` while the hub runs. */
export interface HubJob {
  queue: string;
  // biome-ignore lint/suspicious/noExplicitAny: each queue's payload type is the handler's own.
  handler: JobHandler<any>;
  concurrency?: number;
  /** How long a claimed job stays reserved (renewed every third while it runs): how soon a dead hub's job is retried. */
  leaseMs?: number;
}

/** A task run every `everyMs` while the hub runs; one run at a time, awaited on close; a failure only logs. */
export interface HubTimer {
  /** Logged as `<name> failed` when a run throws. */
  name: string;
  everyMs: number;
  /** Also run once at start (work left over while the hub was down). */
  atStart?: boolean;
  /** Log level of a failed run (default `warn`). */
  level?: 'warn' | 'error';
  task: () => Promise<unknown>;
}

/** What start hooks may use besides the module's services. */
export interface HubStartContext {
  config: Config;
  logger: Logger;
  /** The database's change notifications (`LISTEN`), for caches that must hear of every change. */
  listen?: Listen | undefined;
}

/**
 * One module. `Deps` is what its `services()` takes from modules listed BEFORE it (checked by `HubModules`);
 * `Exports` is what it adds to `services` (the names `hub.services.<name>` keeps); `Uses` is what its routes,
 * jobs and hooks take from the finished services (any module, checked by `createApp`).
 */
export interface HubModule<Name extends string, Deps, Exports extends object, Uses> {
  name: Name;
  /** Its drizzle tables, gathered into the hub's schema (schema.ts). */
  schema?: Record<string, unknown>;
  /**
   * What its routes, jobs and hooks take from other modules' services (any module, listed before or after it):
   * `uses: uses<{ audit: AuditLog }>()`. Only a type; checked against the hub's services by `CheckModules`.
   */
  uses?: Uses;
  /** Its domain services, from the shared context and earlier modules' exports. No HTTP here. */
  services?: (ctx: HubContext, deps: Deps) => Exports;
  /** Browser API under `/api` (session cookie, same-origin writes, 1 MiB bodies). */
  routes?: (web: HubWeb, s: Uses & Exports) => HubRoutes;
  /** The admin console's API under `/api/admin/...` (mounted after `routes`, same middleware). */
  adminRoutes?: (web: HubWeb, s: Uses & Exports) => HubRoutes;
  /** Service-to-hub API under `/api/v1` (bearer tokens; mounted before `/api`, whose browser checks don't apply). */
  serviceApi?: (web: HubWeb, s: Uses & Exports) => HubRoutes;
  /** OpenID Connect endpoints under `/oidc` (the browser session is loaded there too). */
  oidc?: (web: HubWeb, s: Uses & Exports) => HubRoutes;
  /** Pages and endpoints at the root (health, discovery), mounted before the APIs. */
  pages?: (web: HubWeb, s: Uses & Exports) => HubRoutes;
  /** Mounted at the root after everything else (the portal's files and its SPA fallback). */
  fallback?: (web: HubWeb, s: Uses & Exports) => HubRoutes;
  /** Queues to work while the hub runs. */
  jobs?: (s: Uses & Exports) => HubJob[];
  /** Periodic tasks while the hub runs. */
  timers?: (s: Uses & Exports) => HubTimer[];
  /** Before the hub answers requests, in list order; a throw stops the start. */
  onStart?: (s: Uses & Exports, ctx: HubStartContext) => Promise<void> | void;
  /**
   * When the hub starts stopping (SIGTERM's drain, or `close`), before the HTTP server waits for its requests to
   * end: end responses that would never end by themselves (the bell's event streams). Called once or more.
   */
  onDrain?: (s: Uses & Exports) => void;
  /** On close, after the jobs and timers have stopped, in reverse list order. */
  onStop?: (s: Uses & Exports) => Promise<void> | void;
}

// biome-ignore lint/suspicious/noExplicitAny: the list holds modules of every shape; `defineModule` types each.
export type AnyHubModule = HubModule<string, any, any, any>;

/** Names, as a type only, what a module's routes, jobs and hooks use from other modules (`HubModule.uses`). */
export const uses = <T>(): T => undefined as T;

/**
 * Declares a module. Annotate `services`' second parameter with what it takes from earlier modules and the
 * mounts' second parameter with what they take from all services; the rest is inferred.
 */
export function defineModule<
  const Name extends string,
  Deps = unknown,
  Exports extends object = object,
  Uses = unknown,
>(module: HubModule<Name, Deps, Exports, Uses>): HubModule<Name, Deps, Exports, Uses> {
  return module;
}

// biome-ignore lint/suspicious/noExplicitAny: matching any module to read one of its type parameters.
type ExportsOf<M> = M extends HubModule<string, any, infer E, any> ? E : never;
// biome-ignore lint/suspicious/noExplicitAny: as above.
type DepsOf<M> = M extends HubModule<string, infer D, any, any> ? D : never;
// biome-ignore lint/suspicious/noExplicitAny: as above.
type UsesOf<M> = M extends HubModule<string, any, any, infer U> ? U : never;

/** Every module's exports, merged: the hub's `services`. */
export type ServicesOf<Ms extends readonly unknown[]> = Ms extends readonly [infer H, ...infer T]
  ? ExportsOf<H> & ServicesOf<T>
  : unknown;

/**
 * `true` when each module's `services()` finds what it needs among the modules listed before it, and each
 * module's mounts find what they use among all of them; otherwise a message naming the module.
 */
export type CheckModules<
  Ms extends readonly unknown[],
  All = ServicesOf<Ms>,
  Before = unknown,
> = Ms extends readonly [infer H, ...infer T]
  ? Before extends DepsOf<H>
    ? All extends UsesOf<H>
      ? CheckModules<T, All, Before & ExportsOf<H>>
      : `module ${H extends { name: infer N extends string } ? N : '?'} uses services no module exports`
    : `module ${H extends { name: infer N extends string } ? N : '?'} needs a module listed after it`
  : true;

/** Builds every module's services in list order; each sees the exports of those before it. */
export function buildServices<const Ms extends readonly AnyHubModule[]>(
  modules: Ms,
  ctx: HubContext,
): ServicesOf<Ms> {
  const built: Record<string, unknown> = {};
  for (const module of modules) {
    const exports = module.services?.(ctx, built);
    for (const [name, value] of Object.entries(exports ?? {})) {
      if (name in built) throw new Error(`Modules export "${name}" twice (the second is ${module.name}).`);
      built[name] = value;
    }
  }
  return built as ServicesOf<Ms>;
}

/** Runs every module's `onStart` in list order, each awaited. */
export async function runStartHooks(
  modules: readonly AnyHubModule[],
  services: object,
  ctx: HubStartContext,
) {
  for (const module of modules) await module.onStart?.(services, ctx);
}

/** Runs every module's `onDrain`. */
export function runDrainHooks(modules: readonly AnyHubModule[], services: object) {
  for (const module of modules) module.onDrain?.(services);
}

/** Runs every module's `onStop` in reverse list order. */
export async function runStopHooks(modules: readonly AnyHubModule[], services: object) {
  for (const module of [...modules].reverse()) await module.onStop?.(services);
}

/**
 * Works every module's queues and runs its timers until stopped. A timer's run is never started while the last
 * one is still going, and a failed run only logs (`<name> failed`).
 */
export function runBackground(modules: readonly AnyHubModule[], services: object, logger: Logger) {
  const queue = (services as { queue: JobQueue }).queue;
  const workers = modules.flatMap((module) =>
    (module.jobs?.(services) ?? []).map((job) =>
      queue.work(job.queue, job.handler, {
        ...(job.concurrency ? { concurrency: job.concurrency } : {}),
        ...(job.leaseMs ? { leaseMs: job.leaseMs } : {}),
      }),
    ),
  );
  const timers = modules.flatMap((module) =>
    (module.timers?.(services) ?? []).map((timer) => {
      let running: Promise<void> | undefined;
      const run = () => {
        running ??= timer
          .task()
          .then(() => undefined)
          .catch((error: unknown) => logger[timer.level ?? 'warn']({ err: error }, `${timer.name} failed`))
          .finally(() => {
            running = undefined;
          });
      };
      if (timer.atStart) run();
      const every = setInterval(run, timer.everyMs);
      every.unref();
      return {
        stop: async () => {
          clearInterval(every);
          await running;
        },
      };
    }),
  );
  return {
    /** Stops the timers and waits for any run still going. */
    stopTimers: () => Promise.all(timers.map((timer) => timer.stop())).then(() => undefined),
    /**
     * Stops the job workers: a job still running after `graceMs` is handed back to the queue (pending at once,
     * for another hub or the next start) instead of holding the stop; without it, each is waited for.
     */
    stopJobs: (graceMs?: number) =>
      Promise.all(workers.map((worker) => worker.stop({ graceMs }))).then(() => undefined),
  };
}
