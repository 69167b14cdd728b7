import {
  type EndpointSpec,
  errorBody,
  oauthErrorBody,
  pathParams,
  type ResponseSpec,
} from '@orbit/contracts';
import { type Env, Hono } from 'hono';
import { z } from 'zod';

/** An OpenAPI 3.1 document, as JSON. */
export type OpenApiDocument = Record<string, unknown> & { openapi: string; paths: Record<string, unknown> };

export interface OpenApiInfo {
  title: string;
  version: string;
  description?: string;
}

export interface OpenApiOptions {
  info: OpenApiInfo;
  /** Base URLs the API is served at (the hub's issuer). */
  servers?: string[];
  /** Tag descriptions, name → text. */
  tags?: Record<string, string>;
}

type JsonSchema = Record<string, unknown>;

const SHARED = '__shared';
const ref = (name: string) => `#/components/schemas/${name}`;

/**
 * Builds an OpenAPI 3.1 document from endpoint declarations. Every zod schema becomes JSON Schema 2020-12 (the
 * dialect 3.1 uses) through `z.toJSONSchema`; a schema given an id (`.meta({ id: 'Account' })`) is named once
 * under `components.schemas` and referenced — as `AccountInput` too when the shape a client sends differs from
 * the one the server answers (defaults, coercions). The one error shape and the OAuth error shape are shared
 * responses every operation lists.
 */
