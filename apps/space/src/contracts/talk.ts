/**
 * Talk around a space: comments and likes on posts and moments, the visitor log (最近访客), themes, and reports
 * with their moderation queue. Declared once here: the routes validate with these, the OpenAPI document and the
 * web pages take their types from them (zod and `@orbit/contracts` only).
 */
import { endpoint } from '@orbit/contracts';
import { z } from 'zod';
import { idParams, instant, noNul, pageQuery, spacePerson, subParams } from './common.js';

/** Characters of one comment. */
export const MAX_COMMENT_LENGTH = 1_000;
/** Top-level comments one page holds (their replies come with them). */
export const COMMENTS_PAGE = 50;
/** Entries of the visitor log one owner sees. */
export const MAX_VISITORS = 100;
/** Characters of a report's details. */
export const MAX_REPORT_DETAILS = 1_000;

/**
 * The themes a space can wear, in order: the first two are free, a member may use as many from the start as the
 * perk `space.themes` grants. The web pages render each as a set of CSS variables.
 */
export const THEMES = ['classic', 'ink', 'sakura', 'ocean', 'forest', 'sunset', 'night', 'gold'] as const;
export type ThemeId = (typeof THEMES)[number];
/** How many themes everyone may use. */
export const FREE_THEMES = 2;

export const REPORT_REASONS = [
  'spam',
  'harassment',
  'hate',
  'violence',
  'sexual',
  'misinformation',
  'other',
] as const;
export const REPORT_STATUSES = ['open', 'resolved', 'dismissed'] as const;

const tags = ['talk'];
const noContent = { 204: null };

/** A comment or a reply as the viewer sees it (the body is plain text: the pages escape it). */
export const commentView = z
  .object({
    id: z.uuid(),
    postId: z.uuid(),
    /** The top-level comment a reply is filed under; null for a top-level comment. */
    parentId: z.uuid().nullable(),
    author: spacePerson,
    /** Whom a reply answers; null for a top-level comment. */
    replyTo: spacePerson.nullable(),
    body: z.string(),
    /** The accounts the body @mentions. */
    mentions: z.array(spacePerson),
    createdAt: instant,
    /** The viewer may delete it: it is theirs, or it is in their space. */
    canDelete: z.boolean(),
  })
  .meta({ id: 'Comment', description: 'A comment or a reply on a post or moment.' });
export type CommentView = z.infer<typeof commentView>;

/** A top-level comment with its replies, oldest first. */
export const commentThread = commentView
  .extend({ replies: z.array(commentView) })
  .meta({ id: 'CommentThread', description: 'A top-level comment with its replies.' });
export type CommentThread = z.infer<typeof commentThread>;

export const commentsPage = z.object({
  comments: z.array(commentThread),
  /** Every comment and reply of the post (the post's counter). */
  commentCount: z.number().int(),
  next: z.string().nullable(),
});

export const commentBody = z
  .object({
    body: noNul(z.string().trim().min(1).max(MAX_COMMENT_LENGTH)),
    /** The comment answered (a top-level comment or a reply): the new one is filed under its thread. */
    parentId: z.uuid().optional(),
    /** Whom the reply answers, when not the author of `parentId` (someone in the same thread). */
    replyTo: z.uuid().optional(),
  })
  .strict();

export const likeAnswer = z.object({ liked: z.boolean(), likeCount: z.number().int() });

export const likerView = z
  .object({ person: spacePerson, likedAt: instant })
  .meta({ id: 'Liker', description: 'Someone who liked a post or moment.' });
export const likesPage = z.object({
  likes: z.array(likerView),
  likeCount: z.number().int(),
  next: z.string().nullable(),
});

export const visitorView = z
  .object({ person: spacePerson, lastVisitAt: instant, visitCount: z.number().int() })
  .meta({ id: 'Visitor', description: 'A visitor of the owner’s space, with their latest visit.' });
export const visitorsAnswer = z.object({ visitors: z.array(visitorView) });
export const visitAnswer = z.object({
  /** False when nothing was written: one's own space, a hidden footprint, or a visit within 10 minutes. */
  recorded: z.boolean(),
});

export const themeView = z.object({
  id: z.enum(THEMES),
  /** One of the themes everyone may use. */
  free: z.boolean(),
  /** The owner may use it now (their membership's `space.themes`). */
  available: z.boolean(),
});
export const settingsAnswer = z
  .object({
    /** The theme the space shows: the chosen one, or `classic` when it is above the owner's allowance now. */
    theme: z.enum(THEMES),
    themes: z.array(themeView),
    /** How many themes, from the first, the owner may use. */
    allowed: z.number().int(),
  })
  .meta({ id: 'SpaceSettings', description: 'The owner’s space settings.' });
export const themeBody = z.object({ theme: z.enum(THEMES) }).strict();
export const themeAnswer = z.object({ theme: z.enum(THEMES) });

export const reportBody = z
  .object({
    targetType: z.enum(['post', 'comment']),
    targetId: z.uuid(),
    reason: z.enum(REPORT_REASONS),
    details: noNul(z.string().trim().max(MAX_REPORT_DETAILS)).default(''),
  })
  .strict();
export const reportCreated = z.object({
  report: z.object({ id: z.uuid(), status: z.enum(REPORT_STATUSES) }),
});

