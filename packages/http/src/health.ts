import { type Context, Hono } from 'hono';

/**
 * Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers too).
 * `onUnready` hears why a readiness check failed (to log it).
 */
export function healthRoutes({
  ping,
  onUnready,
}: {
  ping: () => Promise<void>;
  onUnready?: (error: unknown, c: Context) => void;
}) {
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      try {
        await ping();
        return c.json({ status: 'ready', checks: { database: 'ok' } });
      } catch (error) {
        onUnready?.(error, c);
        return c.json({ status: 'unavailable', checks: { database: 'unreachable' } }, 503);
      }
    });
}
