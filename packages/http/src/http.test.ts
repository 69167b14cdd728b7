import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AppError,
  errorHandler,
  isDatabaseUnavailable,
  limitBody,
  notFoundHandler,
  readJson,
  readQuery,
  sameOriginWrites,
  spaRoutes,
} from './index.js';
import { bodyFieldsOf, declaredBodyFields, fuzzCases } from './route-fuzz.js';

const json = async (res: Response) => (await res.json()) as { error: { code: string; details?: unknown } };

describe('the one error shape', () => {
  const reported: Error[] = [];
  const app = new Hono()
    .get('/app-error', () => {
      throw new AppError(409, 'thing.conflict', 'Taken.', { id: 1 }, { 'Retry-After': '3' });
    })
    .get('/hono-4xx', () => {
      throw new HTTPException(400, { message: 'nope' });
    })
    .get('/bug', () => {
      throw new Error('secret stack detail');
    });
  app.onError(errorHandler((error) => reported.push(error)));
  app.notFound(notFoundHandler);

  it('answers an AppError with its status, code, details and headers', async () => {
    const res = await app.request('/app-error');
    expect(res.status).toBe(409);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await res.json()).toEqual({
      error: { code: 'thing.conflict', message: 'Taken.', details: { id: 1 } },
    });
  });
  it('answers Hono’s own 4xx as request.rejected', async () => {
    const res = await app.request('/hono-4xx');
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('request.rejected');
  });
  it('answers a bug with a 500 that shows nothing of it, and reports it', async () => {
    const res = await app.request('/bug');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('secret stack detail');
    expect(JSON.parse(text).error.code).toBe('internal');
    expect(reported.map((e) => e.message)).toContain('secret stack detail');
  });
  it('answers unknown routes with route.not_found', async () => {
    const res = await app.request('/nowhere');
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe('route.not_found');
  });
});

describe('a database out of reach', () => {
  /** As Drizzle wraps a driver's error. */
  const wrapped = (cause: object) => Object.assign(new Error('Failed query: select 1'), { cause });
  const connectionError = (code: string, extra: object = {}) =>
    Object.assign(new Error(`write ${code}`), { code, ...extra });
  const failures: Record<string, Error> = {
    'a dropped connection': wrapped(connectionError('CONNECTION_CLOSED')),
    'a reset socket': connectionError('ECONNRESET'),
    'a refused connection': wrapped(connectionError('ECONNREFUSED')),
    'a Unix socket that is gone': wrapped(connectionError('ENOENT', { syscall: 'connect' })),
    'a server shutting down (57P01)': Object.assign(new Error('terminating connection'), { code: '57P01' }),
    'a server starting up (57P03)': wrapped({ code: '57P03', message: 'the database system is starting up' }),
    'a connection exception (08006)': wrapped({ code: '08006' }),
  };
  const heard: Error[] = [];
  const reported: Error[] = [];
  const app = new Hono()
    .get('/fail/:name', (c) => {
      throw failures[c.req.param('name')] ?? new Error('no such case');
    })
    .get('/missing-file', () => {
      throw Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', syscall: 'open' });
    });
  app.onError(
    errorHandler(
      (error) => reported.push(error),
      (error) => heard.push(error),
    ),
  );

  for (const name of Object.keys(failures)) {
    it(`answers ${name} with 503 service.unavailable and Retry-After, not a 500`, async () => {
      const res = await app.request(`/fail/${encodeURIComponent(name)}`);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(await res.json()).toEqual({
        error: {
          code: 'service.unavailable',
          message: 'The service is briefly unavailable. Try again in a moment.',
        },
      });
      expect(heard).toContain(failures[name]);
      expect(reported).not.toContain(failures[name]);
    });
  }

  it('keeps a missing file a 500: only a socket that can’t be reached is the database being away', async () => {
    const res = await app.request('/missing-file');
    expect(res.status).toBe(500);
    expect(isDatabaseUnavailable(reported[0])).toBe(false);
  });
});

describe('reading input', () => {
  const body = z.object({ name: z.string().min(1) });
  const app = new Hono()
    .post('/json', async (c) => c.json(await readJson(c, body)))
    .get('/query', (c) => c.json(readQuery(c, z.object({ n: z.coerce.number().int() }))));
  app.onError(errorHandler(() => {}));
  const post = (payload: string, type = 'application/json') =>
    app.request('/json', { method: 'POST', body: payload, headers: { 'content-type': type } });

  it('accepts valid JSON', async () => {
    expect(await (await post('{"name":"a"}')).json()).toEqual({ name: 'a' });
  });
  it('refuses another content type, broken JSON and schema mismatches, each with its own code', async () => {
    expect((await post('{"name":"a"}', 'text/plain')).status).toBe(415);
    const broken = await post('{"name":');
    expect(broken.status).toBe(400);
    expect((await json(broken)).error.code).toBe('request.invalid_json');
    const wrong = await post('{"name":""}');
    expect(wrong.status).toBe(400);
    const { error } = await json(wrong);
    expect(error.code).toBe('request.invalid');
    expect(error.details).toEqual([{ path: 'name', message: expect.any(String) }]);
  });
  it('validates the query string', async () => {
    expect(await (await app.request('/query?n=3')).json()).toEqual({ n: 3 });
    expect((await app.request('/query?n=x')).status).toBe(400);
  });
});

