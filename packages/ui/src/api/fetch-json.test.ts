import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from './errors';
import { fetchJson } from './fetch-json';

/** A real server with one answer per path, so the requests go over HTTP as a browser's would. */
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    switch (request.url) {
      case '/echo':
        void request.toArray().then((chunks) => {
          const received = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          response.writeHead(200, { 'Content-Type': 'application/json' });
          response.end(JSON.stringify({ method: request.method, received }));
        });
        return;
      case '/empty':
        response.writeHead(204).end();
        return;
      case '/text':
        response.writeHead(200, { 'Content-Type': 'text/plain' }).end('hello');
        return;
      case '/limited':
        response
          .writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': '30' })
          .end(JSON.stringify({ error: { code: 'mail.rate_limited', message: 'Slow down.' } }));
        return;
      case '/broken':
        response.writeHead(502, { 'Content-Type': 'text/html' }).end('<h1>Bad gateway</h1>');
        return;
      case '/cut':
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
        response.write('{"partial":', () => response.destroy());
        return;
      default:
        response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('fetchJson', () => {
  it('sends the request and returns the JSON answer', async () => {
    const answer = await fetchJson(
      `${base}/echo`,
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"to":"12345"}' },
      'Mail',
    );
    expect(answer).toEqual({ method: 'POST', received: { to: '12345' } });
  });

  it('returns nothing for an empty or non-JSON answer', async () => {
    expect(await fetchJson(`${base}/empty`, { method: 'DELETE' }, 'Mail')).toBeUndefined();
    expect(await fetchJson(`${base}/text`, { method: 'GET' }, 'Mail')).toBeUndefined();
  });

  it('throws the error answer as an ApiError, with the wait the server asks for', async () => {
    const error = await fetchJson(`${base}/limited`, { method: 'POST' }, 'Mail').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'mail.rate_limited', retryAfterSeconds: 30 });
  });

  it('throws an ApiError named by its status when the error answer is not the error shape', async () => {
    const error = await fetchJson(`${base}/broken`, { method: 'GET' }, 'Mail').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ApiError', status: 502, code: 'http.502' });
  });

  it('throws a NetworkError when the answer is cut off', async () => {
    const error = await fetchJson(`${base}/cut`, { method: 'GET' }, 'Mail').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toBe('The answer from Mail was cut off.');
  });

  it('throws a NetworkError naming the server when nothing answers', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const error = await fetchJson(`http://127.0.0.1:${port}/`, { method: 'GET' }, 'the hub').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toBe('The hub could not be reached.');
  });
});
