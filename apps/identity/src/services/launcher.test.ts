import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, TestBrowser } from '../test/client.js';
import { startTestHub, type TestHub } from '../test/hub.js';
import { TEST_ICON, testManifest } from './test-manifest.js';

/**
 * A stand-in service back end on 127.0.0.1: answers `GET /orbit/badge` as told, and checks the hub's badge
 * token against the hub's JWKS the way the SDK does.
 */
async function startBadgeService(hub: TestHub) {
  const seen: { typ: unknown; aud: unknown; sub: unknown; lifetime: number }[] = [];
  let answer: () => Response | Promise<Response> = () => Response.json({ count: 3 });
  const app = new Hono().get('/orbit/badge', async (c) => {
    const token = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (!token) return c.json({ error: 'no token' }, 401);
    const jwks = createLocalJWKSet((await bodyOf(await hub.app.request('/oidc/jwks'))) as JSONWebKeySet);
    try {
      const { payload, protectedHeader } = await jwtVerify(token, jwks, {
        issuer: hub.config.issuer,
        audience: 'mail',
        typ: 'orbit-badge+jwt',
        currentDate: hub.clock.now(),
      });
      seen.push({
        typ: protectedHeader.typ,
        aud: payload.aud,
        sub: payload.sub,
        lifetime: payload.exp! - payload.iat!,
      });
    } catch (error) {
      return c.json({ error: String(error), header: decodeProtectedHeader(token) }, 401);
    }
    return answer();
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    answerWith(next: () => Response | Promise<Response>) {
      answer = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the launcher API', () => {
  let hub: TestHub;
  let service: Awaited<ReturnType<typeof startBadgeService>>;
  let browser: TestBrowser;
  let accountId: string;

  beforeAll(async () => {
    hub = await startTestHub();
    service = await startBadgeService(hub);
    await hub.services.serviceRegistry.register(testManifest(), service.origin);
    await hub.services.serviceRegistry.register(
      testManifest({
        id: 'notes',
        name: 'Notes',
        names: {},
        descriptions: {},
        badge: false,
        defaultPort: 4102,
      }),
    );
    browser = new TestBrowser(hub);
    accountId = (await browser.signUp()).body.account.id;
  });
  afterAll(async () => {
    await service.close();
    await hub.close();
  });

  it('lists the enabled services for a signed-in user', async () => {
    const res = await browser.request('GET', '/api/services');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      services: [
        {
          id: 'mail',
          name: 'Mail',
          names: { 'zh-CN': '邮件' },
          description: 'Mail between Orbit accounts.',
          descriptions: { 'zh-CN': 'Orbit 账号之间的邮件。' },
          iconUrl: '/api/services/mail/icon',
          homeUrl: `${service.origin}/`,
          badge: true,
        },
        {
          id: 'notes',
          name: 'Notes',
          names: {},
          description: 'Mail between Orbit accounts.',
          descriptions: {},
          iconUrl: '/api/services/notes/icon',
          homeUrl: 'http://localhost:4102/',
          badge: false,
        },
      ],
    });
    const anonymous = await new TestBrowser(hub).request('GET', '/api/services');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('session.required');
  });

  it('serves a service’s icon to anyone, as an SVG that can run nothing', async () => {
    const res = await hub.app.request('/api/services/mail/icon');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(TEST_ICON);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');

    const missing = await hub.app.request('/api/services/nope/icon');
    expect(missing.status).toBe(404);
    expect((await bodyOf(missing)).error.code).toBe('service.not_found');
  });

  it('asks the service for the badge with a token that verifies against the hub’s JWKS', async () => {
    service.answerWith(() => Response.json({ count: 3 }));
    const res = await browser.request('GET', '/api/services/mail/badge');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ count: 3 });
    expect(service.seen.at(-1)).toEqual({
      typ: 'orbit-badge+jwt',
      aud: 'mail',
      sub: accountId,
      lifetime: 60,
    });

    service.answerWith(() => Response.json({ count: 0 }));
    expect((await browser.request('GET', '/api/services/mail/badge')).body).toEqual({ count: 0 });
  });

  it('shows no badge when the service fails or answers anything but a non-negative integer count', async () => {
    const answers: (() => Response)[] = [
      () => Response.json({ count: 3 }, { status: 500 }),
      () => Response.json({ count: -1 }),
      () => Response.json({ count: 1.5 }),
      () => Response.json({ count: '3' }),
      () => Response.json({ unread: 3 }),
      () => Response.json(null),
      () => new Response('three'),
      () => Response.json({ count: 3, padding: 'x'.repeat(2000) }),
      () => new Response(null, { status: 302, headers: { location: `${service.origin}/elsewhere` } }),
    ];
    for (const answer of answers) {
      service.answerWith(answer);
      const res = await browser.request('GET', '/api/services/mail/badge');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ count: null });
    }
  });

  it('shows no badge when the service takes longer than 2 s', async () => {
    service.answerWith(
      () => new Promise<Response>((resolve) => setTimeout(() => resolve(Response.json({ count: 5 })), 4000)),
    );
    const started = performance.now();
    const res = await browser.request('GET', '/api/services/mail/badge');
    const took = performance.now() - started;
    expect(res.body).toEqual({ count: null });
    expect(took).toBeGreaterThanOrEqual(1900);
    expect(took).toBeLessThan(3500);
  });

  it('shows no badge when the service is down, or has none', async () => {
    const down = await startBadgeService(hub);
    await hub.services.serviceRegistry.register(testManifest({ id: 'gone', defaultPort: 4103 }), down.origin);
    await down.close();
    expect((await browser.request('GET', '/api/services/gone/badge')).body).toEqual({ count: null });
    expect((await browser.request('GET', '/api/services/notes/badge')).body).toEqual({ count: null });
  });

  it('answers the badge only to a signed-in user, and only for a known service', async () => {
    const anonymous = await new TestBrowser(hub).request('GET', '/api/services/mail/badge');
    expect(anonymous.status).toBe(401);
    const unknown = await browser.request('GET', '/api/services/nope/badge');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('service.not_found');
  });

  it('drops a disabled service from the list, its icon and its badge', async () => {
    const calls = service.seen.length;
    await hub.services.serviceRegistry.setDisabled('mail', true);
    const ids = (await browser.request('GET', '/api/services')).body.services.map(
      (s: { id: string }) => s.id,
    );
    expect(ids).not.toContain('mail');
    expect((await hub.app.request('/api/services/mail/icon')).status).toBe(404);
    expect((await browser.request('GET', '/api/services/mail/badge')).status).toBe(404);
    expect(service.seen.length).toBe(calls);

    await hub.services.serviceRegistry.setDisabled('mail', false);
    const back = (await browser.request('GET', '/api/services')).body.services.map(
      (s: { id: string }) => s.id,
    );
    expect(back).toContain('mail');
  });
});
