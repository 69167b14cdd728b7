import { HUB_API_TAGS, hubEndpoints } from '@orbit/contracts';
import { type OpenApiDocument, openApiDocument, openApiRoute } from '@orbit/http';
import type { Config } from './config.js';
import type { HubEnv } from './env.js';

/**
 * The hub's OpenAPI 3.1 document, from every endpoint declaration in `@orbit/contracts` (`hubEndpoints`). The
 * coverage test (openapi.test.ts) keeps the declarations and the real app's routes in step.
 */
export function hubOpenApiDocument(config: Pick<Config, 'issuer'>): OpenApiDocument {
  return openApiDocument(hubEndpoints, {
    info: {
      title: 'Orbit hub',
      version: '1',
      description:
        'The Orbit hub: accounts, sessions, passkeys, membership, services and OpenID Connect. Errors share one shape (`Error`); the OAuth endpoints keep theirs (`OAuthError`). See docs/contracts.md.',
    },
    servers: [config.issuer],
    tags: HUB_API_TAGS,
  });
}

/** `GET /api/openapi.json`: public and cacheable; built on first request. */
export const openApiRoutes = (config: Pick<Config, 'issuer'>) =>
  openApiRoute<HubEnv>(() => hubOpenApiDocument(config));
