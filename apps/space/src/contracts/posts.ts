/**
 * Posts (日志: a title, Markdown, a cover), moments (说说: short text, up to 9 photos, a link card or a shared
 * post), the friends timeline, someone's space, search and the `space:share` API for other services. The routes
 * in `src/posts/` validate with these; the web pages take their types from here.
 */
import { endpoint, friendGroupView } from '@orbit/contracts';
import { z } from 'zod';
import {
  idParams,
  instant,
  noNul,
  pageQuery,
  photoView,
  spaceAudience,
  spaceLink,
  spacePerson,
  subParams,
} from './common.js';

export const POST_TITLE_MAX = 200;
export const POST_BODY_MAX = 100_000;
export const MOMENT_TEXT_MAX = 2_000;
export const MOMENT_PHOTOS_MAX = 9;

const title = noNul(z.string().trim().min(1).max(POST_TITLE_MAX));
const markdown = noNul(z.string().max(POST_BODY_MAX));
const momentText = noNul(z.string().max(MOMENT_TEXT_MAX));
const status = z.enum(['draft', 'published']);

/** `POST /api/posts` for a post: Markdown with a title, published at once unless `status: 'draft'`. */
export const newPost = z
  .object({
    kind: z.literal('post'),
    title,
    body: markdown,
    coverPhotoId: z.uuid().nullable().optional(),
    audience: spaceAudience.optional(),
    status: status.default('published'),
  })
  .strict();

/** `POST /api/posts` for a moment: text, photos (uploaded first), a link card, or a shared public post. */
export const newMoment = z
  .object({
    kind: z.literal('moment'),
    text: momentText.default(''),
    photoIds: z.array(z.uuid()).max(MOMENT_PHOTOS_MAX).default([]),
    link: spaceLink.nullable().optional(),
    /** 转发: a public, published post or moment this one shares. */
    sharedPostId: z.uuid().nullable().optional(),
    audience: spaceAudience.optional(),
    status: status.default('published'),
  })
  .strict();

export const newPostBody = z.discriminatedUnion('kind', [newPost, newMoment]);
export type NewPostInput = z.input<typeof newPostBody>;
export type NewPostBody = z.output<typeof newPostBody>;

/**
 * `PATCH /api/posts/:id`: what changes. `title`, `body` and `coverPhotoId` are a post's, `text` and `link` a
 * moment's (the other kind's fields are refused with `space.wrong_kind`).
 */
export const editPostBody = z
  .object({
    title: title.optional(),
    body: markdown.optional(),
    coverPhotoId: z.uuid().nullable().optional(),
    text: momentText.optional(),
    link: spaceLink.nullable().optional(),
    audience: spaceAudience.optional(),
  })
  .strict();
export type EditPostBody = z.output<typeof editPostBody>;

/** A post or moment as every view shows it, without what it shares. */
export const sharedPostView = z.object({
  id: z.uuid(),
  kind: z.enum(['post', 'moment']),
  status,
  author: spacePerson,
  title: z.string().nullable(),
  /** Rendered and sanitised on write: safe to put into the page as it is. */
  bodyHtml: z.string(),
  /** What the owner wrote (Markdown or plain text): only in the owner's own views, for editing. */
  body: z.string().optional(),
  cover: photoView.nullable(),
  photos: z.array(photoView),
  /** Only in the owner's own views. */
  audience: spaceAudience.optional(),
  link: spaceLink.nullable(),
  pinned: z.boolean(),
  likeCount: z.number().int(),
  commentCount: z.number().int(),
  likedByMe: z.boolean(),
  mine: z.boolean(),
  /** Whether the viewer may share it: published, public, and not the viewer's own (the web shows Share then). */
  shareable: z.boolean(),
  createdAt: instant,
  updatedAt: instant,
  publishedAt: instant.nullable(),
});

/** The original a share shows, or `{ unavailable: true }` when the viewer may not see it (or it is gone). */
export const sharedOriginal = z.union([sharedPostView, z.object({ unavailable: z.literal(true) })]);

export const postView = sharedPostView
  .extend({ shared: sharedOriginal.nullable() })
  .meta({ id: 'Post', description: 'A post or a moment, as the viewer may see it.' });
export type PostView = z.infer<typeof postView>;
export type SharedPostView = z.infer<typeof sharedPostView>;

const postAnswer = z.object({ post: postView });
/** A page of posts: `next` goes in `?cursor=` for the following page (null at the end). */
export const postPage = z.object({ items: z.array(postView), next: z.string().nullable() });

export const spaceAnswer = z.object({
  owner: spacePerson,
  /** The pinned item, on the first page only, when the viewer may see it. */
  pinned: postView.nullable(),
  items: z.array(postView),
  next: z.string().nullable(),
});