export function openApiDocument(
  endpoints: readonly EndpointSpec[],
  options: OpenApiOptions,
): OpenApiDocument {
  const inputs = z.registry<{ id: string }>();
  const outputs = z.registry<{ id: string }>();
  const local = (index: number, part: string) => `__op${index}_${part}`;
  outputs.add(errorBody, { id: 'Error' });
  outputs.add(oauthErrorBody, { id: 'OAuthError' });
  // A schema that is itself named (`.meta({ id })`) is registered under its name and referenced from the
  // operation; any other gets a local id, is inlined, and names its named parts by reference.
  const named = new Map<string, string>();
  const add = (
    registry: z.core.$ZodRegistry<{ id: string }>,
    schema: z.ZodType,
    id: string,
    inline = false,
  ) => {
    const name = inline ? undefined : z.globalRegistry.get(schema)?.id;
    if (!name) return registry.add(schema, { id });
    named.set(id, name);
    if (!registry.has(schema)) registry.add(schema, { id: name });
  };
  endpoints.forEach((endpoint, index) => {
    if (endpoint.params) add(inputs, endpoint.params, local(index, 'params'), true);
    if (endpoint.query) add(inputs, endpoint.query, local(index, 'query'), true);
    if (endpoint.body) add(inputs, endpoint.body, local(index, 'body'));
    for (const [status, spec] of Object.entries(endpoint.responses)) {
      const schema = schemaOf(spec);
      if (schema) add(outputs, schema, local(index, `r${status}`));
    }
  });

  const convert = (registry: z.core.$ZodRegistry<{ id: string }>, io: 'input' | 'output') =>
    (
      z.toJSONSchema(registry, {
        target: 'draft-2020-12',
        io,
        // A transform's output has no JSON Schema: documented as any value rather than refused.
        unrepresentable: 'any',
        uri: (id) => ref(id),
      }) as { schemas: Record<string, JsonSchema> }
    ).schemas;
  const outputSchemas = convert(outputs, 'output');
  const inputSchemas = convert(inputs, 'input');

  // Named schemas: the output form under its own name; the input form under the same name when identical,
  // as `<name>Input` when not. References are rewritten to those names (zod writes `__shared#/$defs/<id>`).
  const collect = (schemas: Record<string, JsonSchema>) => {
    const named: Record<string, JsonSchema> = {};
    for (const [id, schema] of Object.entries(schemas)) {
      if (id === SHARED) Object.assign(named, (schema.$defs ?? {}) as Record<string, JsonSchema>);
      else if (!id.startsWith('__op')) named[id] = schema;
    }
    return named;
  };
  // A schema one operation uses whole and another inside its own (no id of its own) is referenced by its
  // local id: inlined again here, as local ids are no components.
  const rewrite = (schema: JsonSchema, rename?: Map<string, string>, depth = 0): JsonSchema =>
    mapRefs(clean(schema), (target) => {
      const match = /(?:__shared#\/\$defs\/|^#\/\$defs\/|^#\/components\/schemas\/)([^/#]+)$/.exec(target);
      if (!match) return target;
      const name = match[1] as string;
      if (name.startsWith('__op')) {
        const local = (rename ? inputSchemas : outputSchemas)[name];
        if (!local || depth > 32) throw new Error(`Cannot resolve the schema ${name}.`);
        return rewrite(local, rename, depth + 1);
      }
      return ref(rename?.get(name) ?? name);
    });
  const namedOut = collect(outputSchemas);
  const namedIn = collect(inputSchemas);
  const inputName = new Map<string, string>();
  for (const [id, schema] of Object.entries(namedIn)) {
    const out = namedOut[id];
    inputName.set(
      id,
      !out || JSON.stringify(clean(out)) === JSON.stringify(clean(schema)) ? id : `${id}Input`,
    );
  }
  const components: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(namedOut)) components[id] = rewrite(schema);
  for (const [id, schema] of Object.entries(namedIn)) {
    components[inputName.get(id) as string] = rewrite(schema, inputName);
  }
  const operationSchema = (side: 'in' | 'out', index: number, part: string) => {
    const id = local(index, part);
    const name = named.get(id);
    if (name) return { $ref: ref(side === 'in' ? (inputName.get(name) ?? name) : name) };
    const schema = (side === 'in' ? inputSchemas : outputSchemas)[id];
    return schema ? rewrite(schema, side === 'in' ? inputName : undefined) : undefined;
  };

  const paths: Record<string, Record<string, unknown>> = {};
  const operationIds = new Set<string>();
  endpoints.forEach((endpoint, index) => {
    const path = openApiPath(endpoint.path);
    const operationId = endpoint.operationId ?? operationIdOf(endpoint);
    if (operationIds.has(operationId)) throw new Error(`Two endpoints share the operationId ${operationId}.`);
    operationIds.add(operationId);
    const item = paths[path] ?? {};
    paths[path] = item;
    if (item[endpoint.method]) throw new Error(`${endpoint.method.toUpperCase()} ${path} is declared twice.`);
    item[endpoint.method] = {
      operationId,
      summary: endpoint.summary,
      ...(endpoint.description ? { description: endpoint.description } : {}),
      ...(endpoint.tags?.length ? { tags: [...endpoint.tags] } : {}),
      ...(endpoint.deprecated ? { deprecated: true } : {}),
      ...securityOf(endpoint),
      ...parametersOf(
        endpoint,
        operationSchema('in', index, 'params'),
        operationSchema('in', index, 'query'),
      ),
      ...requestBodyOf(endpoint, operationSchema('in', index, 'body')),
      responses: responsesOf(endpoint, (status) => operationSchema('out', index, `r${status}`)),
    };
  });

  const tagNames = new Set(endpoints.flatMap((endpoint) => endpoint.tags ?? []));
  return {
    openapi: '3.1.0',
    info: { ...options.info },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    ...(options.servers?.length ? { servers: options.servers.map((url) => ({ url })) } : {}),
    ...(tagNames.size
      ? {
          tags: [...tagNames]
            .sort()
            .map((name) => ({ name, ...(options.tags?.[name] ? { description: options.tags[name] } : {}) })),
        }
      : {}),
    paths,
    components: {
      schemas: sortKeys(components),
      responses: {
        Error: {
          description: "Orbit's one error shape: `{ error: { code, message, details? } }`.",
          content: { 'application/json': { schema: { $ref: ref('Error') } } },
        },
        OAuthError: {
          description: 'The OAuth 2.0 error shape (RFC 6749 §5.2): `{ error, error_description }`.',
          content: { 'application/json': { schema: { $ref: ref('OAuthError') } } },
        },
      },
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'orbit_session',
          description:
            'The browser session (`__Host-orbit_session` over https). Writes also carry `X-CSRF-Token` from `GET /api/session`.',
        },
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'An OAuth 2.0 access token.',
        },
        client: {
          type: 'http',
          scheme: 'basic',
          description:
            'OAuth client authentication: `client_secret_basic`, or `private_key_jwt` in the body.',
        },
      },
    },
  };
}

function schemaOf(spec: ResponseSpec): z.ZodType | undefined {
  if (spec === null) return undefined;
  if (spec instanceof z.ZodType) return spec;
  return spec.schema;
}

