import { type Context, Hono } from 'hono';

/**
 * Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers too).
 * `onUnready` hears why a readiness check failed (to log it). Once `stopping()` is true (the process got SIGTERM
 * and drains), readiness answers 503 `stopping`, so a balancer sends no new requests while the ones in flight end.
 */
export function healthRoutes({
  ping,
  onUnready,
  stopping,
}: {
  ping: () => Promise<void>;
  onUnready?: (error: unknown, c: Context) => void;
  stopping?: () => boolean;
}) {
  return new Hono()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      if (stopping?.()) return c.json({ status: 'stopping', checks: {} }, 503);
      try {
        await ping();
        return c.json({ status: 'ready', checks: { database: 'ok' } });
      } catch (error) {
        onUnready?.(error, c);
        return c.json({ status: 'unavailable', checks: { database: 'unreachable' } }, 503);
      }
    });
}
