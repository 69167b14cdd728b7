import { Writable } from 'node:stream';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { requestLogging } from './middleware.js';

describe('request logging', () => {
  it('writes one JSON line per request with its id, and keeps path secrets out', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const app = new Hono()
      .use(requestId())
      .use(requestLogging(pino({ level: 'debug' }, sink)))
      .get('/api/setup/:token', (c) => c.json({ ok: true }))
      .get('/plain', (c) => c.text('ok'));
    await app.request('/api/setup/SECRET-TOKEN-VALUE', { headers: { 'x-request-id': 'req-123' } });
    await app.request('/plain');
    expect(lines[0]).toMatchObject({
      requestId: 'req-123',
      method: 'GET',
      route: '/api/setup/:token',
      status: 200,
    });
    expect(JSON.stringify(lines[0])).not.toContain('SECRET-TOKEN-VALUE');
    expect(lines[1]).toMatchObject({ path: '/plain', status: 200 });
    // Request lines are debug: the default level (info) leaves them out.
    expect(lines[0]).toMatchObject({ level: 20, msg: 'request' });
  });
});
