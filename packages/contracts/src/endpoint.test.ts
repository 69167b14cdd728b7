import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { accountsApi } from './api-accounts.js';
import { sessionsApi } from './api-sessions.js';
import { createClient } from './client.js';
import {
  type EndpointInput,
  type EndpointOutput,
  endpoint,
  errorBody,
  fillPath,
  pathParams,
} from './endpoint.js';
import { hubEndpoints } from './hub-api.js';

describe('endpoint declarations', () => {
  it('read path parameters the way Hono writes them', () => {
    expect(pathParams('/api/me/subscriptions/:id/cancel')).toEqual(['id']);
    expect(pathParams('/api/admin/accounts/:id/roles/:role')).toEqual(['id', 'role']);
    expect(pathParams('/api/x/:id{[0-9]+}')).toEqual(['id']);
    expect(fillPath('/api/x/:id/y/:name', { id: 'a b', name: 'ü/' })).toBe('/api/x/a%20b/y/%C3%BC%2F');
    expect(() => fillPath('/api/x/:id', {})).toThrow(/:id/);
  });

  it('refuse a path parameter without a params schema', () => {
    expect(() =>
      endpoint({ method: 'get', path: '/api/x/:id', summary: 'x', responses: { 200: null } }),
    ).toThrow(/declare params for :id/);
  });

  it('type what a caller sends and what it gets back', () => {
    expectTypeOf<EndpointOutput<typeof sessionsApi.list>>().toEqualTypeOf<{
      sessions: z.infer<(typeof sessionsApi.list.responses)[200]>['sessions'];
    }>();
    expectTypeOf<EndpointInput<typeof accountsApi.updateProfile>['body']>().toHaveProperty('displayName');
    expectTypeOf<EndpointOutput<typeof sessionsApi.signOut>>().toEqualTypeOf<undefined>();
  });

  it('declare every hub route once, by method and path', () => {
    const keys = hubEndpoints.map((e) => `${e.method} ${e.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(
      expect.arrayContaining(['get /api/session', 'post /oidc/token', 'get /api/openapi.json']),
    );
  });

  it('give the one error shape', () => {
    expect(errorBody.safeParse({ error: { code: 'request.invalid', message: 'No.' } }).success).toBe(true);
    expect(errorBody.safeParse({ error: 'invalid_request' }).success).toBe(false);
  });
});

describe('createClient', () => {
  it('sends the body as JSON, or as a form for OAuth endpoints, with the headers given', async () => {
    const sent: { url: string; init: RequestInit }[] = [];
    const client = createClient({
      baseUrl: 'https://hub.example/',
      headers: () => ({ 'X-CSRF-Token': 't' }),
      send: async (url, init) => {
        sent.push({ url, init });
        return { revoked: 2 };
      },
    });
    expect(await client.call(sessionsApi.revokeOthers)).toEqual({ revoked: 2 });
    const form = endpoint({
      method: 'post',
      path: '/oidc/revoke',
      summary: 'x',
      bodyEncoding: 'form',
      body: z.object({ token: z.string() }),
      responses: { 200: null },
    });
    await client.call(form, { body: { token: 'a b' } });
    expect(sent[0]).toMatchObject({
      url: 'https://hub.example/api/me/sessions/revoke-others',
      init: { method: 'POST', headers: { 'X-CSRF-Token': 't' } },
    });
    expect(sent[1]?.init.body).toBe('token=a+b');
    expect(sent[1]?.init.headers).toMatchObject({ 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(client.url(sessionsApi.revoke, { params: { id: 'x' } })).toBe(
      'https://hub.example/api/sessions/x',
    );
  });
});
