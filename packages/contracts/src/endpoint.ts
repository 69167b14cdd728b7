/**
 * Endpoint declarations: each HTTP route of the hub or a service written down once — method, path, what it
 * reads (path parameters, query, body) and what it answers — as plain data and zod schemas. The server binds a
 * handler to a declaration (`@orbit/http`'s `endpointRoutes`, which validates the input by it), the OpenAPI
 * document is generated from the list of declarations (`openApiDocument`), and clients are typed by it
 * (`createClient`). No Hono here: a browser bundle imports declarations without server code.
 */
import { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call an endpoint. `session`: the hub's (or a service's) browser session cookie, with `X-CSRF-Token`
 * on writes; `bearer`: an OAuth access token in `Authorization: Bearer`; `client`: OAuth client authentication
 * (RFC 6749 §2.3, `client_secret_basic` or `private_key_jwt`); `none`: anyone.
 */
export type EndpointAuth = 'none' | 'session' | 'bearer' | 'client';

/** How the request body is sent: JSON (the default) or an HTML-form / OAuth body. */
export type BodyEncoding = 'json' | 'form';

/**
 * What one status answers. A zod schema: a JSON body of that shape. `null`: no body (204, a redirect). An
 * object for the rest: a description, and a media type other than JSON (an HTML page) with an optional schema.
 */
export type ResponseSpec =
  | z.ZodType
  | null
  | {
      description: string;
      /** Media type of the body; `application/json` when a schema is given and this is not. */
      type?: string;
      schema?: z.ZodType;
      /** Response headers worth documenting (`Location` of a redirect), name → description. */
      headers?: Record<string, string>;
    };

/**
 * Which error body the endpoint's failures carry: Orbit's one shape `{ error: { code, message, details? } }`,
 * or the OAuth 2.0 shape `{ error, error_description }` (RFC 6749 §5.2) the OIDC endpoints keep.
 */
export type ErrorShape = 'orbit' | 'oauth';

export interface EndpointSpec {
  method: HttpMethod;
  /** Hono-style path from the origin: `/api/me/subscriptions/:id/cancel`. */
  path: string;
  /** One line, shown as the operation's title. */
  summary: string;
  description?: string;
  tags?: readonly string[];
  /** Unique across a document; derived from method and path unless given. */
  operationId?: string;
  auth?: EndpointAuth;
  /** The session must have stepped up with a passkey recently (`step_up_required` otherwise). */
  stepUp?: boolean;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** `json` unless given. */
  bodyEncoding?: BodyEncoding;
  /**
   * A body that is not fields but bytes (an uploaded image): its media types. The handler reads it itself;
   * `body` is then not given.
   */
  rawBody?: { types: readonly string[]; description?: string };
  responses: Readonly<Record<number, ResponseSpec>>;
  /** `orbit` unless given. */
  errors?: ErrorShape;
  /** Listed in the document as deprecated. */
  deprecated?: boolean;
}

/** A declared endpoint: the spec as given, with its literal types kept so inputs and outputs infer from it. */
export type Endpoint<S extends EndpointSpec = EndpointSpec> = Readonly<S> & {
  readonly kind: 'orbit.endpoint';
};

/**
 * Declares an endpoint. Keep the spec literal (`as const` is not needed: the type parameter is `const`).
 *
 * @example
 * export const cancelSubscription = endpoint({
 *   method: 'post',
 *   path: '/api/me/subscriptions/:id/cancel',
 *   summary: 'Cancel a subscription at the end of its period',
 *   auth: 'session',
 *   params: z.object({ id: z.uuid() }),
 *   responses: { 200: subscriptionView },
 * });
 */
export function endpoint<const S extends EndpointSpec>(spec: S): Endpoint<S> {
  for (const name of pathParams(spec.path)) {
    if (!spec.params)
      throw new Error(`${spec.method.toUpperCase()} ${spec.path}: declare params for :${name}.`);
  }
  return Object.freeze({ ...spec, kind: 'orbit.endpoint' as const });
}

/** The `:name` parameters of a Hono-style path, in order (`:id{[0-9]+}` gives `id`). */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)(\{[^}]*\})?\??/g)].map((match) => match[1] as string);
}

type Infer<T, IO extends 'in' | 'out'> = T extends z.ZodType
  ? IO extends 'in'
    ? z.input<T>
    : z.output<T>
  : never;

/** What a caller sends: `params`, `query` and `body`, each present when the endpoint declares it. */
export type EndpointInput<E extends EndpointSpec> = (E['params'] extends z.ZodType
  ? { params: Infer<E['params'], 'in'> }
  : { params?: undefined }) &
  (E['query'] extends z.ZodType ? { query?: Infer<E['query'], 'in'> } : { query?: undefined }) &
  (E['body'] extends z.ZodType ? { body: Infer<E['body'], 'in'> } : { body?: undefined });

/** What the server's handler reads: the same three after validation (defaults applied, strings coerced). */
export type EndpointParsedInput<E extends EndpointSpec> = {
  params: E['params'] extends z.ZodType ? Infer<E['params'], 'out'> : Record<string, never>;
  query: E['query'] extends z.ZodType ? Infer<E['query'], 'out'> : Record<string, never>;
  body: E['body'] extends z.ZodType ? Infer<E['body'], 'out'> : undefined;
};

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;

type BodyOf<R> = R extends z.ZodType
  ? z.output<R>
  : R extends { schema: infer S extends z.ZodType }
    ? z.output<S>
    : undefined;

/** The JSON body of the endpoint's successful answers (`undefined` for one without a body). */
export type EndpointOutput<E extends EndpointSpec> = {
  [K in keyof E['responses']]: K extends SuccessStatus ? BodyOf<E['responses'][K]> : never;
}[keyof E['responses']];

/** Fills a Hono-style path with parameters (each URI-encoded): `/api/x/:id` + `{ id: 'a b' }` → `/api/x/a%20b`. */
export function fillPath(path: string, params: Record<string, unknown> = {}): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)(\{[^}]*\})?\??/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) throw new Error(`Missing path parameter :${name}.`);
    return encodeURIComponent(String(value));
  });
}

/**
 * The one error body of every Orbit API (`AppError` in `@orbit/http`): a stable dotted `code` clients branch
 * on, a human message, and optional details (the field problems of a `request.invalid`).
 */
export const errorBody = z
  .object({
    error: z.object({
      code: z.string().describe('Stable dotted code clients branch on, e.g. `auth.invalid_credentials`.'),
      message: z.string().describe('A human-readable sentence in English.'),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error', description: 'The one error shape of every Orbit API.' });

/** The error body of the OAuth 2.0 / OpenID Connect endpoints (RFC 6749 §5.2). */
export const oauthErrorBody = z
  .object({
    error: z.string().describe('An RFC 6749 error code, e.g. `invalid_grant`.'),
    error_description: z.string().optional(),
  })
  .meta({ id: 'OAuthError', description: 'The OAuth 2.0 error shape (RFC 6749 §5.2).' });

export type ErrorBodyShape = z.infer<typeof errorBody>;
