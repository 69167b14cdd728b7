import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

export interface ServedApp {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens with a fetch handler (a Hono app's `fetch`) on `port` (0: any free one) on localhost. */
export async function serveApp(
  fetch: (request: Request) => Response | Promise<Response>,
  port = 0,
): Promise<ServedApp> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections from test clients would hold the close up.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
