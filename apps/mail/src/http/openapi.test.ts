import { openApiEndpoint } from '@orbit/contracts';
import { undeclaredRoutes } from '@orbit/http';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailEndpoints } from '../contracts.js';
import { type MailPlatform, startMailPlatform } from '../test/platform.js';

describe('Mail’s GET /api/openapi.json', () => {
  let p: MailPlatform;
  beforeAll(async () => {
    p = await startMailPlatform();
  });
  afterAll(async () => {
    await p?.close();
  });

  it('is a valid OpenAPI 3.1 document, served without signing in', async () => {
    const res = await p.app.app.request(`${p.mail.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('public');
    const document = (await res.json()) as {
      info: { title: string };
      servers: { url: string }[];
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    expect(document.info.title).toBe('Mail');
    expect(document.servers).toEqual([{ url: p.mail.url }]);
    expect(document.paths['/api/trash/empty']?.post?.security).toEqual([{ session: [] }]);
    const result = await new Validator().validate(document);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  it('declares every route of Mail’s API', () => {
    // Only the API: the SDK's sign-in routes, health checks and pages are not Mail's API.
    const api = p.app.app.routes.filter((route) => route.path.startsWith('/api/'));
    expect(undeclaredRoutes(api, [...mailEndpoints, openApiEndpoint])).toEqual([]);
  });
});
