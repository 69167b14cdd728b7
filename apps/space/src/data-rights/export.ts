import { toCsv } from '@orbit/contracts';
import type { ExportFile, ServiceExport } from '@orbit/sdk';
import { asc, eq } from 'drizzle-orm';
import type { SpaceCore } from '../deps.js';
import { fileName, mediaType } from '../photos/view.js';
import { albums, comments, likes, photos, posts, reports, spaceSettings, visits } from '../schema.js';

/** What each file of Space's part of the export holds (the archive's `manifest.json`). */
const DESCRIBE = {
  'posts.json':
    'Your posts and moments, drafts too: title, text (Markdown for posts), audience, mentions, dates and photo ids.',
  'posts.csv': 'The same posts and moments, one line each.',
  'albums.json': 'Your photo albums: title, description, audience and the ids of their photos.',
  'photos.json': 'Every photo you uploaded: its album or post, caption, size, and its file in photos/.',
  'photos/':
    'Your photos as you uploaded them (metadata removed), in a folder per album; moments/ for the rest.',
  'comments.json': 'Every comment and reply you wrote, on your posts and others’, with the post it is on.',
  'likes.json': 'The posts and moments you liked, and when.',
  'visitors.json':
    'Your visitor log (who visited your space, last visit, visits) and the spaces you visited.',
  'settings.json': 'Your space settings: the theme and the audience you last chose.',
  'reports.json': 'The reports you filed, with their reason and outcome.',
} as const;

/** Reads a whole file of the photo store, or null when it is missing. */
async function readAll(core: Pick<SpaceCore, 'photoStore'>, key: string): Promise<Uint8Array | null> {
  const file = await core.photoStore.get(key);
  if (!file) return null;
  return new Uint8Array(await new Response(file.body).arrayBuffer());
}

/**
 * Space's part of `sub`'s data export (docs/data-rights.md): everything they wrote, uploaded, liked and set, as
 * JSON (and a CSV of the posts), with every photo's original bytes.
 */
export async function exportSpace(
  core: Pick<SpaceCore, 'db' | 'photoStore' | 'logger'>,
  sub: string,
): Promise<ServiceExport> {
  const { db } = core;
  const me = sub.toLowerCase();
  const [
    postRows,
    albumRows,
    photoRows,
    commentRows,
    likeRows,
    visitorRows,
    visitedRows,
    settings,
    reportRows,
  ] = await Promise.all([
    db.select().from(posts).where(eq(posts.ownerSub, me)).orderBy(asc(posts.createdAt), asc(posts.id)),
    db.select().from(albums).where(eq(albums.ownerSub, me)).orderBy(asc(albums.createdAt), asc(albums.id)),
    db.select().from(photos).where(eq(photos.ownerSub, me)).orderBy(asc(photos.createdAt), asc(photos.id)),
    db
      .select()
      .from(comments)
      .where(eq(comments.authorSub, me))
      .orderBy(asc(comments.createdAt), asc(comments.id)),
    db.select().from(likes).where(eq(likes.sub, me)).orderBy(asc(likes.createdAt)),
    db.select().from(visits).where(eq(visits.ownerSub, me)).orderBy(asc(visits.lastVisitAt)),
    db.select().from(visits).where(eq(visits.visitorSub, me)).orderBy(asc(visits.lastVisitAt)),
    db.select().from(spaceSettings).where(eq(spaceSettings.ownerSub, me)),
    db.select().from(reports).where(eq(reports.reporterSub, me)).orderBy(asc(reports.createdAt)),
  ]);

  const photoPath = (p: (typeof photoRows)[number]) =>
    `photos/${p.albumId ?? 'moments'}/${p.id}.${fileName('original', p.format).split('.').pop()}`;
  const photosOf = (key: 'postId' | 'albumId', id: string) =>
    photoRows
      .filter((p) => p[key] === id)
      .sort((a, b) => a.position - b.position)
      .map((p) => p.id);

  const postsJson = postRows.map((p) => ({
    id: p.id,
    kind: p.kind,
    status: p.status,
    title: p.title,
    body: p.body,
    audience: p.audience,
    mentions: p.mentions,
    link: p.link,
    sharedPostId: p.sharedPostId,
    coverPhotoId: p.coverPhotoId,
    photoIds: photosOf('postId', p.id),
    pinnedAt: p.pinnedAt,
    likeCount: p.likeCount,
    commentCount: p.commentCount,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    publishedAt: p.publishedAt,
  }));

  const files: ExportFile[] = [
    { path: 'posts.json', data: { posts: postsJson } },
    {
      path: 'posts.csv',
      contentType: 'text/csv',
      data: toCsv(
        ['id', 'kind', 'status', 'title', 'body', 'audience', 'photo_ids', 'created_at', 'published_at'],
        postsJson.map((p) => [
          p.id,
          p.kind,
          p.status,
          p.title,
          p.body,
          p.audience.type,
          p.photoIds.join(' '),
          p.createdAt,
          p.publishedAt,
        ]),
      ),
    },
    {
      path: 'albums.json',
      data: {
        albums: albumRows.map((a) => ({
          id: a.id,
          title: a.title,
          description: a.description,
          audience: a.audience,
          coverPhotoId: a.coverPhotoId,
          photoIds: photosOf('albumId', a.id),
          createdAt: a.createdAt,
          updatedAt: a.updatedAt,
        })),
      },
    },
    {
      path: 'photos.json',
      data: {
        photos: photoRows.map((p) => ({
          id: p.id,
          albumId: p.albumId,
          postId: p.postId,
          caption: p.caption,
          format: p.format,
          width: p.width,
          height: p.height,
          file: photoPath(p),
          createdAt: p.createdAt,
        })),
      },
    },
    {
      path: 'comments.json',
      data: {
        comments: commentRows.map((c) => ({
          id: c.id,
          postId: c.postId,
          parentId: c.parentId,
          replyTo: c.replyToSub,
          body: c.body,
          mentions: c.mentions,
          createdAt: c.createdAt,
        })),
      },
    },
    {
      path: 'likes.json',
      data: { likes: likeRows.map((l) => ({ postId: l.postId, likedAt: l.createdAt })) },
    },
    {
      path: 'visitors.json',
      data: {
        visitors: visitorRows.map((v) => ({
          visitor: v.visitorSub,
          lastVisitAt: v.lastVisitAt,
          visitCount: v.visitCount,
        })),
        visited: visitedRows.map((v) => ({
          space: v.ownerSub,
          lastVisitAt: v.lastVisitAt,
          visitCount: v.visitCount,
        })),
      },
    },
    {
      path: 'settings.json',
      data: {
        theme: settings[0]?.theme ?? 'classic',
        lastAudience: settings[0]?.lastAudience ?? null,
        updatedAt: settings[0]?.updatedAt ?? null,
      },
    },
    {
      path: 'reports.json',
      data: {
        reports: reportRows.map((r) => ({
          id: r.id,
          targetType: r.targetType,
          targetId: r.targetId,
          reason: r.reason,
          details: r.details,
          excerpt: r.excerpt,
          status: r.status,
          createdAt: r.createdAt,
          resolvedAt: r.resolvedAt,
        })),
      },
    },
  ];

  for (const photo of photoRows) {
    const bytes = await readAll(core, `${photo.storageKey}/${fileName('original', photo.format)}`);
    if (bytes)
      files.push({ path: photoPath(photo), data: bytes, contentType: mediaType('original', photo.format) });
    else core.logger.warn({ photoId: photo.id }, 'photo file missing from the export');
  }
  return { describe: { ...DESCRIBE }, files };
}
