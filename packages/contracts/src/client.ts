/**
 * The typed client: one `call(endpoint, input)` for every declared endpoint, its input and answer typed by the
 * declaration. It fills the path, encodes the query and the body (JSON, or a form for OAuth endpoints) and
 * hands the request to a transport. A web UI passes its own transport (`@orbit/ui`'s `fetchJson`) so errors
 * keep the one `ApiError` shape it already handles; servers and tests use the built-in `fetch` transport,
 * which throws an `EndpointError` carrying the error body.
 */
import type { z } from 'zod';
import {
  type Endpoint,
  type EndpointInput,
  type EndpointOutput,
  type EndpointSpec,
  fillPath,
} from './endpoint.js';

/** Sends one request; resolves to the parsed JSON body of a 2xx (`undefined` when empty), throws otherwise. */
export type Transport = (url: string, init: RequestInit) => Promise<unknown>;

export interface ClientOptions {
  /** Prepended to each path (`https://hub.example`); empty for a page calling its own origin. */
  baseUrl?: string;
  /** The transport; a `fetch`-based one unless given. */
  send?: Transport;
  /** For the built-in transport: the `fetch` to use (the global one unless given). */
  fetch?: typeof globalThis.fetch;
  /** Headers on every request (`X-CSRF-Token`, `Authorization`), read per call. */
  headers?: () => Record<string, string> | undefined;
  /** Parse each successful answer with the endpoint's response schema (throws on a mismatch). Off by default. */
  validateResponses?: boolean;
}

/** A failed call through the built-in transport: the status and, for Orbit's shape, the error's code. */
export class EndpointError extends Error {
  override name = 'EndpointError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export interface Client {
  /** Calls `endpoint` with its params, query and body; resolves to its typed successful answer. */
  call<E extends Endpoint<EndpointSpec>>(
    endpoint: E,
    ...input: OptionalIfEmpty<EndpointInput<E>>
  ): Promise<EndpointOutput<E>>;
  /** The URL `call` would request (for links and redirects: an export download, a sign-in page). */
  url<E extends Endpoint<EndpointSpec>>(endpoint: E, ...input: OptionalIfEmpty<EndpointInput<E>>): string;
}

type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];
type OptionalIfEmpty<T> = [RequiredKeys<T>] extends [never] ? [input?: T] : [input: T];

export function createClient(options: ClientOptions = {}): Client {
  const baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
  const send = options.send ?? fetchTransport(options.fetch);

  function url(endpoint: EndpointSpec, input: { params?: unknown; query?: unknown } = {}): string {
    const path = fillPath(endpoint.path, (input.params ?? {}) as Record<string, unknown>);
    const query = encodeQuery(input.query);
    return `${baseUrl}${path}${query ? `?${query}` : ''}`;
  }

  return {
    url: (endpoint, ...[input]) => url(endpoint, input as { params?: unknown; query?: unknown }),
    async call(endpoint, ...[input]) {
      const given = (input ?? {}) as { params?: unknown; query?: unknown; body?: unknown };
      const headers: Record<string, string> = { Accept: 'application/json', ...options.headers?.() };
      const init: RequestInit = { method: endpoint.method.toUpperCase(), headers };
      if (given.body !== undefined) {
        if (endpoint.bodyEncoding === 'form') {
          headers['Content-Type'] = 'application/x-www-form-urlencoded';
          init.body = encodeQuery(given.body);
        } else {
          headers['Content-Type'] = 'application/json';
          init.body = JSON.stringify(given.body);
        }
      }
      const answer = await send(url(endpoint, given), init);
      if (!options.validateResponses) return answer as never;
      return parseAnswer(endpoint, answer) as never;
    },
  };
}

/** Checks an answer against the endpoint's successful response schemas; the first that parses wins. */
function parseAnswer(endpoint: EndpointSpec, answer: unknown): unknown {
  let last: z.ZodError | undefined;
  for (const [status, spec] of Object.entries(endpoint.responses)) {
    if (Number(status) < 200 || Number(status) > 299) continue;
    const schema = spec === null ? undefined : 'safeParse' in spec ? spec : spec.schema;
    if (!schema) {
      if (answer === undefined) return answer;
      continue;
    }
    const result = (schema as z.ZodType).safeParse(answer);
    if (result.success) return result.data;
    last = result.error;
  }
  throw new Error(
    `The answer of ${endpoint.method.toUpperCase()} ${endpoint.path} does not match its declaration.`,
    {
      cause: last,
    },
  );
}

/** `a=1&b=x&b=y`: arrays repeat their key, `undefined` is left out, everything else is `String(value)`. */
function encodeQuery(values: unknown): string {
  if (values === undefined || values === null) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  return search.toString();
}

function fetchTransport(fetchFn?: typeof globalThis.fetch): Transport {
  return async (url, init) => {
    const response = await (fetchFn ?? globalThis.fetch)(url, init);
    const text = response.status === 204 ? '' : await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (response.ok) return body;
    const error = (body as { error?: unknown } | undefined)?.error;
    if (error && typeof error === 'object') {
      const { code, message } = error as { code?: unknown; message?: unknown };
      throw new EndpointError(response.status, String(code), String(message ?? ''), body);
    }
    const description = (body as { error_description?: unknown } | undefined)?.error_description;
    throw new EndpointError(
      response.status,
      typeof error === 'string' ? error : `http.${response.status}`,
      typeof description === 'string' ? description : `The server answered ${response.status}.`,
      body,
    );
  };
}
