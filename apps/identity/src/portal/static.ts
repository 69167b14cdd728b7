import { spaRoutes } from '@orbit/http';

/**
 * Serves the portal's built pages on the hub's own origin: hashed assets cached for a year, and every other
 * GET outside `/api` answered with `index.html`, so the React router owns the page paths.
 */
export function portalRoutes({ portalDir }: { portalDir: string }) {
  return spaRoutes({
    dir: portalDir,
    notBuiltMessage: 'The portal is not built yet: run `npm run build` (npm start does it for you).',
  });
}
