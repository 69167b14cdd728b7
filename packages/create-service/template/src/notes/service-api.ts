import type { OrbitService } from '@orbit/sdk';
import { Hono } from 'hono';
import { type Notes, noteView } from './notes.js';

/** The scope this service's API offers other services (the manifest's `api.offers`). */
export const READ_SCOPE = '__SERVICE_ID__:read';

/**
 * `GET /api/service/notes`: the API other Orbit services call, with a token the hub addressed to this service
 * carrying `__SERVICE_ID__:read` (`orbit.call('__SERVICE_ID__', '/api/service/notes', { as })` in theirs). On a
 * user's behalf it answers that user's notes; a service calling as itself learns only the counts. A token for
 * another service is refused with 401 `token.wrong_audience`, one without the scope with 403
 * `token.missing_scope`.
 */
export function noteServiceRoutes({ orbit, notes }: { orbit: OrbitService; notes: Notes }) {
  return new Hono().get('/notes', orbit.requireBearer({ scopes: [READ_SCOPE] }), async (c) => {
    const caller = c.get('caller');
    if (!caller.user) return c.json({ caller: caller.service, stats: await notes.stats() });
    const list = await notes.list(caller.user.sub);
    return c.json({ caller: caller.service, user: caller.user.sub, notes: list.map(noteView) });
  });
}