describe('same-origin writes', () => {
  const app = new Hono().use(sameOriginWrites('http://localhost:4101')).post('/', (c) => c.text('ok'));
  app.onError(errorHandler(() => {}));
  const post = (headers: Record<string, string>) => app.request('/', { method: 'POST', headers });

  it('lets the own origin and servers (no Origin) write', async () => {
    expect((await post({ origin: 'http://localhost:4101' })).status).toBe(200);
    expect((await post({})).status).toBe(200);
  });
  it('refuses other origins, other ports and cross-site fetches', async () => {
    expect((await post({ origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ origin: 'http://localhost:4000' })).status).toBe(403);
    expect((await post({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
  });
});

describe('serving a built single-page app', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'orbit-spa-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<html><head></head><body>app</body></html>');
    await writeFile(join(dir, 'assets', 'main-abc.js'), 'console.log(1)');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('answers every page path with index.html, changed once, and caches hashed assets for a year', async () => {
    const app = new Hono().route(
      '/',
      spaRoutes({
        dir,
        transformIndex: (html) => html.replace('<head>', '<head><meta name="x" content="y">'),
      }),
    );
    const page = await app.request('/inbox/123');
    expect(await page.text()).toContain('<meta name="x" content="y">');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const asset = await app.request('/assets/main-abc.js');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
  it('runs the page guard for pages but not for assets', async () => {
    const app = new Hono().route(
      '/',
      spaRoutes({ dir, pageGuard: (c) => c.redirect('/login', 302) as never }),
    );
    expect((await app.request('/inbox')).status).toBe(302);
    expect((await app.request('/assets/main-abc.js')).status).toBe(200);
  });
  it('says the pages are not built when they are not', async () => {
    const app = new Hono().route(
      '/',
      spaRoutes({ dir: join(dir, 'missing'), notBuiltMessage: 'build first' }),
    );
    const res = await app.request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toBe('build first');
  });
});

describe('the route fuzzer', () => {
  it('sends a declared route its own body fields one at a time, an undeclared one every known field', () => {
    const body = z.union([
      z.object({ handle: z.string(), note: z.string().optional() }),
      z
        .object({ accountNumber: z.string() })
        .and(z.object({ reason: z.string().transform((s) => s.trim()) })),
    ]);
    expect(bodyFieldsOf(body)).toEqual(['accountNumber', 'handle', 'note', 'reason']);
    const route = { method: 'POST', path: '/api/things/:id' };
    const oneField = (cases: { name: string }[]) =>
      cases.filter((c) => c.name.includes(' field:')).map((c) => c.name.split(' field:')[1]);
    expect(oneField(fuzzCases(route, { bodyFields: bodyFieldsOf(body) }))).toEqual([
      'accountNumber',
      'handle',
      'note',
      'reason',
    ]);
    expect(oneField(fuzzCases(route, { bodyFields: [] }))).toEqual([]);
    const fieldsOf = declaredBodyFields([
      { method: 'post', path: '/api/things/:id', body },
      { method: 'delete', path: '/api/things/:id' },
    ]);
    expect(fieldsOf(route)).toEqual(['accountNumber', 'handle', 'note', 'reason']);
    expect(fieldsOf({ method: 'DELETE', path: '/api/things/:id' })).toEqual([]);
    expect(fieldsOf({ method: 'POST', path: '/oidc/token' })).toBeUndefined();
    const undeclared = oneField(fuzzCases(route));
    expect(undeclared.length).toBeGreaterThan(50);
    expect(undeclared).toContain('handle');
    // Every field at once is sent either way.
    expect(fuzzCases(route, { bodyFields: [] }).filter((c) => c.name.includes(' fields:')).length).toBe(
      fuzzCases(route).filter((c) => c.name.includes(' fields:')).length,
    );
  });
});

describe('limitBody', () => {
  const app = new Hono()
    .use(limitBody({ maxSize: 8, onError: (c) => c.json({ error: 'too large' }, 413) }))
    .all('/', async (c) => c.text(`${c.req.method} ${c.req.method === 'GET' ? '' : await c.req.text()}`));

  it('limits the bodies of writes, and lets GET and HEAD through without reading one', async () => {
    expect((await app.request('/', { method: 'POST', body: '12345678' })).status).toBe(200);
    expect((await app.request('/', { method: 'POST', body: '123456789' })).status).toBe(413);
    const chunked = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('12345'));
        controller.enqueue(new TextEncoder().encode('67890'));
        controller.close();
      },
    });
    expect(
      (await app.request('/', { method: 'PUT', body: chunked, duplex: 'half' } as RequestInit)).status,
    ).toBe(413);
    const get = await app.request('/');
    expect(get.status).toBe(200);
    expect(await get.text()).toBe('GET ');
    expect((await app.request('/', { method: 'HEAD' })).status).toBe(200);
  });
});
