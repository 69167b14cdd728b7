import { AppError, endpointRoutes, limitBody } from '@orbit/http';
import type { OrbitOptionalVariables, OrbitVariables } from '@orbit/sdk';
import { talkApi } from '../contracts/talk.js';
import type { SpaceCore } from '../deps.js';
import type { Comments } from './comments.js';
import type { Likes } from './likes.js';
import type { Reports } from './reports.js';
import type { Themes } from './themes.js';
import type { Visitors } from './visitors.js';

/** Talk's bodies are a comment or a report at most: a few kilobytes. */
const MAX_BODY_BYTES = 16 * 1024;

export interface TalkServices {
  comments: Comments;
  likes: Likes;
  visitors: Visitors;
  themes: Themes;
  reports: Reports;
}

/**
 * Talk's JSON API (declared in `../contracts/talk.ts`): comments and likes, the visitor log, themes, reports and
 * the moderators' queue. Each route parses, calls the domain and serialises; every read goes through the post's
 * visibility in the domain.
 */
export function talkRoutes(core: SpaceCore, s: TalkServices) {
  const { orbit } = core;
  const small = limitBody({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new AppError(413, 'request.too_large', 'The request body is too large.', {
        limitBytes: MAX_BODY_BYTES,
      });
    },
  });
  // Every signed-in route: the session, then the body's size (reads pass straight on).
  const signedIn = [orbit.requireUser(), small] as const;
  const moderator = orbit.requireRole('moderator');

  // The one route anyone may call (signed out too): the theme a space shows.
  const open = endpointRoutes<{ Variables: OrbitOptionalVariables }>().on(
    talkApi.spaceTheme,
    orbit.optionalUser(),
    async (c, { params }) => c.json(await s.themes.ofSpace(c.get('user')?.sub ?? null, params.sub)),
  ).app;

  const routes = endpointRoutes<{ Variables: OrbitVariables }>()
    .on(talkApi.comments, ...signedIn, async (c, { params, query }) =>
      c.json(await s.comments.list(c.get('user').sub, params.id, query.cursor)),
    )
    .on(talkApi.comment, ...signedIn, async (c, { params, body }) =>
      c.json({ comment: await s.comments.add(c.get('user').sub, params.id, body) }, 201),
    )
    .on(talkApi.deleteComment, ...signedIn, async (c, { params }) => {
      await s.comments.remove(c.get('user').sub, params.id);
      return c.body(null, 204);
    })
    .on(talkApi.like, ...signedIn, async (c, { params }) =>
      c.json(await s.likes.like(c.get('user').sub, params.id)),
    )
    .on(talkApi.unlike, ...signedIn, async (c, { params }) =>
      c.json(await s.likes.unlike(c.get('user').sub, params.id)),
    )
    .on(talkApi.likes, ...signedIn, async (c, { params, query }) =>
      c.json(await s.likes.list(c.get('user').sub, params.id, query)),
    )
    .on(talkApi.visit, ...signedIn, async (c, { params }) =>
      c.json(await s.visitors.visit(c.get('user'), params.sub)),
    )
    .on(talkApi.visitors, ...signedIn, async (c) =>
      c.json({ visitors: await s.visitors.list(c.get('user').sub) }),
    )
    .on(talkApi.clearVisitors, ...signedIn, async (c) => {
      await s.visitors.clear(c.get('user').sub);
      return c.body(null, 204);
    })
    .on(talkApi.removeVisitor, ...signedIn, async (c, { params }) => {
      await s.visitors.clear(c.get('user').sub, params.sub);
      return c.body(null, 204);
    })
    .on(talkApi.settings, ...signedIn, async (c) => c.json(await s.themes.settings(c.get('user').sub)))
    .on(talkApi.setTheme, ...signedIn, async (c, { body }) =>
      c.json(await s.themes.choose(c.get('user').sub, body.theme)),
    )
    .on(talkApi.report, ...signedIn, async (c, { body }) =>
      c.json({ report: await s.reports.file(c.get('user').sub, body) }, 201),
    )
    .on(talkApi.adminReports, ...signedIn, moderator, async (c, { query }) =>
      c.json(await s.reports.list(query)),
    )
    .on(talkApi.resolveReport, ...signedIn, moderator, async (c, { params, body }) =>
      c.json(await s.reports.resolve(c.get('user').sub, params.id, body.action)),
    ).app;

  return { open, routes };
}
