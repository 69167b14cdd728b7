/**
 * What servers call on the hub: the health checks, and the service API (`/api/v1`) a service calls with its own
 * `client_credentials` token — accounts, entitlements, its roles of an account, and the social graph
 * (docs/services.md).
 */
import { z } from 'zod';
import {
  accountLookupAnswer,
  accountLookupBody,
  accountProfilesAnswer,
  accountProfilesBody,
  entitlements,
} from './accounts.js';
import { endpoint } from './endpoint.js';
import { relationshipsAnswer, relationshipsBody, socialFriendsAnswer } from './social-services.js';

const subParams = z.object({ sub: z.uuid().describe('The account’s `sub`.') });

export const healthApi = {
  live: endpoint({
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: the process answers',
    tags: ['health'],
    responses: { 200: z.object({ status: z.literal('ok') }) },
  }),
  ready: endpoint({
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: the database answers too',
    tags: ['health'],
    responses: {
      200: z.object({ status: z.literal('ready'), checks: z.object({ database: z.literal('ok') }) }),
      503: z.object({
        status: z.literal('unavailable'),
        checks: z.object({ database: z.literal('unreachable') }),
      }),
    },
  }),
};

/** `GET /api/openapi.json`: the OpenAPI 3.1 document of the hub, or of a service (each serves its own). */
export const openApiEndpoint = endpoint({
  method: 'get',
  path: '/api/openapi.json',
  summary: 'This OpenAPI 3.1 document',
  tags: ['meta'],
  responses: {
    200: {
      description: 'The OpenAPI 3.1 document (public, cacheable).',
      schema: z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }),
    },
  },
});

const serviceTag = ['service-api'] as const;

export const serviceApi = {
  lookupAccounts: endpoint({
    method: 'post',
    path: '/api/v1/accounts/lookup',
    summary: 'Look accounts up by account number or handle (scope `accounts:read`)',
    tags: serviceTag,
    auth: 'bearer',
    body: accountLookupBody,
    responses: { 200: accountLookupAnswer },
  }),
  profiles: endpoint({
    method: 'post',
    path: '/api/v1/accounts/profiles',
    summary: 'Accounts by `sub` (scope `accounts:read`)',
    tags: serviceTag,
    auth: 'bearer',
    body: accountProfilesBody,
    responses: { 200: accountProfilesAnswer },
  }),
  entitlements: endpoint({
    method: 'get',
    path: '/api/v1/entitlements/:sub',
    summary: 'What an account is entitled to in the calling service (scope `entitlements:read`)',
    tags: serviceTag,
    auth: 'bearer',
    params: subParams,
    responses: { 200: entitlements },
  }),
  socialRelationships: endpoint({
    method: 'post',
    path: '/api/v1/social/relationships',
    summary: 'How one account stands with up to 100 others (scope `social:read`)',
    tags: serviceTag,
    auth: 'bearer',
    body: relationshipsBody,
    responses: { 200: relationshipsAnswer },
  }),
  socialFriends: endpoint({
    method: 'get',
    path: '/api/v1/social/friends/:sub',
    summary: 'An account’s friends with its group for each, and its groups (scope `social:read`)',
    tags: serviceTag,
    auth: 'bearer',
    params: subParams,
    responses: { 200: socialFriendsAnswer },
  }),
  roles: endpoint({
    method: 'get',
    path: '/api/v1/roles/:sub',
    summary: 'The calling service’s roles of an account, as they are now',
    tags: serviceTag,
    auth: 'bearer',
    params: subParams,
    responses: { 200: z.object({ sub: z.uuid(), roles: z.array(z.string()) }) },
  }),
  calls: endpoint({
    method: 'get',
    path: '/api/v1/calls/:service',
    summary: 'Where to call another service: its origin, the `resource` for tokens, the scopes granted now',
    tags: serviceTag,
    auth: 'bearer',
    params: z.object({ service: z.string().describe('The target service’s id.') }),
    responses: {
      200: z.object({
        service: z.string(),
        origin: z.string(),
        /** Ask the token endpoint for tokens with this RFC 8707 `resource`. */
        resource: z.string(),
        /** What the caller may carry there: requested ∩ offered ∩ approved. */
        scopes: z.array(z.string()),
      }),
    },
  }),
};