export const searchQuery = pageQuery.extend({
  q: noNul(z.string().trim().min(1).max(200)),
});
/** A passage of the text around the first match, matches marked: render each segment, `<mark>` the matches. */
export const searchSegment = z.object({ text: z.string(), match: z.boolean() });
export const searchAnswer = z.object({
  items: z.array(z.object({ post: postView, snippet: z.array(searchSegment) })),
  next: z.string().nullable(),
});

/** `GET /api/spaces/:sub`: a page, of one kind when `kind` is given (the space's Moments and Posts tabs). */
export const spaceQuery = pageQuery.extend({ kind: z.enum(['post', 'moment']).optional() });

export const composeAnswer = z.object({
  /** What the composer preselects: the last audience chosen, else the privacy centre's default. */
  defaultAudience: spaceAudience,
  /** The owner's friend groups (the default group, `id: null`, first). */
  groups: z.array(friendGroupView),
  /** The owner's friends, by name (a "chosen friends" audience picks from them). */
  friends: z.array(spacePerson),
});

/** `POST /api/service/share`: a moment on the user's behalf. */
export const shareBody = z
  .object({
    text: momentText.default(''),
    link: spaceLink,
    audience: spaceAudience.optional(),
  })
  .strict();
export const shareAnswer = z.object({ id: z.uuid(), url: z.string() });

const tags = ['posts'] as const;
const noContent = { 204: null };

export const postsApi = {
  create: endpoint({
    method: 'post',
    path: '/api/posts',
    summary: 'Write a post or a moment (published, or a draft)',
    tags,
    auth: 'session',
    body: newPostBody,
    responses: { 201: postAnswer },
  }),
  get: endpoint({
    method: 'get',
    path: '/api/posts/:id',
    summary: 'A post or moment the viewer may see (signed out: public ones)',
    tags,
    auth: 'none',
    params: idParams,
    responses: { 200: postAnswer },
  }),
  edit: endpoint({
    method: 'patch',
    path: '/api/posts/:id',
    summary: 'Edit one’s post or moment',
    tags,
    auth: 'session',
    params: idParams,
    body: editPostBody,
    responses: { 200: postAnswer },
  }),
  remove: endpoint({
    method: 'delete',
    path: '/api/posts/:id',
    summary: 'Delete one’s post or moment, with its photos, comments and likes',
    tags,
    auth: 'session',
    params: idParams,
    responses: noContent,
  }),
  publish: endpoint({
    method: 'post',
    path: '/api/posts/:id/publish',
    summary: 'Publish one’s draft',
    tags,
    auth: 'session',
    params: idParams,
    responses: { 200: postAnswer },
  }),
  pin: endpoint({
    method: 'post',
    path: '/api/posts/:id/pin',
    summary: 'Pin one’s published item to the top of one’s space (unpinning the one pinned before)',
    tags,
    auth: 'session',
    params: idParams,
    responses: { 200: postAnswer },
  }),
  unpin: endpoint({
    method: 'delete',
    path: '/api/posts/:id/pin',
    summary: 'Unpin one’s item',
    tags,
    auth: 'session',
    params: idParams,
    responses: { 200: postAnswer },
  }),
  drafts: endpoint({
    method: 'get',
    path: '/api/drafts',
    summary: 'One’s drafts, last edited first',
    tags,
    auth: 'session',
    query: pageQuery,
    responses: { 200: postPage },
  }),
  space: endpoint({
    method: 'get',
    path: '/api/spaces/:sub',
    summary: 'Someone’s space as the viewer may see it: the pinned item, then the newest first',
    tags,
    auth: 'none',
    params: subParams,
    query: spaceQuery,
    responses: { 200: spaceAnswer },
  }),
  timeline: endpoint({
    method: 'get',
    path: '/api/timeline',
    summary: 'The friends timeline (好友动态): one’s own and one’s friends’ items, newest first',
    tags,
    auth: 'session',
    query: pageQuery,
    responses: { 200: postPage },
  }),
  search: endpoint({
    method: 'get',
    path: '/api/search',
    summary: 'Published posts and moments the viewer may see that match the words, newest first',
    tags,
    auth: 'none',
    query: searchQuery,
    responses: { 200: searchAnswer },
  }),
  compose: endpoint({
    method: 'get',
    path: '/api/compose',
    summary: 'What the composer needs: the default audience and one’s friend groups',
    tags,
    auth: 'session',
    responses: { 200: composeAnswer },
  }),
};

/** What other services call (`space:share`), with a token the hub addressed to Space on a user's behalf. */
export const shareApi = {
  share: endpoint({
    method: 'post',
    path: '/api/service/share',
    summary: 'On a user’s behalf: post a moment with a link card to their space (scope space:share)',
    tags: ['service-api'],
    auth: 'bearer',
    body: shareBody,
    responses: { 201: shareAnswer },
  }),
};

export const postEndpoints = [...Object.values(postsApi), ...Object.values(shareApi)];
