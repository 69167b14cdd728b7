/**
 * This service's API, declared once: each route's input and answer as zod schemas. The routes validate with
 * these (`endpointRoutes` from `@orbit/http`), `GET /api/openapi.json` is generated from them, and the web pages
 * may take their types from here (zod and `@orbit/contracts` only: no server code). See docs/contracts.md.
 */
import { endpoint } from '@orbit/contracts';
import { z } from 'zod';

/** A note as the API shows it (the owner is always the caller). */
export const noteView = z
  .object({ id: z.uuid(), text: z.string(), createdAt: z.string().describe('ISO 8601 date-time') })
  .meta({ id: 'Note', description: 'A note; only its author reads it.' });
export type NoteView = z.infer<typeof noteView>;

/** `POST /api/notes`. */
export const newNote = z.object({ text: z.string().trim().min(1).max(2000) });
export type NewNote = z.input<typeof newNote>;

export const notesStats = z.object({ notes: z.number().int(), authors: z.number().int() });

const tags = ['notes'] as const;

export const notesApi = {
  list: endpoint({
    method: 'get',
    path: '/api/notes',
    summary: 'The caller’s notes, newest first',
    tags,
    auth: 'session',
    responses: { 200: z.object({ notes: z.array(noteView) }) },
  }),
  add: endpoint({
    method: 'post',
    path: '/api/notes',
    summary: 'Add a note',
    tags,
    auth: 'session',
    body: newNote,
    responses: { 201: z.object({ note: noteView }) },
  }),
  stats: endpoint({
    method: 'get',
    path: '/api/notes/stats',
    summary: 'Every account’s notes, counted (the `moderator` role only)',
    tags,
    auth: 'session',
    responses: { 200: notesStats },
  }),
};

/** What other services call, with a token the hub addressed to this one (README, "Calling another service"). */
export const serviceApi = {
  notes: endpoint({
    method: 'get',
    path: '/api/service/notes',
    // Needs the scope `__SERVICE_ID__:read` (kept out of the summary, whose line must fit any service id).
    summary: 'On a user’s behalf: their notes; as a service: the counts',
    tags: ['service-api'],
    auth: 'bearer',
    responses: {
      200: z.union([
        z.object({ caller: z.string(), user: z.string(), notes: z.array(noteView) }),
        z.object({ caller: z.string(), stats: notesStats }),
      ]),
    },
  }),
};

export const meApi = {
  me: endpoint({
    method: 'get',
    path: '/api/me',
    summary: 'The signed-in user, as the hub told this service',
    tags: ['me'],
    auth: 'session',
    responses: { 200: z.object({ user: z.looseObject({ sub: z.string(), displayName: z.string() }) }) },
  }),
};

/** Every endpoint of this service's API, in document order. */
export const serviceEndpoints = [
  ...Object.values(meApi),
  ...Object.values(notesApi),
  ...Object.values(serviceApi),
];