/** `/api/x/:id` → `/api/x/{id}`; a parameter's regex (`:id{[0-9]+}`) goes into its schema, not the path. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)(\{[^}]*\})?\??/g, '{$1}');
}

function operationIdOf(endpoint: EndpointSpec): string {
  const words = endpoint.path
    .split('/')
    .filter(Boolean)
    .map((part) => part.replace(/^:([A-Za-z_][A-Za-z0-9_]*).*$/, 'by-$1'))
    .join('-')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return [endpoint.method, ...words]
    .map((word, i) => (i ? word[0]?.toUpperCase() + word.slice(1) : word))
    .join('');
}

function securityOf(endpoint: EndpointSpec) {
  switch (endpoint.auth ?? 'none') {
    case 'session':
      return { security: [{ session: [] }] };
    case 'bearer':
      return { security: [{ bearer: [] }] };
    case 'client':
      return { security: [{ client: [] }, {}] };
    default:
      return { security: [] };
  }
}

function parametersOf(endpoint: EndpointSpec, params?: JsonSchema, query?: JsonSchema) {
  const parameters: Record<string, unknown>[] = [];
  const properties = (schema?: JsonSchema) => (schema?.properties ?? {}) as Record<string, JsonSchema>;
  for (const name of pathParams(endpoint.path)) {
    parameters.push({
      name,
      in: 'path',
      required: true,
      schema: properties(params)[name] ?? { type: 'string' },
    });
  }
  const required = new Set((query?.required ?? []) as string[]);
  for (const [name, schema] of Object.entries(properties(query))) {
    const { description, ...rest } = schema;
    parameters.push({
      name,
      in: 'query',
      required: required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    });
  }
  return parameters.length ? { parameters } : {};
}

function requestBodyOf(endpoint: EndpointSpec, schema?: JsonSchema) {
  if (endpoint.rawBody) {
    const { types, description } = endpoint.rawBody;
    return {
      requestBody: {
        required: true,
        ...(description ? { description } : {}),
        content: Object.fromEntries(types.map((type) => [type, { schema: { contentMediaType: type } }])),
      },
    };
  }
  if (!schema) return {};
  const type = endpoint.bodyEncoding === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
  return { requestBody: { required: true, content: { [type]: { schema } } } };
}

function responsesOf(endpoint: EndpointSpec, schemaFor: (status: string) => JsonSchema | undefined) {
  const responses: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(endpoint.responses)) {
    const schema = schemaFor(status);
    if (spec === null) {
      responses[status] = { description: describeStatus(Number(status)) };
    } else if (spec instanceof z.ZodType) {
      responses[status] = {
        description: spec.description ?? describeStatus(Number(status)),
        content: { 'application/json': { schema } },
      };
    } else {
      const type = spec.type ?? 'application/json';
      responses[status] = {
        description: spec.description,
        ...(spec.headers
          ? {
              headers: Object.fromEntries(
                Object.entries(spec.headers).map(([name, description]) => [
                  name,
                  { description, schema: { type: 'string' } },
                ]),
              ),
            }
          : {}),
        ...(schema || spec.type ? { content: { [type]: schema ? { schema } : {} } } : {}),
      };
    }
  }
  const error = endpoint.errors === 'oauth' ? 'OAuthError' : 'Error';
  responses['4XX'] ??= { $ref: `#/components/responses/${error}` };
  responses['5XX'] ??= { $ref: '#/components/responses/Error' };
  return responses;
}

function describeStatus(status: number): string {
  const known: Record<number, string> = {
    200: 'OK',
    201: 'Created',
    202: 'Accepted',
    204: 'No content',
    302: 'Redirect (see `Location`)',
    303: 'See other (see `Location`)',
  };
  return known[status] ?? `HTTP ${status}`;
}

/** Drops what a component or an inline schema doesn't need inside the document: `$schema`, `$id`, `$defs`. */
function clean(schema: JsonSchema): JsonSchema {
  const { $schema: _s, $id: _i, $defs: _d, ...rest } = schema;
  return rest;
}

/** Rewrites each `$ref`: to another reference (a string), or to a schema put in its place (an object). */
function mapRefs(value: JsonSchema, map: (target: string) => string | JsonSchema): JsonSchema {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      if (key !== '$ref' || typeof child !== 'string') {
        out[key] = walk(child);
        continue;
      }
      const target = map(child);
      if (typeof target === 'string') out[key] = target;
      else Object.assign(out, target);
    }
    return out;
  };
  return walk(value) as JsonSchema;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * `GET /api/openapi.json`: the document, built once on first request, public and cacheable. `path` for a
 * service that serves its API elsewhere.
 */
export function openApiRoute<E extends Env>(
  document: OpenApiDocument | (() => OpenApiDocument),
  path = '/api/openapi.json',
) {
  let built: OpenApiDocument | undefined;
  return new Hono<E>().get(path, (c) => {
    built ??= typeof document === 'function' ? document() : document;
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(built);
  });
}

/** A route of a Hono app: what `app.routes` lists. */
export interface RouteEntry {
  method: string;
  path: string;
}

/**
 * The routes of an app that no declaration covers, as `METHOD /path`. Middleware (`ALL`/`use` entries) is not a
 * route; `exclude` lists whole routes left out on purpose (`GET /*` of a single-page app), each with its reason
 * at the call site.
 */
export function undeclaredRoutes(
  routes: readonly RouteEntry[],
  endpoints: readonly Pick<EndpointSpec, 'method' | 'path'>[],
  exclude: readonly string[] = [],
): string[] {
  const declared = new Set(endpoints.map((endpoint) => `${endpoint.method.toUpperCase()} ${endpoint.path}`));
  const skipped = new Set(exclude);
  const missing = new Set<string>();
  for (const route of routes) {
    if (route.method === 'ALL') continue;
    const key = `${route.method} ${route.path}`;
    if (declared.has(key) || skipped.has(key)) continue;
    missing.add(key);
  }
  return [...missing].sort();
}
