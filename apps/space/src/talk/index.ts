import type { SocialChange } from '@orbit/sdk';
import { Hono } from 'hono';
import type { SpaceCore } from '../deps.js';
import type { Photos } from '../photos/index.js';
import type { Posts } from '../posts/index.js';
import { createRateLimit } from '../rate-limit.js';
import { createBlockCleanup } from './blocks.js';
import { createComments } from './comments.js';
import { createLikes } from './likes.js';
import { createNotices } from './notices.js';
import { createReports } from './reports.js';
import { talkRoutes } from './routes.js';
import { createThemes } from './themes.js';
import { createVisitors } from './visitors.js';

export { TALK_ERROR_CODES } from './errors.js';

/**
 * Talk around a space: comments with one level of replies, likes, the bell notices they send, the visitor log
 * (最近访客), themes by membership, and reports with the moderators' queue. Built on the posts part's
 * visibility (`posts.visible`) and the photos part (a removed post's files).
 */
export function createTalkPart(
  core: SpaceCore,
  deps: { posts: Posts; photos: Photos },
): { routes: Hono; onSocialChange: (change: SocialChange) => Promise<void> } {
  const limit = createRateLimit({ clock: core.clock, perMinute: core.config.space.actionsPerMinute });
  const notices = createNotices(core);
  const { open, routes } = talkRoutes(core, {
    comments: createComments(core, { posts: deps.posts, notices, limit }),
    likes: createLikes(core, { posts: deps.posts, notices, limit }),
    visitors: createVisitors(core),
    themes: createThemes(core),
    reports: createReports(core, { posts: deps.posts, photos: deps.photos, limit }),
  });
  return {
    routes: new Hono().route('/', open).route('/', routes),
    // A block takes the blocked account's comments and likes off the blocker's posts.
    onSocialChange: createBlockCleanup(core),
  };
}
