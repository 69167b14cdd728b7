import { createClient, EndpointError, endpoint } from '@orbit/contracts';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { endpointRoutes, errorHandler, notFoundHandler, openApiDocument, openApiRoute } from './index.js';
import { undeclaredRoutes } from './openapi.js';

const note = z
  .object({ id: z.uuid(), text: z.string(), pinned: z.boolean().default(false) })
  .meta({ id: 'Note', description: 'A note.' });

const listNotes = endpoint({
  method: 'get',
  path: '/api/notes',
  summary: 'List notes',
  tags: ['notes'],
  auth: 'session',
  query: z.object({ limit: z.coerce.number().int().min(1).max(50).default(20), q: z.string().optional() }),
  responses: { 200: z.object({ notes: z.array(note), limit: z.number() }) },
});
const createNote = endpoint({
  method: 'post',
  path: '/api/notes',
  summary: 'Create a note',
  tags: ['notes'],
  auth: 'session',
  stepUp: true,
  body: note.pick({ text: true, pinned: true }),
  responses: { 201: note },
});
const deleteNote = endpoint({
  method: 'delete',
  path: '/api/notes/:id',
  summary: 'Delete a note',
  params: z.object({ id: z.uuid() }),
  responses: { 204: null },
});
const token = endpoint({
  method: 'post',
  path: '/oauth/token',
  summary: 'Token',
  auth: 'client',
  bodyEncoding: 'form',
  body: z.object({ grant_type: z.literal('client_credentials'), scope: z.string().optional() }),
  errors: 'oauth',
  responses: { 200: z.object({ access_token: z.string(), token_type: z.literal('Bearer') }) },
});
const endpoints = [listNotes, createNote, deleteNote, token];

const NOTE_ID = '0190a0d0-7a6b-7c3d-8e9f-0a1b2c3d4e5f';

class OAuthProblem extends Error {}

function app() {
  const api = endpointRoutes('/api')
    .on(listNotes, (c, { query }) => c.json({ notes: [], limit: query.limit }))
    .on(createNote, (c, { body }) => c.json({ id: NOTE_ID, ...body }, 201))
    .on(deleteNote, (c) => c.body(null, 204)).app;
  const oauth = endpointRoutes('/oauth', {
    invalid: (problems) => new OAuthProblem(problems.map((p) => `${p.path}: ${p.message}`).join('; ')),
  }).on(token, (c, { body }) =>
    c.json({ access_token: `t-${body.scope ?? ''}`, token_type: 'Bearer' as const }),
  ).app;
  const root = new Hono()
    .route('/api', api)
    .route('/oauth', oauth)
    .route(
      '/',
      openApiRoute(() => openApiDocument(endpoints, { info: { title: 'Notes', version: '1' } })),
    )
    .get('/undeclared', (c) => c.text('x'));
  const shared = errorHandler(() => {});
  root.onError((error, c) =>
    error instanceof OAuthProblem
      ? c.json({ error: 'invalid_request', error_description: error.message }, 400)
      : shared(error, c),
  );
  root.notFound(notFoundHandler);
  return root;
}

