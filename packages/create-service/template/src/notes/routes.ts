import { readJson } from '@orbit/http';
import type { OrbitService } from '@orbit/sdk';
import { Hono } from 'hono';
import { type Notes, newNote, noteView } from './notes.js';

/**
 * `GET /api/notes` lists the caller's notes; `POST /api/notes` `{ text }` adds one (201); `GET /api/notes/stats`
 * counts every account's notes, for moderators only (403 `role.required` for anyone else): `moderator` is a role
 * the manifest declares and an Orbit admin grants at the hub; `requireRole` asks the hub, so a revocation counts
 * within 30 seconds.
 */
export function noteRoutes({ orbit, notes }: { orbit: OrbitService; notes: Notes }) {
  return new Hono()
    .use(orbit.requireUser())
    .get('/', async (c) => {
      const list = await notes.list(c.get('user').sub);
      return c.json({ notes: list.map(noteView) });
    })
    .get('/stats', orbit.requireRole('moderator'), async (c) => c.json(await notes.stats()))
    .post('/', async (c) => {
      const input = await readJson(c, newNote);
      const note = await notes.add(c.get('user').sub, input.text);
      return c.json({ note: noteView(note) }, 201);
    });
}
