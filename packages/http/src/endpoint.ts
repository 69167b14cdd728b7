import type { Endpoint, EndpointParsedInput, EndpointSpec } from '@orbit/contracts';
import { type Context, type Env, Hono, type MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { AppError, type FieldProblem, invalidRequest } from './errors.js';
import { assertStorableText } from './text.js';
import { readJson, readQuery, zodProblems } from './validate.js';

/** The handler of a declared endpoint: the context and the validated input. */
export type EndpointHandler<S extends EndpointSpec, E extends Env> = (
  c: Context<E>,
  input: EndpointParsedInput<S>,
) => Response | Promise<Response>;

export interface EndpointRoutesOptions {
  /**
   * The error an invalid input becomes; `request.invalid` (400, one problem per field) unless given. The OIDC
   * endpoints answer with an OAuth `invalid_request` instead.
   */
  invalid?: (problems: FieldProblem[]) => Error;
}

/**
 * A Hono app whose routes are bound to endpoint declarations. `base` is where the app will be mounted
 * (`/api`), so the declaration's full path `/api/session` is routed here as `/session`.
 *
 * @example
 * return endpointRoutes<HubEnv>('/api')
 *   .on(hub.session, requireSession, (c) => c.json(...))
 *   .on(hub.signIn, async (c, { body }) => ...)
 *   .app;
 */
export function endpointRoutes<E extends Env>(
  base = '',
  options: EndpointRoutesOptions = {},
): EndpointRoutes<E> {
  const app = new Hono<E>();
  const routes: EndpointRoutes<E> = {
    app,
    on(endpoint, ...handlers) {
      const handler = handlers.pop() as EndpointHandler<typeof endpoint, E>;
      const middleware = handlers as MiddlewareHandler<E>[];
      const run: MiddlewareHandler<E> = async (c) => handler(c, await readInput(c, endpoint, options));
      app.on([endpoint.method.toUpperCase()], [localPath(endpoint.path, base)], ...middleware, run);
      return routes;
    },
  };
  return routes;
}

/**
 * A middleware before an endpoint's handler. Any environment: a guard may declare narrower or wider variables
 * than the routes' own (`requireRole` reads a user or a token), as with Hono's own route methods.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above; Hono merges the environments the same way.
export type RouteMiddleware = MiddlewareHandler<any>;

export interface EndpointRoutes<E extends Env> {
  /** The Hono app to mount at `base`. */
  app: Hono<E>;
  /** Routes the endpoint: the middleware run first (a session check, step-up), then input validation. */
  on<S extends EndpointSpec>(
    endpoint: Endpoint<S>,
    ...handlers: [...RouteMiddleware[], EndpointHandler<S, E>]
  ): EndpointRoutes<E>;
}

/** `/api/session` under `/api` → `/session`; a path outside `base` is a programming error. */
export function localPath(path: string, base: string): string {
  if (!base || base === '/') return path;
  if (path === base) return '/';
  if (!path.startsWith(`${base}/`)) throw new Error(`${path} is not under ${base}.`);
  return path.slice(base.length);
}

/**
 * Validates what the endpoint declares, with `readJson` / `readQuery` semantics: path parameters and query
 * first, then the body (415 for the wrong media type, `request.invalid_json`, `request.invalid_text`,
 * `request.invalid` listing each field).
 */
export async function readInput<S extends EndpointSpec>(
  c: Context,
  endpoint: S,
  options: EndpointRoutesOptions = {},
): Promise<EndpointParsedInput<S>> {
  const invalid = options.invalid ?? invalidRequest;
  try {
    const params = endpoint.params ? parse(endpoint.params, c.req.param(), 'params', invalid) : {};
    const query = endpoint.query ? readQuery(c, endpoint.query) : {};
    let body: unknown;
    if (endpoint.body) {
      body =
        endpoint.bodyEncoding === 'form'
          ? await readForm(c, endpoint.body, options)
          : await readJson(c, endpoint.body);
    }
    return { params, query, body } as EndpointParsedInput<S>;
  } catch (error) {
    // An endpoint with its own error shape (OAuth) tells the same problems its way.
    if (options.invalid && error instanceof AppError && error.code.startsWith('request.')) {
      throw options.invalid(
        Array.isArray(error.details)
          ? (error.details as FieldProblem[])
          : [{ path: '(body)', message: error.message }],
      );
    }
    throw error;
  }
}

function parse(
  schema: z.ZodType,
  value: unknown,
  where: string,
  invalid: (problems: FieldProblem[]) => Error,
) {
  assertStorableText(value, where);
  const result = schema.safeParse(value);
  if (!result.success) throw invalid(zodProblems(result.error));
  return result.data;
}

/** An `application/x-www-form-urlencoded` (or multipart) body: each field a string, a repeated one the last. */
/**
 * An `application/x-www-form-urlencoded` body, each field a string. A field given twice is refused (RFC 6749
 * §3.1: a parameter must not be repeated), as is text the database can't store.
 */
async function readForm(c: Context, schema: z.ZodType, options: EndpointRoutesOptions) {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
    throw new AppError(
      415,
      'request.unsupported_media_type',
      'Send the body as application/x-www-form-urlencoded.',
    );
  }
  const fields: Record<string, string> = {};
  const repeated: FieldProblem[] = [];
  for (const [key, value] of new URLSearchParams(await c.req.text())) {
    if (key in fields) repeated.push({ path: key, message: 'must not be repeated' });
    fields[key] = value;
  }
  if (repeated.length) throw (options.invalid ?? invalidRequest)(repeated);
  return parse(schema, fields, 'body', options.invalid ?? invalidRequest);
}
