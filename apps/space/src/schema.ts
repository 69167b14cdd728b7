import type { Audience } from '@orbit/contracts';
import { type OrbitSessionsTable, orbitSessions } from '@orbit/sdk';
import { searchIndex, searchVector } from '@orbit/search/drizzle';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { SpaceLink } from './contracts/common.js';

/**
 * Everything Space keeps, in its own Postgres schema; it never reads the hub's tables and knows accounts only by
 * their `sub`. After a change here, `npm run db:generate -- --name what_changed` writes the migration into
 * drizzle/, which is applied at start.
 */
export const schema = pgSchema('space');

const at = (name: string) => timestamp(name, { withTimezone: true });

/** The SDK's service sessions (sign-in through the hub), in this service's schema. */
export const sessions: OrbitSessionsTable = orbitSessions(schema);

/**
 * Posts (a title, Markdown, a cover) and moments (short text with up to 9 photos): one table, told apart by
 * `kind`, so comments, likes, the timeline, search and reports treat both alike. `audience` is the owner's
 * choice (`@orbit/contracts` `Audience`), read by `canSee` on every way out; `mentions` are the accounts the
 * text @mentions (they see it too unless it is only-me).
 */
export const posts = schema.table(
  'posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerSub: text('owner_sub').notNull(),
    /** `post` or `moment`. */
    kind: text('kind').notNull(),
    /** `draft` (only the owner sees it, anywhere) or `published`. */
    status: text('status').notNull(),
    /** Posts only (null for moments). */
    title: text('title'),
    /** What the owner wrote: Markdown for a post, plain text for a moment. */
    body: text('body').notNull(),
    /** The body rendered and sanitised once, on write. */
    bodyHtml: text('body_html').notNull(),
    /** A post's cover: one of the owner's photos. */
    coverPhotoId: uuid('cover_photo_id'),
    /** A moment that shares another post (转发): shown with it, and never to anyone the original hides from. */
    sharedPostId: uuid('shared_post_id'),
    /** A link card a moment carries (what another service shared: a game score, a news story). */
    link: jsonb('link').$type<SpaceLink>(),
    audience: jsonb('audience').$type<Audience>().notNull(),
    mentions: text('mentions').array().notNull().default(sql`'{}'::text[]`),
    pinnedAt: at('pinned_at'),
    likeCount: integer('like_count').notNull().default(0),
    commentCount: integer('comment_count').notNull().default(0),
    /** Title and body as `@orbit/search` tokens (`toTsvector`), written with every change. */
    search: searchVector('search'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
    /** When it was first published (timeline and space order); null while a draft. */
    publishedAt: at('published_at'),
  },
  (t) => [
    index('posts_owner_published_idx')
      .on(t.ownerSub, t.publishedAt.desc(), t.id)
      .where(sql`${t.status} = 'published'`),
    index('posts_owner_drafts_idx').on(t.ownerSub, t.updatedAt.desc()).where(sql`${t.status} = 'draft'`),
    searchIndex('posts_search_idx', t.search),
  ],
);

/** Photo albums, each with its own audience; its photos follow it. */
export const albums = schema.table(
  'albums',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerSub: text('owner_sub').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    coverPhotoId: uuid('cover_photo_id'),
    audience: jsonb('audience').$type<Audience>().notNull(),
    photoCount: integer('photo_count').notNull().default(0),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [index('albums_owner_idx').on(t.ownerSub, t.updatedAt.desc())],
);

/**
 * A photo: in an album, on a moment or a post (its cover or inline), or just uploaded and not yet attached
 * (`albumId` and `postId` null; swept after a day). Who may see it is decided by what holds it — the album's or
 * the post's audience — and only the owner sees an unattached one. The files (original without metadata,
 * display and thumbnail WebP) are in the photo store under `storageKey`.
 */
