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

  it('closes under steady keep-alive load without cutting off a request it began', async () => {
    // Each request carries an id; the server notes the ids it began answering.
    const began = new Set<string>();
    const app = new Hono().get('/slow', async (c) => {
      began.add(c.req.query('id') ?? '');
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
    let next = 0;
    const outcomes = new Map<string, string>();
    const get = (id: string) =>
      new Promise<string>((resolve) => {
        const req = request({ host: '127.0.0.1', port, path: `/slow?id=${id}`, agent }, (res) => {
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
      while (running) {
        const id = String(next++);
        outcomes.set(id, await get(id));
      }
    });
    await sleep(200);
    // Without `Connection: close` on the answers, the connections stayed busy and this waited for ever: the test
    // then runs into its timeout. (No clock of its own: a timed bound fails on a loaded machine.)
    await closeServer(server as unknown as ClosableServer);
    running = false;
    await Promise.all(clients);
    agent.destroy();

    expect(began.size).toBeGreaterThan(4);
    // Every request the server began was answered in full. (A request a client sends on a keep-alive connection
    // just as the server closes it idle is reset unanswered — HTTP/1.1's own race, which clients retry — and one
    // sent after the close is refused.)
    const cutOff = [...began].filter((id) => outcomes.get(id) !== '200 done');
    expect(cutOff.map((id) => `${id}: ${outcomes.get(id)}`)).toEqual([]);
    for (const [id, outcome] of outcomes) {
      if (!began.has(id)) expect(outcome, id).toMatch(/^error (ECONNREFUSED|ECONNRESET)$/);
    }
  });
});
