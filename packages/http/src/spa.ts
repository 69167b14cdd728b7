import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';

export interface SpaOptions {
  /** The Vite build folder (`index.html` and `assets/`). */
  dir: string;
  /** Changes `index.html` once, when first read (e.g. to add a `<meta>` the page reads). */
  transformIndex?: (html: string) => string;
  /** Said when the build is missing. */
  notBuiltMessage?: string;
  /**
   * Runs before a page (`index.html`) is answered, e.g. the SDK's `requireUser({ redirect: true })`, so that
   * opening a page signs the user in; the built assets stay public.
   */
  // biome-ignore lint/suspicious/noExplicitAny: any middleware, whatever variables it sets
  pageGuard?: MiddlewareHandler<any>;
}

/**
 * Serves a React app built by Vite on the server's own origin: hashed assets cached for a year, other files as
 * they are, and every other GET answered with `index.html`, so the client-side router owns the page paths.
 * Mount it last, after the API routes.
 */
export function spaRoutes({ dir, transformIndex, notBuiltMessage, pageGuard }: SpaOptions) {
  let index: Promise<string> | undefined;
  const indexHtml = () => {
    index ??= readFile(join(dir, 'index.html'), 'utf8')
      .then((html) => (transformIndex ? transformIndex(html) : html))
      .catch((error) => {
        index = undefined; // read again once the pages are built
        throw error;
      });
    return index;
  };

  return (
    new Hono()
      // Set after the file is answered: serveStatic's own `onFound` runs once the response exists, too late for
      // a header. Hashed names change with their content, so a year is safe.
      .use('/assets/*', async (c, next) => {
        await next();
        if (c.res.status === 200) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
      })
      .use('/assets/*', serveStatic({ root: dir }))
      .use('*', serveStatic({ root: dir, index: '__no_index__' }))
      .get('*', pageGuard ?? ((_c, next) => next()), async (c) => {
        try {
          c.header('Cache-Control', 'no-cache');
          return c.html(await indexHtml());
        } catch {
          return c.text(
            notBuiltMessage ??
              'The pages are not built yet: run `npm run build` (npm start does it for you).',
            503,
          );
        }
      })
  );
}
