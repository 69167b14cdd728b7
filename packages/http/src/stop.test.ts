import { Agent, request, type Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { type ClosableServer, closeServer } from './stop.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('closeServer', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  it('closes under steady keep-alive load without cutting off a request', async () => {
    const app = new Hono().get('/slow', async (c) => {
      await sleep(30);
      return c.text('done');
    });
    server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    // Four clients, each reusing its one connection back to back: no connection is ever idle for long.
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    let running = true;
    const outcomes: string[] = [];
    const get = () =>
      new Promise<string>((resolve) => {
        const req = request({ host: '127.0.0.1', port, path: '/slow', agent }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => {
            body += chunk.toString();
          });
          res.on('end', () => resolve(`${res.statusCode} ${body}`));
          res.on('error', (error) => resolve(`error ${error.message}`));
        });
        req.on('error', (error: NodeJS.ErrnoException) => resolve(`error ${error.code ?? error.message}`));
        req.end();
      });
    const clients = Array.from({ length: 4 }, async () => {
      while (running) outcomes.push(await get());
    });
    await sleep(200);
    const before = outcomes.length;
    const t0 = Date.now();
    await closeServer(server as unknown as ClosableServer);
    const took = Date.now() - t0;
    running = false;
    await Promise.all(clients);
    agent.destroy();

    // Without `Connection: close` on the answers, the connections stayed busy and this waited for ever.
    expect(took).toBeLessThan(2_000);
    expect(before).toBeGreaterThan(4);
    // Every request sent before the close was answered; once it closed, new ones are refused, never reset.
    const answered = outcomes.filter((o) => o === '200 done');
    const refused = outcomes.filter((o) => o === 'error ECONNREFUSED');
    expect(answered.length + refused.length, JSON.stringify(outcomes.filter((o) => o !== '200 done'))).toBe(
      outcomes.length,
    );
    expect(answered.length).toBeGreaterThanOrEqual(before);
  });
});
