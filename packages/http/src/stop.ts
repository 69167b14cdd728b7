import { setTimeout as sleep } from 'node:timers/promises';

/** From SIGTERM to exit at the most, the drain included, whatever is still running (issue 18). */
export const STOP_LIMIT_MS = 10_000;

export interface StopOnSignalsOptions {
  logger: { info(details: object, message: string): void; error(details: object, message: string): void };
  /** How long readiness answers 503 while the process still serves, for a balancer to notice. */
  drainMs: number;
  /** Turns readiness false (what `healthRoutes({ stopping })` reads). */
  drain: () => void;
  /** Stops listening with the requests in flight answered, then closes the rest (timers, jobs, database). */
  close: () => Promise<void>;
}

/**
 * How an Orbit server process (the hub, every service through `runService`) stops on SIGTERM or SIGINT:
 * readiness turns false at once, the process keeps serving for `drainMs`, then `close` runs and it exits 0 — or
 * exits 1 once {@link STOP_LIMIT_MS} have passed since the signal, whatever still runs (a long job, a close that
 * never settles). The limit's timer is not unref'd: a close that never settles is no clean stop, even once nothing
 * else keeps the process alive. A second signal changes nothing.
 */
export function stopOnSignals({ logger, drainMs, drain, close }: StopOnSignalsOptions): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      logger.error({ signal }, `did not stop within ${STOP_LIMIT_MS / 1000} s; exiting`);
      process.exit(1);
    }, STOP_LIMIT_MS);
    drain();
    logger.info({ signal, drainMs }, 'stopping: /readyz answers 503');
    if (drainMs > 0) await sleep(drainMs);
    try {
      await close();
    } catch (error) {
      logger.error({ err: error }, 'stopping failed');
      process.exit(1);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** What {@link closeServer} needs of a Node HTTP server (`@hono/node-server`'s `serve` returns one). */
export interface ClosableServer {
  close(callback?: (error?: Error) => void): unknown;
  closeIdleConnections?(): void;
  prependListener(event: 'request', listener: (request: unknown, response: ResponseHeaders) => void): unknown;
}
interface ResponseHeaders {
  setHeader(name: string, value: string): unknown;
}

/**
 * Stops `server` listening and resolves once every connection is closed, without cutting a request off: idle
 * keep-alive connections close at once, and every answer from now on says `Connection: close`, so a connection
 * with a request in flight closes after its answer instead of waiting for the client to go quiet (under steady
 * load a keep-alive connection never does, and the stop ran into its limit). A request that keeps running is
 * left to {@link STOP_LIMIT_MS}.
 */
export function closeServer(server: ClosableServer): Promise<void> {
  server.prependListener('request', (_request, response) => {
    response.setHeader('connection', 'close');
  });
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections?.();
  return closed;
}
