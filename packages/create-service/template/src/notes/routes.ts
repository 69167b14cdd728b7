import { endpointRoutes } from '@orbit/http';
import type { OrbitService, OrbitVariables } from '@orbit/sdk';
import { notesApi } from '../contracts.js';
import { type Notes, noteView } from './notes.js';

/**
 * `GET /api/notes` lists the caller's notes; `POST /api/notes` `{ text }` adds one (201); `GET /api/notes/stats`
 * counts every account's notes, for moderators only (403 `role.required` for anyone else): `moderator` is a role
 * the manifest declares and an Orbit admin grants at the hub; `requireRole` asks the hub, so a revocation counts
 * within 30 seconds.
 */
export function noteRoutes({ orbit, notes }: { orbit: OrbitService; notes: Notes }) {
  // Declared in ../contracts.ts, which validates each request's input before the handler sees it.
  const routes = endpointRoutes<{ Variables: OrbitVariables }>('/api/notes');
  routes.app.use(orbit.requireUser());
  return routes
    .on(notesApi.list, async (c) => {
      const list = await notes.list(c.get('user').sub);
      return c.json({ notes: list.map(noteView) });
    })
    .on(notesApi.stats, orbit.requireRole('moderator'), async (c) => c.json(await notes.stats()))
    .on(notesApi.add, async (c, { body }) => {
      const note = await notes.add(c.get('user').sub, body.text);
      return c.json({ note: noteView(note) }, 201);
    }).app;
}
