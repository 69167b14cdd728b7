import { Hono } from 'hono';
import type { HubEnv } from '../env.js';

/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers too). */
export function healthRoutes({ ping }: { ping: () => Promise<void> }) {
  return new Hono<HubEnv>()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      try {
        await ping();
        return c.json({ status: 'ready', checks: { database: 'ok' } });
      } catch (error) {
        c.get('log').warn({ err: error }, 'readiness check failed');
        return c.json({ status: 'unavailable', checks: { database: 'unreachable' } }, 503);
      }
    });
}
