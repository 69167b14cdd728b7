import { hubEndpoints } from '@orbit/contracts';
import { undeclaredRoutes } from '@orbit/http';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './test/hub.js';

/**
 * Routes of the real app that are not API and so not in the document, each with its reason. Nothing else may be
 * left out: a new route without a declaration fails this test.
 */
const NOT_API = [
  // The portal's single-page app: every other GET answers index.html or a static file (portal/static.ts).
  'GET /*',
];

describe('GET /api/openapi.json', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('is a valid OpenAPI 3.1 document, public and cacheable', async () => {
    const res = await hub.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('public');
    const document = (await res.json()) as { openapi: string; servers: { url: string }[] };
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: hub.config.issuer }]);
    const result = await new Validator().validate(document);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('covers every route of the real app', () => {
    expect(undeclaredRoutes(hub.app.routes, hubEndpoints, NOT_API)).toEqual([]);
  });

  it('declares no route the app does not serve', () => {
    const served = new Set(hub.app.routes.map((route) => `${route.method} ${route.path}`));
    const declared = hubEndpoints.map((endpoint) => `${endpoint.method.toUpperCase()} ${endpoint.path}`);
    expect(declared.filter((route) => !served.has(route))).toEqual([]);
  });

  it('lists each operation with its error responses and security', async () => {
    const document = (await (await hub.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security: unknown[]; responses: Record<string, unknown> }>>;
    };
    const session = document.paths['/api/session']?.get;
    expect(session?.security).toEqual([{ session: [] }]);
    expect(session?.responses['4XX']).toEqual({ $ref: '#/components/responses/Error' });
    expect(document.paths['/oidc/token']?.post?.responses['4XX']).toEqual({
      $ref: '#/components/responses/OAuthError',
    });
    expect(document.paths['/api/v1/entitlements/{sub}']?.get?.security).toEqual([{ bearer: [] }]);
  });
});