export const photos = schema.table(
  'photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerSub: text('owner_sub').notNull(),
    albumId: uuid('album_id'),
    postId: uuid('post_id'),
    /** Order within its album or moment. */
    position: integer('position').notNull().default(0),
    caption: text('caption').notNull().default(''),
    /** The original's format after processing: `jpeg`, `png`, `webp` or `gif`. */
    format: text('format').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    /** Bytes of every stored file of this photo: what counts against `space.storage_mb`. */
    storedBytes: bigint('stored_bytes', { mode: 'number' }).notNull(),
    /** Where the store keeps its files (`<key>/original.<ext>`, `<key>/display.webp`, `<key>/thumb.webp`). */
    storageKey: text('storage_key').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    index('photos_owner_idx').on(t.ownerSub, t.createdAt.desc()),
    index('photos_album_idx').on(t.albumId, t.position).where(sql`${t.albumId} is not null`),
    index('photos_post_idx').on(t.postId, t.position).where(sql`${t.postId} is not null`),
  ],
);

/**
 * Comments on posts and moments, with one level of replies (`parentId` names a top-level comment). A reply
 * inherits its post's audience: whoever may not see the post sees none of its comments.
 */
export const comments = schema.table(
  'comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => comments.id, { onDelete: 'cascade' }),
    authorSub: text('author_sub').notNull(),
    /** Whom a reply answers (the parent's author, or another replier in the thread). */
    replyToSub: text('reply_to_sub'),
    body: text('body').notNull(),
    mentions: text('mentions').array().notNull().default(sql`'{}'::text[]`),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('comments_post_idx').on(t.postId, t.createdAt), index('comments_author_idx').on(t.authorSub)],
);

/** Who liked what (posts and moments), once each. */
export const likes = schema.table(
  'likes',
  {
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    sub: text('sub').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.sub] }), index('likes_sub_idx').on(t.sub)],
);

/**
 * The friends timeline, written on publish (fan-out on write, as Mastodon's home feeds): one row per account
 * that may see the item in its timeline (the owner and the owner's friends the audience lets in). Reading a
 * page is one index range; `canSee` runs again on the page, so a block or an unfriending since counts at once.
 */
export const timeline = schema.table(
  'timeline',
  {
    viewerSub: text('viewer_sub').notNull(),
    publishedAt: at('published_at').notNull(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    ownerSub: text('owner_sub').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.viewerSub, t.publishedAt, t.postId] }),
    index('timeline_post_idx').on(t.postId),
    index('timeline_viewer_owner_idx').on(t.viewerSub, t.ownerSub),
  ],
);

/** The visitor log (最近访客): the latest visit of each visitor to each space. */
export const visits = schema.table(
  'visits',
  {
    ownerSub: text('owner_sub').notNull(),
    visitorSub: text('visitor_sub').notNull(),
    lastVisitAt: at('last_visit_at').notNull(),
    visitCount: integer('visit_count').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.ownerSub, t.visitorSub] }),
    index('visits_owner_recent_idx').on(t.ownerSub, t.lastVisitAt.desc()),
    index('visits_visitor_idx').on(t.visitorSub),
  ],
);

/** Reports of a post, moment or comment, kept for admins until customer care takes them over. */
export const reports = schema.table(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reporterSub: text('reporter_sub').notNull(),
    /** `post` or `comment`. */
    targetType: text('target_type').notNull(),
    targetId: uuid('target_id').notNull(),
    /** The reported content's owner, so a report outlives the content and reports of one account are found. */
    targetOwnerSub: text('target_owner_sub').notNull(),
    /** What the content said when it was reported (it may be edited or deleted after). */
    excerpt: text('excerpt').notNull(),
    reason: text('reason').notNull(),
    details: text('details').notNull().default(''),
    /** `open`, `resolved` or `dismissed`. */
    status: text('status').notNull().default('open'),
    resolvedBy: text('resolved_by'),
    resolvedAt: at('resolved_at'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('reports_once_idx').on(t.reporterSub, t.targetType, t.targetId),
    index('reports_open_idx').on(t.status, t.createdAt),
  ],
);

/** Each owner's space settings: theme, the audience last chosen (the next post's default). */
export const spaceSettings = schema.table('settings', {
  ownerSub: text('owner_sub').primaryKey(),
  theme: text('theme').notNull().default('classic'),
  lastAudience: jsonb('last_audience').$type<Audience>(),
  updatedAt: at('updated_at').notNull(),
});

/** The tables, for the database handle's relational queries. */
export const tables = {
  sessions,
  posts,
  albums,
  photos,
  comments,
  likes,
  timeline,
  visits,
  reports,
  spaceSettings,
};
export type Tables = typeof tables;
