import { defineModule } from '../module.js';
import { portalRoutes } from './static.js';

/** The portal's built files and its single-page fallback: mounted after every other route. */
export const portalModule = defineModule({
  name: 'portal',
  fallback: ({ config }) => portalRoutes({ portalDir: config.portalDir }),
});
