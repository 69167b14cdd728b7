import type { SocialChange } from '@orbit/sdk';
import type { Hono } from 'hono';
import type { PostView } from '../contracts/posts.js';
import type { SpaceCore } from '../deps.js';
import type { Photos } from '../photos/index.js';
import { createArrangement } from './arrange.js';
import { createPostStore } from './posts.js';
import { createReach } from './reach.js';
import { postRoutes } from './routes.js';
import { createRss } from './rss.js';
import { createTimeline } from './timeline.js';
import { createPostViews, type PostRow } from './views.js';

export type { PostRow } from './views.js';

/** What the other parts of Space use of posts and moments. */
export interface Posts {
  /**
   * The post or moment `id` if `viewer` (null: signed out) may see it — published and allowed by `canSee`, or
   * the viewer's own — else throws 404 `space.not_found`.
   */
  visible(viewer: string | null, id: string): Promise<PostRow>;
  /**
   * Views of `rows` for `viewer` (author cards, photos, likes, what a share shows), in a constant number of
   * lookups. Give only rows the viewer may see (`visible`, or `core.visibility.filter`).
   */
  postViews(viewer: string | null, rows: readonly PostRow[]): Promise<PostView[]>;
}

/**
 * Posts and moments, the friends timeline, someone's space, search, RSS and the `space:share` API: the routes,
 * what the other parts use, and what a friend or block change does to timelines.
 */
export function createPostsPart(
  core: SpaceCore,
  deps: { photos: Photos },
): { routes: Hono; posts: Posts; onSocialChange: (change: SocialChange) => Promise<void> } {
  const timeline = createTimeline(core);
  const store = createPostStore(core, { photos: deps.photos, timeline });
  const views = createPostViews(core, deps.photos);
  const routes = postRoutes(core, {
    store,
    arrangement: createArrangement(core, store.own),
    timeline,
    reach: createReach(core),
    views,
    rss: createRss(core),
  });
  return {
    // Its own variables (the optional user, the bearer caller) are set by its own middleware: mounted as any app.
    routes: routes as unknown as Hono,
    posts: { visible: store.visible, postViews: views },
    onSocialChange: timeline.onSocialChange,
  };
}
