import { type EndpointSpec, openApiEndpoint, type ServiceManifest } from '@orbit/contracts';
import { type OpenApiDocument, openApiDocument, openApiRoute } from '@orbit/http';
import type { Env } from 'hono';

export interface ServiceOpenApiOptions {
  /** The service's manifest: the document is titled by its name and described by its description. */
  manifest: Pick<ServiceManifest, 'id' | 'name' | 'description'>;
  /** The service's endpoint declarations (`endpoint()` from `@orbit/contracts`), usually its `contracts.ts`. */
  endpoints: readonly EndpointSpec[];
  /** The document's `info.version`: the service's API version, `1` unless given. */
  version?: string;
  /** The origin the API is served at (`https://mail.example.com`), listed as the document's server. */
  origin?: string;
  /** Tag descriptions, name → text. */
  tags?: Record<string, string>;
}

/**
 * A service's OpenAPI 3.1 document, from its endpoint declarations — the same generator as the hub's, so a
 * service's API reads like the hub's: one error shape, one `Error` response, session and bearer security.
 */
export function serviceOpenApiDocument(options: ServiceOpenApiOptions): OpenApiDocument {
  const { manifest } = options;
  const declared = options.endpoints.some(
    (endpoint) => endpoint.method === openApiEndpoint.method && endpoint.path === openApiEndpoint.path,
  );
  return openApiDocument(declared ? options.endpoints : [...options.endpoints, openApiEndpoint], {
    info: {
      title: manifest.name,
      version: options.version ?? '1',
      ...(manifest.description ? { description: manifest.description } : {}),
    },
    ...(options.origin ? { servers: [options.origin] } : {}),
    tags: { meta: 'About this API.', ...options.tags },
  });
}

/**
 * `GET /api/openapi.json` for a service: mount it on the service's app (public, cacheable, built on first
 * request).
 *
 * @example
 * app.route('/', serviceOpenApiRoutes({ manifest, endpoints: Object.values(notesApi), origin }));
 */
export function serviceOpenApiRoutes<E extends Env = Env>(options: ServiceOpenApiOptions) {
  return openApiRoute<E>(() => serviceOpenApiDocument(options));
}
