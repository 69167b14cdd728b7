/**
 * A route-table fuzzer for tests: every route of a Hono app, with every path parameter, query string and body
 * replaced by hostile input (NUL bytes, lone surrogates, 1 MiB strings, deep nesting, wrong types). Whatever a
 * route does with it, the answer must be a 4xx in the one error shape (or the OAuth error shape, or an HTML error
 * page where a browser is expected), never a 5xx. Shipped as `@orbit/http/route-fuzz` so the hub and every
 * service run the same cases against their own route tables.
 */

import { z } from 'zod';

export interface FuzzRoute {
  method: string;
  /** Hono's pattern, e.g. `/api/accounts/:id/avatar`. */
  path: string;
}

export interface FuzzCase {
  /** What was sent, for the failure report: `POST /api/me body:nul`. */
  name: string;
  method: string;
  /** Path and query, to resolve against the app's origin. */
  url: string;
  headers: Record<string, string>;
  body?: string;
}

const MIB = 1024 * 1024;
const HUGE = 'x'.repeat(MIB);
/** `"\ud800"` percent-encoded as UTF-8 would have it: a lone surrogate has no UTF-8, so these bytes are invalid. */
const SURROGATE_ESCAPE = '%ED%A0%80';

/** Path parameter values, already percent-encoded. */
const PATH_VALUES: Record<string, string> = {
  nul: 'a%00b',
  surrogate: SURROGATE_ESCAPE,
  huge: HUGE,
  notAUuid: '00000000-0000-0000-0000-00000000000g',
  bigNumber: '-99999999999999999999999',
};

/** Query parameter names routes of Orbit read; each gets the hostile value at once. */
const QUERY_NAMES = [
  'q',
  'limit',
  'cursor',
  'before',
  'after',
  'kind',
  'folder',
  'subs',
  'id',
  'type',
  'from',
  'to',
  'page',
  'sort',
  'return_to',
  'step_up',
  'client_id',
  'redirect_uri',
  'response_type',
  'scope',
  'state',
  'nonce',
  'code',
  'code_challenge',
  'code_challenge_method',
  'prompt',
  'max_age',
  'ui_locales',
  'login_hint',
  'id_token_hint',
  'acr_values',
  'post_logout_redirect_uri',
  'token',
  'error',
  'iss',
  'session_state',
  'lang',
  'v',
  'status',
  'zone',
  'year',
  'month',
  'days',
  'since',
  'until',
  'search',
  'filter',
  'account',
  'sub',
  'service',
];

/** Query strings: every name at once with the hostile value (the 1 MiB one in `q` and `return_to` only). */
const QUERIES: Record<string, string> = {
  nul: QUERY_NAMES.map((name) => `${name}=%00`).join('&'),
  surrogate: QUERY_NAMES.map((name) => `${name}=${SURROGATE_ESCAPE}`).join('&'),
  wrongType: QUERY_NAMES.map((name) => `${name}=1&${name}[]=%5B%5D&${name}=%E0%A4%A`).join('&'),
  huge: `q=${HUGE}&return_to=/${HUGE}&limit=1e999`,
};

/** Field names of the JSON bodies Orbit reads; each gets the hostile value at once. */
const FIELD_NAMES = [
  'bodyText',
  'bodyHtml',
  'dataBase64',
  'forwardOf',
  'removeAttachmentIds',
  'handle',
  'displayName',
  'email',
  'password',
  'currentPassword',
  'newPassword',
  'identifier',
  'code',
  'name',
  'bio',
  'approve',
  'delta',
  'note',
  'reason',
  'to',
  'cc',
  'bcc',
  'subject',
  'body',
  'text',
  'html',
  'folder',
  'flags',
  'read',
  'starred',
  'attachments',
  'filename',
  'contentType',
  'data',
  'content',
  'tierId',
  'priceId',
  'period',
  'lane',
  'card',
  'number',
  'expiry',
  'expMonth',
  'expYear',
  'cvc',
  'token',
  'response',
  'id',
  'ids',
  'credential',
  'challenge',
  'locale',
  'language',
  'zone',
  'timezone',
  'enabled',
  'disabled',
  'role',
  'scopes',
  'redirectUris',
  'manifest',
  'level',
  'showBadges',
  'preferences',
  'recoveryCode',
  'passkeyName',
  'draftId',
  'replyTo',
  'inReplyTo',
  'messageId',
  'messageIds',
  'ttlDays',
  'amount',
  'currency',
  'key',
  'value',
  'prices',
  'paymentMethodId',
  'method',
  'confirm',
  'decision',
  'csrfToken',
  'otp',
  'link',
  'url',
  'title',
  'description',
];

