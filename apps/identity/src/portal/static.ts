import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { HubEnv } from '../env.js';

/**
 * Serves the portal's built pages on the hub's own origin: hashed assets cached for a year, and every other
 * GET outside `/api` answered with `index.html`, so the React router owns the page paths.
 */
export function portalRoutes({ portalDir }: { portalDir: string }) {
  let index: Promise<string> | undefined;
  const indexHtml = () => {
    index ??= readFile(join(portalDir, 'index.html'), 'utf8').catch((error) => {
      index = undefined; // retry once the portal is built
      throw error;
    });
    return index;
  };

  return new Hono<HubEnv>()
    .use(
      '/assets/*',
      serveStatic({
        root: portalDir,
        onFound: (_path, c) => {
          c.header('Cache-Control', 'public, max-age=31536000, immutable');
        },
      }),
    )
    .use('*', serveStatic({ root: portalDir, index: '__no_index__' }))
    .get('*', async (c) => {
      try {
        c.header('Cache-Control', 'no-cache');
        return c.html(await indexHtml());
      } catch {
        return c.text('The portal is not built yet: run `npm run build` (npm start does it for you).', 503);
      }
    });
}
