import { healthRoutes as sharedHealthRoutes } from '@orbit/http';
import type { Logger } from 'pino';

/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers too). */
export function healthRoutes({ ping, stopping }: { ping: () => Promise<void>; stopping?: () => boolean }) {
  return sharedHealthRoutes({
    ping,
    stopping,
    onUnready: (error, c) => (c.get('log') as Logger).warn({ err: error }, 'readiness check failed'),
  });
}