/** Hostile JSON values for every field at once (as JSON text, so a lone surrogate survives). */
const FIELD_VALUES: Record<string, string> = {
  nul: '"a\\u0000b"',
  surrogate: '"\\ud800"',
  long: JSON.stringify('y'.repeat(8 * 1024)),
  array: '["x"]',
  number: '1e309',
  object: '{"a":"\\udc00"}',
};

function deep(depth: number, open: string, close: string, inner: string): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

/** Whole bodies that are hostile as a whole. */
const BODIES: Record<string, string> = {
  number: '5',
  deepArray: deep(100_000, '[', ']', '"\\u0000"'),
  deepObject: deep(20_000, '{"a":', '}', '1'),
  hugeField: `{"handle":${JSON.stringify(HUGE.slice(0, MIB - 64))}}`,
  keyNul: '{"\\u0000":"x","handle\\u0000":"x"}',
};

/** Form parameters (OAuth endpoints) with hostile values. */
const FORM_NAMES = [
  'grant_type',
  'code',
  'redirect_uri',
  'code_verifier',
  'client_id',
  'client_secret',
  'refresh_token',
  'scope',
  'token',
  'token_type_hint',
  'client_assertion',
  'client_assertion_type',
  'id_token_hint',
  'state',
  'post_logout_redirect_uri',
  'csrf_token',
  'decision',
  'response_type',
  'code_challenge',
  'nonce',
];

function formWith(value: string, grantType?: string): string {
  return FORM_NAMES.map((name) => `${name}=${name === 'grant_type' && grantType ? grantType : value}`).join(
    '&',
  );
}

