/**
 * Space's API, declared once: each route's input and answer as zod schemas, one file per part. The routes
 * validate with these (`endpointRoutes` from `@orbit/http`), `GET /api/openapi.json` is generated from them, and
 * the web pages take their types from here (zod and `@orbit/contracts` only: no server code).
 */
import { endpoint } from '@orbit/contracts';
import { z } from 'zod';
import { photoEndpoints } from './photos.js';
import { postEndpoints } from './posts.js';
import { talkEndpoints } from './talk.js';

export * from './common.js';
export * from './photos.js';
export * from './posts.js';
export * from './talk.js';

export const meApi = {
  me: endpoint({
    method: 'get',
    path: '/api/me',
    summary: 'The signed-in user, as the hub told Space',
    tags: ['me'],
    auth: 'session',
    responses: { 200: z.object({ user: z.looseObject({ sub: z.string(), displayName: z.string() }) }) },
  }),
};

/** Every endpoint of Space's API, in document order. */
export const serviceEndpoints = [
  ...Object.values(meApi),
  ...postEndpoints,
  ...photoEndpoints,
  ...talkEndpoints,
];
