import { defineModule } from '../module.js';
import { healthRoutes } from './routes.js';

/** `/healthz` and `/readyz`, first of all routes. */
export const healthModule = defineModule({
  name: 'health',
  pages: ({ ping, stopping }) => healthRoutes({ ping, stopping }),
});
