import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../app.js';
import { bodyOf, TestBrowser } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';

describe('bad input', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.close();
  });

  const post = (
    path: string,
    body: string,
    headers: Record<string, string> = { 'content-type': 'application/json' },
  ) => hub.app.request(path, { method: 'POST', headers, body });

  it('answers unparsable JSON with 400 request.invalid_json', async () => {
    const res = await post('/api/accounts', '{"handle": "x",');
    expect(res.status).toBe(400);
    expect(await bodyOf(res)).toEqual({
      error: { code: 'request.invalid_json', message: expect.any(String) },
    });
  });

  it('names every missing or mistyped field', async () => {
    const res = await post('/api/accounts', JSON.stringify({ handle: 42, password: ['x'] }));
    expect(res.status).toBe(400);
    const body = await bodyOf(res);
    expect(body.error.code).toBe('request.invalid');
    expect(body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'displayName',
      'handle',
      'password',
    ]);
  });

  it.each([
    ['null', 'null'],
    ['an array', '[]'],
    ['a string', '"hello"'],
  ])('refuses %s as a body with 400', async (_name, body) => {
    const res = await post('/api/sessions', body);
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).error.code).toBe('request.invalid');
  });

  it('refuses bodies over 1 MiB with 413', async () => {
    const big = JSON.stringify({ identifier: 'x', password: 'y'.repeat(MAX_BODY_BYTES) });
    const res = await post('/api/sessions', big);
    expect(res.status).toBe(413);
    expect((await bodyOf(res)).error.code).toBe('request.too_large');
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await post('/api/sessions', 'identifier=x&password=y', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(415);
    expect((await bodyOf(res)).error.code).toBe('request.unsupported_media_type');
  });

  it('answers unknown API routes with 404 in the error shape', async () => {
    const res = await hub.app.request('/api/nothing-here');
    expect(res.status).toBe(404);
    expect((await bodyOf(res)).error.code).toBe('route.not_found');
  });

  it('asks for a session on protected routes with 401 session.required', async () => {
    const res = await hub.app.request('/api/sessions');
    expect(res.status).toBe(401);
    expect((await bodyOf(res)).error.code).toBe('session.required');
  });

  it('refuses unknown profile fields rather than ignoring them', async () => {
    const browser = new TestBrowser(hub);
    await browser.signUp();
    for (const body of [{ role: 'admin' }, { roles: ['admin'] }]) {
      const res = await browser.request('PATCH', '/api/me', body);
      expect(res.status).toBe(400);
    }
    expect((await browser.request('GET', '/api/me')).body.account.roles).toEqual([]);
  });

  it('never answers 500 or leaks a stack for a barrage of junk', async () => {
    const junk: [string, string, string | undefined][] = [
      ['POST', '/api/accounts', '{}'],
      ['POST', '/api/accounts', '{"handle":"ok_name","displayName":"","password":"x"}'],
      [
        'POST',
        '/api/accounts',
        `{"handle":"${'a'.repeat(5000)}","displayName":"x","password":"long enough pass"}`,
      ],
      ['POST', '/api/sessions', '{"identifier":"","password":""}'],
      ['POST', '/api/sessions', `{"identifier":"${'9'.repeat(400)}","password":"x"}`],
      ['POST', '/api/setup', '{"token":"nope"}'],
      ['GET', '/api/setup/%00%ff', undefined],
      ['GET', '/api/accounts/not-a-uuid/avatar', undefined],
      ['DELETE', '/api/sessions/%27%3B%20drop', undefined],
    ];
    for (const [method, path, body] of junk) {
      const res = await hub.app.request(path, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body,
      });
      const text = await res.text();
      expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      expect(JSON.parse(text).error.code).toEqual(expect.any(String));
      expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
    }
  });
});
