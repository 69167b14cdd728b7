import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorHandler, readJson, readQuery, refuseInvalidPathText } from './index.js';
import { invalidTextIn, isStorableText } from './text.js';

const json = async (res: Response) =>
  (await res.json()) as { error: { code: string; details?: { path: string; message: string }[] } };

describe('the one string rule', () => {
  it('refuses NUL and unpaired surrogates, which PostgreSQL can’t store, and nothing else', () => {
    expect(isStorableText('plain text, 中文, emoji 😀, tab\t and newline\n')).toBe(true);
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('\ud800')).toBe(false);
    expect(isStorableText('x\udc00y')).toBe(false);
    expect(isStorableText('\udc00\ud800')).toBe(false);
  });

  it('names the first bad string anywhere in a value, keys included', () => {
    expect(invalidTextIn({ a: ['ok', { b: 'x\u0000' }] })).toBe('a.1.b');
    expect(invalidTextIn({ 'k\u0000': 1 })).toBe('k\\u0000');
    expect(invalidTextIn(['fine', 3, null, true])).toBeUndefined();
  });

  it('walks deep nesting without running out of stack', () => {
    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(invalidTextIn(deep)).toMatch(/^0(\.0)*$/);
  });
});

describe('invalid text at validation', () => {
  const reported: Error[] = [];
  const app = new Hono()
    .use(refuseInvalidPathText())
    .post('/things', async (c) => c.json(await readJson(c, z.object({ name: z.string() }))))
    .get('/things', (c) => c.json(readQuery(c, z.object({ q: z.string().optional() }))))
    .get('/things/:id', (c) => c.json({ id: c.req.param('id') }));
  app.onError(errorHandler((error) => reported.push(error)));

  const post = (body: string) =>
    app.request('/things', { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('refuses a JSON body with a NUL or a lone surrogate with 400 request.invalid_text naming the field', async () => {
    for (const body of ['{"name":"a\\u0000b"}', '{"name":"\\ud800"}', '{"name":"ok","extra":["\\udfff"]}']) {
      const res = await post(body);
      expect(res.status, body).toBe(400);
      const error = (await json(res)).error;
      expect(error.code).toBe('request.invalid_text');
      expect(error.details?.[0]?.path).toMatch(/^(name|extra\.0)$/);
    }
    expect((await post('{"name":"fine 😀"}')).status).toBe(200);
  });

  it('refuses a query string with a NUL or a lone surrogate', async () => {
    for (const query of ['q=%00', 'q=a%00b', `q=${encodeURIComponent('x')}%00`]) {
      const res = await app.request(`/things?${query}`);
      expect(res.status, query).toBe(400);
      expect((await json(res)).error.code).toBe('request.invalid_text');
    }
    expect((await app.request('/things?q=%E4%B8%AD')).status).toBe(200);
  });

  it('refuses a path with an encoded NUL before any route sees it', async () => {
    const res = await app.request('/things/%00');
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('request.invalid_text');
    expect((await app.request('/things/abc%20d')).status).toBe(200);
  });
});

describe('invalid text refused by the database', () => {
  const reported: Error[] = [];
  const app = new Hono().get('/:sqlstate', (c) => {
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
      code: c.req.param('sqlstate'),
    });
    throw new Error('Failed query: insert into …', { cause });
  });
  app.onError(errorHandler((error) => reported.push(error)));

  it.each([['22021'], ['22P05'], ['22P02'], ['22001']])(
    'answers SQLSTATE %s with 400, not 500',
    async (code) => {
      const res = await app.request(`/${code}`);
      expect(res.status).toBe(400);
      expect((await json(res)).error.code).toBe('request.invalid_value');
    },
  );

  it('still answers other database errors with 500', async () => {
    expect((await app.request('/40P01')).status).toBe(500);
  });
});