export const reportView = z
  .object({
    id: z.uuid(),
    targetType: z.enum(['post', 'comment']),
    targetId: z.uuid(),
    /** Where the content is (`/p/<post id>`, with `#comment-<id>` for a comment); null once it is gone. */
    targetUrl: z.string().nullable(),
    excerpt: z.string(),
    reason: z.enum(REPORT_REASONS),
    details: z.string(),
    status: z.enum(REPORT_STATUSES),
    reporter: spacePerson,
    owner: spacePerson,
    resolvedBy: spacePerson.nullable(),
    resolvedAt: instant.nullable(),
    createdAt: instant,
  })
  .meta({ id: 'Report', description: 'A report of a post, moment or comment, as moderators see it.' });
export type ReportView = z.infer<typeof reportView>;
export const reportsQuery = pageQuery.extend({ status: z.enum(REPORT_STATUSES).default('open') });
export const reportsPage = z.object({ reports: z.array(reportView), next: z.string().nullable() });
export const resolveBody = z.object({ action: z.enum(['dismiss', 'remove']) }).strict();
export const resolveAnswer = z.object({
  /** The reports of the same target this closed (this one included). */
  closed: z.number().int(),
  status: z.enum(REPORT_STATUSES),
});

export const talkApi = {
  comments: endpoint({
    method: 'get',
    path: '/api/posts/:id/comments',
    summary: 'A post’s comments: top-level oldest first, 50 a page, each with its replies',
    tags,
    auth: 'session',
    params: idParams,
    query: z.object({ cursor: z.string().max(200).optional() }),
    responses: { 200: commentsPage },
  }),
  comment: endpoint({
    method: 'post',
    path: '/api/posts/:id/comments',
    summary: 'Comment on a post or moment, or reply to a comment (one level of replies)',
    tags,
    auth: 'session',
    params: idParams,
    body: commentBody,
    responses: { 201: z.object({ comment: commentView }) },
  }),
  deleteComment: endpoint({
    method: 'delete',
    path: '/api/comments/:id',
    summary: 'Delete a comment (its author, or the space’s owner) and its replies',
    tags,
    auth: 'session',
    params: idParams,
    responses: noContent,
  }),
  like: endpoint({
    method: 'post',
    path: '/api/posts/:id/like',
    summary: 'Like a post or moment (again: nothing changes)',
    tags,
    auth: 'session',
    params: idParams,
    responses: { 200: likeAnswer },
  }),
  unlike: endpoint({
    method: 'delete',
    path: '/api/posts/:id/like',
    summary: 'Take a like back',
    tags,
    auth: 'session',
    params: idParams,
    responses: { 200: likeAnswer },
  }),
  likes: endpoint({
    method: 'get',
    path: '/api/posts/:id/likes',
    summary: 'Who liked a post or moment, newest first',
    tags,
    auth: 'session',
    params: idParams,
    query: pageQuery,
    responses: { 200: likesPage },
  }),
  visit: endpoint({
    method: 'post',
    path: '/api/spaces/:sub/visits',
    summary:
      'Record the caller’s visit to a space (at most once in 10 minutes; never with hidden footprints)',
    tags,
    auth: 'session',
    params: subParams,
    responses: { 200: visitAnswer },
  }),
  visitors: endpoint({
    method: 'get',
    path: '/api/visitors',
    summary: 'The caller’s visitor log, latest visit first',
    tags,
    auth: 'session',
    responses: { 200: visitorsAnswer },
  }),
  clearVisitors: endpoint({
    method: 'delete',
    path: '/api/visitors',
    summary: 'Clear the caller’s visitor log',
    tags,
    auth: 'session',
    responses: noContent,
  }),
  removeVisitor: endpoint({
    method: 'delete',
    path: '/api/visitors/:sub',
    summary: 'Remove one visitor from the caller’s log',
    tags,
    auth: 'session',
    params: subParams,
    responses: noContent,
  }),
  settings: endpoint({
    method: 'get',
    path: '/api/settings',
    summary: 'The caller’s space settings: the theme and the themes they may use',
    tags,
    auth: 'session',
    responses: { 200: settingsAnswer },
  }),
  setTheme: endpoint({
    method: 'put',
    path: '/api/settings/theme',
    summary: 'Choose the space’s theme (403 space.theme_locked above the membership’s allowance)',
    tags,
    auth: 'session',
    body: themeBody,
    responses: { 200: themeAnswer },
  }),
  spaceTheme: endpoint({
    method: 'get',
    path: '/api/spaces/:sub/theme',
    summary: 'The theme a space shows, for whoever may see the space',
    tags,
    auth: 'none',
    params: subParams,
    responses: { 200: themeAnswer },
  }),
  report: endpoint({
    method: 'post',
    path: '/api/reports',
    summary: 'Report a post, moment or comment (once per target)',
    tags,
    auth: 'session',
    body: reportBody,
    responses: { 201: reportCreated },
  }),
  adminReports: endpoint({
    method: 'get',
    path: '/api/admin/reports',
    summary: 'Reports by status, oldest first (Space moderators)',
    tags,
    auth: 'session',
    query: reportsQuery,
    responses: { 200: reportsPage },
  }),
  resolveReport: endpoint({
    method: 'post',
    path: '/api/admin/reports/:id/resolve',
    summary: 'Dismiss a report, or remove what it reports; closes every open report of the same target',
    tags,
    auth: 'session',
    params: idParams,
    body: resolveBody,
    responses: { 200: resolveAnswer },
  }),
};

export const talkEndpoints = Object.values(talkApi);