/** Every route and method of an app's route table, once each (middleware and wildcards left out). */
export function routesOf(app: { routes: { method: string; path: string }[] }): FuzzRoute[] {
  const seen = new Set<string>();
  const routes: FuzzRoute[] = [];
  for (const { method, path } of app.routes) {
    if (method === 'ALL' || path.includes('*')) continue;
    const key = `${method} ${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    routes.push({ method, path });
  }
  return routes;
}

/** `path` with each `:param` (and `:param{regex}`) replaced by `value`. */
export function fillPath(path: string, value: string): string {
  return path.replace(/:[A-Za-z_]\w*(\{[^}]*\})?\??/g, value);
}

const hasParams = (path: string) => /:[A-Za-z_]/.test(path);

/**
 * The top-level field names a declared JSON body reads (every branch of a union, and of an intersection), from its
 * JSON Schema: what `fuzzCases` sends one at a time for a declared route.
 */
export function bodyFieldsOf(schema: z.ZodType): string[] {
  const fields = new Set<string>();
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const { properties, anyOf, oneOf, allOf } = node as Record<string, unknown>;
    if (properties && typeof properties === 'object')
      for (const key of Object.keys(properties)) fields.add(key);
    for (const branch of [anyOf, oneOf, allOf]) if (Array.isArray(branch)) branch.forEach(visit);
  };
  visit(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));
  return [...fields].sort();
}

/**
 * The body fields each declared endpoint reads (`bodyFieldsOf`; none for one without a body), looked up by route
 * as `routesOf` lists them: undefined for an undeclared route, which then gets every field name (`FuzzOptions`).
 */
export function declaredBodyFields(
  endpoints: readonly { method: string; path: string; body?: z.ZodType | undefined }[],
): (route: FuzzRoute) => readonly string[] | undefined {
  const fields = new Map(
    endpoints.map((e) => [`${e.method.toUpperCase()} ${e.path}`, e.body ? bodyFieldsOf(e.body) : []]),
  );
  return (route) => fields.get(`${route.method.toUpperCase()} ${route.path}`);
}

export interface FuzzOptions {
  /** Fills path parameters when the hostile part is elsewhere (a syntactically valid id, so the request reaches the handler's own checks). */
  validParam?: string;
  /** Routes that take OAuth form bodies. */
  formPaths?: RegExp;
  /**
   * The fields the route's declared body reads (`bodyFieldsOf(endpoint.body)`; `[]` for a declared route with no
   * body): its one-field cases then send only these instead of every field name Orbit reads anywhere. The cases
   * with every field at once are sent either way.
   */
  bodyFields?: readonly string[] | undefined;
}

/** The hostile requests for one route (see `FuzzOptions`). */
export function fuzzCases(
  route: FuzzRoute,
  {
    validParam = '00000000-0000-4000-8000-000000000000',
    formPaths = /^\/(oidc|auth)\//,
    bodyFields,
  }: FuzzOptions = {},
): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const { method } = route;
  const label = `${method} ${route.path}`;
  if (hasParams(route.path)) {
    for (const [kind, value] of Object.entries(PATH_VALUES)) {
      cases.push({ name: `${label} path:${kind}`, method, url: fillPath(route.path, value), headers: {} });
    }
  }
  const base = fillPath(route.path, validParam);
  for (const [kind, query] of Object.entries(QUERIES)) {
    cases.push({ name: `${label} query:${kind}`, method, url: `${base}?${query}`, headers: {} });
  }
  if (method === 'GET' || method === 'HEAD') return cases;
  const json = { 'content-type': 'application/json' };
  for (const [kind, value] of Object.entries(FIELD_VALUES)) {
    const body = `{${FIELD_NAMES.map((name) => `${JSON.stringify(name)}:${value}`).join(',')}}`;
    cases.push({ name: `${label} fields:${kind}`, method, url: base, headers: json, body });
  }
  // Each field alone with a NUL too: a route whose other fields are optional then reaches its query with it.
  for (const field of bodyFields ?? FIELD_NAMES) {
    const body = `{${JSON.stringify(field)}:"a\\u0000b"}`;
    cases.push({ name: `${label} field:${field}`, method, url: base, headers: json, body });
  }
  for (const [kind, body] of Object.entries(BODIES)) {
    cases.push({ name: `${label} body:${kind}`, method, url: base, headers: json, body });
  }
  if (!formPaths.test(route.path)) return cases;
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  for (const [kind, value] of Object.entries({
    nul: '%00',
    surrogate: SURROGATE_ESCAPE,
    huge: 'z'.repeat(64 * 1024),
  })) {
    for (const grantType of [undefined, 'authorization_code', 'refresh_token']) {
      cases.push({
        name: `${label} form:${kind}${grantType ? `:${grantType}` : ''}`,
        method,
        url: base,
        headers: form,
        body: formWith(value, grantType),
      });
    }
  }
  return cases;
}

/**
 * What is wrong with an answer to a hostile request, or undefined when it is acceptable: any status below 500,
 * and a 4xx must say why in the one error shape (`{ error: { code, message } }`), the OAuth shape
 * (`{ error, error_description? }`), the SET delivery shape (`{ err, description }`), or an HTML page (the hub's
 * error page for browser endpoints).
 */
export async function problemWith(response: Response): Promise<string | undefined> {
  const text = await response.text();
  if (response.status >= 500) return `${response.status}: ${text.slice(0, 200)}`;
  if (response.status < 400) return undefined;
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('text/html')) return text.length > 0 ? undefined : `${response.status}: empty HTML`;
  try {
    const body = JSON.parse(text) as { error?: unknown; err?: unknown };
    const error = body.error;
    if (typeof error === 'string') return undefined;
    // A Security Event Token receiver answers as RFC 8935 §2.3 says: `{ err, description }`.
    if (typeof body.err === 'string') return undefined;
    if (error && typeof error === 'object') {
      const { code, message } = error as { code?: unknown; message?: unknown };
      if (typeof code === 'string' && typeof message === 'string') return undefined;
    }
  } catch {
    // not JSON: reported below
  }
  return `${response.status} not in an error shape: ${type} ${text.slice(0, 200)}`;
}