const code = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe('endpointRoutes', () => {
  const server = app();
  it('validates the query with readQuery semantics: defaults, coercion, 400 request.invalid', async () => {
    expect(await (await server.request('/api/notes')).json()).toEqual({ notes: [], limit: 20 });
    expect(await (await server.request('/api/notes?limit=5')).json()).toEqual({ notes: [], limit: 5 });
    const res = await server.request('/api/notes?limit=500');
    expect(res.status).toBe(400);
    expect(await code(res)).toBe('request.invalid');
    expect((await server.request('/api/notes?q=a%00b')).status).toBe(400);
  });
  it('validates a JSON body: 415, request.invalid_json, request.invalid_text, request.invalid', async () => {
    const post = (body: string, type = 'application/json') =>
      server.request('/api/notes', { method: 'POST', body, headers: { 'Content-Type': type } });
    expect((await post('{}', 'text/plain')).status).toBe(415);
    expect(await code(await post('{'))).toBe('request.invalid_json');
    expect(await code(await post(JSON.stringify({ text: 'a\u0000' })))).toBe('request.invalid_text');
    expect(await code(await post(JSON.stringify({ text: 3 })))).toBe('request.invalid');
    const res = await post(JSON.stringify({ text: 'hello' }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: NOTE_ID, text: 'hello', pinned: false });
  });
  it('validates path parameters', async () => {
    expect((await server.request(`/api/notes/${NOTE_ID}`, { method: 'DELETE' })).status).toBe(204);
    const res = await server.request('/api/notes/nope', { method: 'DELETE' });
    expect(res.status).toBe(400);
    expect(await code(res)).toBe('request.invalid');
  });
  it('reads form bodies and tells problems the endpoint’s way', async () => {
    const form = (body: string) =>
      server.request('/oauth/token', {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
    expect(await (await form('grant_type=client_credentials&scope=a')).json()).toEqual({
      access_token: 't-a',
      token_type: 'Bearer',
    });
    const twice = await form('grant_type=client_credentials&grant_type=client_credentials');
    expect(((await twice.json()) as { error: string }).error).toBe('invalid_request');
    expect(
      ((await (await form('grant_type=client_credentials&scope=a%00')).json()) as { error: string }).error,
    ).toBe('invalid_request');
    const res = await form('grant_type=password');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
  });
});

describe('openApiDocument', () => {
  const document = openApiDocument(endpoints, {
    info: { title: 'Notes', version: '1' },
    tags: { notes: 'Notes.' },
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(document);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
  });
  it('names shared schemas once, with an input variant when the sent shape differs', () => {
    const { schemas } = (
      document as unknown as { components: { schemas: Record<string, { required?: string[] }> } }
    ).components;
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['Error', 'OAuthError', 'Note']));
    // The answer always has `pinned`; a client may leave it out (it defaults).
    expect(schemas.Note?.required).toEqual(['id', 'text', 'pinned']);
    const paths = document.paths as Record<string, Record<string, Record<string, unknown>>>;
    const list = paths['/api/notes']?.get as { responses: Record<string, unknown>; parameters: unknown[] };
    expect(JSON.stringify(list.responses[200])).toContain('#/components/schemas/Note');
    expect(list.parameters).toEqual([
      expect.objectContaining({ name: 'limit', in: 'query', required: false }),
      expect.objectContaining({ name: 'q', in: 'query', required: false }),
    ]);
    expect(paths['/api/notes/{id}']?.delete).toMatchObject({
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
      responses: { 204: { description: 'No content' }, '4XX': { $ref: '#/components/responses/Error' } },
    });
    expect(paths['/oauth/token']?.post).toMatchObject({
      requestBody: { content: { 'application/x-www-form-urlencoded': {} } },
      responses: { '4XX': { $ref: '#/components/responses/OAuthError' } },
      security: [{ client: [] }, {}],
    });
  });
  it('inlines an unnamed schema that one operation answers whole and another inside its own', async () => {
    const stats = z.object({ notes: z.number() });
    const whole = endpoint({ method: 'get', path: '/stats', summary: 'Stats', responses: { 200: stats } });
    const inside = endpoint({
      method: 'get',
      path: '/both',
      summary: 'Both',
      responses: { 200: z.union([z.object({ stats }), z.object({ none: z.null() })]) },
    });
    const shared = openApiDocument([whole, inside], { info: { title: 'x', version: '1' } });
    expect(JSON.stringify(shared)).not.toContain('__op');
    expect((await new Validator().validate(shared)).valid).toBe(true);
  });
  it('refuses two declarations of one route', () => {
    expect(() => openApiDocument([deleteNote, deleteNote], { info: { title: 'x', version: '1' } })).toThrow(
      /declared twice|operationId/,
    );
  });
  it('is served public and cacheable at /api/openapi.json', async () => {
    const res = await app().request('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('public');
    expect(((await res.json()) as typeof document).paths).toEqual(JSON.parse(JSON.stringify(document.paths)));
  });
});

describe('undeclaredRoutes', () => {
  it('lists every route no declaration covers, skipping middleware and the explicit exclusions', () => {
    const server = app();
    const all = [...endpoints, { method: 'get' as const, path: '/api/openapi.json' }];
    expect(undeclaredRoutes(server.routes, all)).toEqual(['GET /undeclared']);
    expect(undeclaredRoutes(server.routes, all, ['GET /undeclared'])).toEqual([]);
    expect(undeclaredRoutes(server.routes, endpoints)).toEqual(['GET /api/openapi.json', 'GET /undeclared']);
  });
});

describe('createClient', () => {
  const server = app();
  const client = createClient({
    baseUrl: 'http://notes.test',
    fetch: (input, init) => Promise.resolve(server.request(String(input), init)),
    validateResponses: true,
  });
  it('calls declared endpoints with typed input and answer', async () => {
    const created = await client.call(createNote, { body: { text: 'hi' } });
    expect(created).toEqual({ id: NOTE_ID, text: 'hi', pinned: false });
    const listed = await client.call(listNotes, { query: { limit: 3 } });
    expect(listed.limit).toBe(3);
    expect(await client.call(deleteNote, { params: { id: NOTE_ID } })).toBeUndefined();
    expect((await client.call(token, { body: { grant_type: 'client_credentials' } })).token_type).toBe(
      'Bearer',
    );
    expect(client.url(deleteNote, { params: { id: 'a b' } })).toBe('http://notes.test/api/notes/a%20b');
  });
  it('throws the error body’s code and status', async () => {
    const failure = await client
      .call(deleteNote, { params: { id: 'nope' } })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EndpointError);
    expect(failure).toMatchObject({ status: 400, code: 'request.invalid' });
  });
  it('refuses an answer that does not match the declaration', async () => {
    const liar = new Hono().get('/api/notes', (c) => c.json({ notes: 'no' }));
    const strict = createClient({
      fetch: (input, init) => Promise.resolve(liar.request(String(input), init)),
      validateResponses: true,
    });
    await expect(strict.call(listNotes)).rejects.toThrow(/does not match/);
  });
});
