import { AppError, endpointRoutes, limitBody } from '@orbit/http';
import type { BearerVariables, OrbitOptionalVariables } from '@orbit/sdk';
import type { Context } from 'hono';
import { postsApi, shareApi } from '../contracts/posts.js';
import type { SpaceCore } from '../deps.js';
import { notFound } from '../errors.js';
import type { Arrangement } from './arrange.js';
import { userRequired } from './errors.js';
import type { PostStore } from './posts.js';
import type { Reach } from './reach.js';
import type { Timeline } from './timeline.js';
import type { PostRow, PostViews } from './views.js';

type PostsEnv = { Variables: OrbitOptionalVariables & Partial<BearerVariables> };

/** Markdown of 100,000 characters, each up to 3 bytes in UTF-8 and escaped in JSON: 1 MiB is room enough. */
const MAX_BODY_BYTES = 1024 * 1024;
const UUID_XML = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.xml$/i;

/** The signed-in user's `sub` (the route's `requireUser()` has made sure there is one). */
const me = (c: Context<PostsEnv>) => {
  const user = c.get('user');
  if (!user) throw new Error('requireUser() must run before this handler');
  return user.sub.toLowerCase();
};
const viewer = (c: Context<PostsEnv>) => c.get('user')?.sub.toLowerCase() ?? null;

/**
 * The HTTP side of posts and moments: parse (the declared endpoints of `../contracts/posts.ts`), call the
 * store, the timeline or the reach, serialise views. Reading public content needs no sign-in; writing does.
 */
export function postRoutes(
  core: SpaceCore,
  deps: {
    store: PostStore;
    arrangement: Arrangement;
    timeline: Timeline;
    reach: Reach;
    views: PostViews;
    rss: (owner: string) => Promise<string>;
  },
) {
  const { store, arrangement, timeline, reach, views } = deps;
  const { orbit } = core;
  const signedIn = orbit.requireUser();
  const anyone = orbit.optionalUser();
  const one = async (c: Context<PostsEnv>, row: PostRow) => {
    const [post] = await views(viewer(c), [row]);
    return post;
  };

  const routes = endpointRoutes<PostsEnv>();
  const tooLarge = () => {
    throw new AppError(413, 'request.too_large', 'The request body is larger than 1 MiB.');
  };
  routes.app
    .use('/api/posts', limitBody({ maxSize: MAX_BODY_BYTES, onError: tooLarge }))
    .use('/api/posts/*', limitBody({ maxSize: MAX_BODY_BYTES, onError: tooLarge }))
    .use('/api/service/share', limitBody({ maxSize: 64 * 1024, onError: tooLarge }))
    // RSS: public items only, for anyone (a feed reader has no session), so no sign-in and not under /api.
    .get('/rss/:file', async (c) => {
      const sub = UUID_XML.exec(c.req.param('file'))?.[1];
      if (!sub) throw notFound();
      const body = await deps.rss(sub);
      return c.body(body, 200, {
        'Content-Type': 'application/rss+xml; charset=utf-8',
        // Asked again each time: an item narrowed from public must leave every copy of the feed at once.
        'Cache-Control': 'no-cache',
      });
    });

  return routes
    .on(postsApi.create, signedIn, async (c, { body }) => {
      const row = await store.create(me(c), body);
      return c.json({ post: await one(c, row) }, 201);
    })
    .on(postsApi.get, anyone, async (c, { params }) => {
      const row = await store.visible(viewer(c), params.id);
      return c.json({ post: await one(c, row) });
    })
    .on(postsApi.edit, signedIn, async (c, { params, body }) => {
      const row = await store.edit(me(c), params.id, body);
      return c.json({ post: await one(c, row) });
    })
    .on(postsApi.remove, signedIn, async (c, { params }) => {
      await store.remove(me(c), params.id);
      return c.body(null, 204);
    })
    .on(postsApi.publish, signedIn, async (c, { params }) => {
      const row = await store.publish(me(c), params.id);
      return c.json({ post: await one(c, row) });
    })
    .on(postsApi.pin, signedIn, async (c, { params }) => {
      const row = await arrangement.pin(me(c), params.id);
      return c.json({ post: await one(c, row) });
    })
    .on(postsApi.unpin, signedIn, async (c, { params }) => {
      const row = await arrangement.unpin(me(c), params.id);
      return c.json({ post: await one(c, row) });
    })
    .on(postsApi.drafts, signedIn, async (c, { query }) => {
      const page = await arrangement.drafts(me(c), query);
      return c.json({ items: await views(me(c), page.items), next: page.next });
    })
    .on(postsApi.space, anyone, async (c, { params, query }) => {
      const who = viewer(c);
      const space = await reach.space(who, params.sub, query);
      const shown = await views(who, [...(space.pinned ? [space.pinned] : []), ...space.items]);
      return c.json({
        owner: space.owner,
        pinned: space.pinned ? (shown[0] ?? null) : null,
        items: space.pinned ? shown.slice(1) : shown,
        next: space.next,
      });
    })
    .on(postsApi.timeline, signedIn, async (c, { query }) => {
      const page = await timeline.read(me(c), query);
      return c.json({ items: await views(me(c), page.items, { liked: page.liked }), next: page.next });
    })
    .on(postsApi.search, anyone, async (c, { query }) => {
      const who = viewer(c);
      const found = await reach.search(who, query.q, query);
      const shown = await views(
        who,
        found.items.map((i) => i.row),
      );
      return c.json({
        items: shown.map((post, i) => ({ post, snippet: found.items[i]?.snippet ?? [] })),
        next: found.next,
      });
    })
    .on(postsApi.compose, signedIn, async (c) => {
      const sub = me(c);
      const [defaultAudience, graph] = await Promise.all([
        core.audiences.defaultFor(sub),
        orbit.social.friends(sub),
      ]);
      const cards = await core.people.cards(graph.friends.map((f) => f.id));
      const friends = [...cards.values()]
        .filter((person) => !person.deleted)
        .sort((a, b) => a.displayName.localeCompare(b.displayName));
      return c.json({ defaultAudience, groups: graph.groups, friends });
    })
    .on(shareApi.share, orbit.requireBearer({ scopes: ['space:share'] }), async (c, { body }) => {
      const caller = c.get('caller');
      if (!caller?.user) throw userRequired();
      const row = await store.create(
        caller.user.sub,
        {
          kind: 'moment',
          text: body.text,
          photoIds: [],
          link: body.link,
          status: 'published',
          ...(body.audience ? { audience: body.audience } : {}),
        },
        { service: caller.service },
      );
      return c.json({ id: row.id, url: `${orbit.publicUrl}/p/${row.id}` }, 201);
    }).app;
}
