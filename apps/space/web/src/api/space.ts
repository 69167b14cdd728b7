import { query, request, type UploadProgress, uploadForm } from './client';
import type {
  Album,
  AlbumPage,
  AlbumPatch,
  Audience,
  Comment,
  CommentsPage,
  Compose,
  EditPostInput,
  LikesPage,
  Me,
  NewAlbumInput,
  NewPostInput,
  Photo,
  Post,
  PostPage,
  Report,
  ReportReason,
  ReportsPage,
  SearchPage,
  Settings,
  SpacePage,
  ThemeId,
  Visitor,
} from './types';

/** Typed calls to Space's API (`src/contracts/`), one per route. */

const id = (value: string) => encodeURIComponent(value);

export const api = {
  me: async () => (await request<{ user: Me }>('GET', '/api/me')).user,

  // Posts and moments
  timeline: (cursor?: string | null) => request<PostPage>('GET', `/api/timeline${query({ cursor })}`),
  space: (sub: string, kind: 'post' | 'moment', cursor?: string | null) =>
    request<SpacePage>('GET', `/api/spaces/${id(sub)}${query({ cursor, kind })}`),
  post: async (postId: string) => (await request<{ post: Post }>('GET', `/api/posts/${id(postId)}`)).post,
  create: async (input: NewPostInput) => (await request<{ post: Post }>('POST', '/api/posts', input)).post,
  edit: async (postId: string, input: EditPostInput) =>
    (await request<{ post: Post }>('PATCH', `/api/posts/${id(postId)}`, input)).post,
  remove: (postId: string) => request<void>('DELETE', `/api/posts/${id(postId)}`),
  publish: async (postId: string) =>
    (await request<{ post: Post }>('POST', `/api/posts/${id(postId)}/publish`)).post,
  pin: async (postId: string, pinned: boolean) =>
    (await request<{ post: Post }>(pinned ? 'POST' : 'DELETE', `/api/posts/${id(postId)}/pin`)).post,
  drafts: (cursor?: string | null) => request<PostPage>('GET', `/api/drafts${query({ cursor })}`),
  search: (q: string, cursor?: string | null) =>
    request<SearchPage>('GET', `/api/search${query({ q, cursor })}`),
  compose: () => request<Compose>('GET', '/api/compose'),

  // Comments and likes
  comments: (postId: string, cursor?: string | null) =>
    request<CommentsPage>('GET', `/api/posts/${id(postId)}/comments${query({ cursor })}`),
  comment: async (postId: string, body: string, parentId?: string, replyTo?: string) =>
    (
      await request<{ comment: Comment }>('POST', `/api/posts/${id(postId)}/comments`, {
        body,
        ...(parentId ? { parentId } : {}),
        ...(replyTo ? { replyTo } : {}),
      })
    ).comment,
  deleteComment: (commentId: string) => request<void>('DELETE', `/api/comments/${id(commentId)}`),
  like: (postId: string, liked: boolean) =>
    request<{ liked: boolean; likeCount: number }>(
      liked ? 'POST' : 'DELETE',
      `/api/posts/${id(postId)}/like`,
    ),
  likes: (postId: string, cursor?: string | null) =>
    request<LikesPage>('GET', `/api/posts/${id(postId)}/likes${query({ cursor })}`),

  // Visitors, settings, reports
  visit: (sub: string) => request<{ recorded: boolean }>('POST', `/api/spaces/${id(sub)}/visits`),
  visitors: async () => (await request<{ visitors: Visitor[] }>('GET', '/api/visitors')).visitors,
  clearVisitors: () => request<void>('DELETE', '/api/visitors'),
  removeVisitor: (sub: string) => request<void>('DELETE', `/api/visitors/${id(sub)}`),
  settings: () => request<Settings>('GET', '/api/settings'),
  setTheme: (theme: ThemeId) => request<{ theme: ThemeId }>('PUT', '/api/settings/theme', { theme }),
  spaceTheme: async (sub: string) =>
    (await request<{ theme: ThemeId }>('GET', `/api/spaces/${id(sub)}/theme`)).theme,
  report: (targetType: 'post' | 'comment', targetId: string, reason: ReportReason, details: string) =>
    request<{ report: { id: string } }>('POST', '/api/reports', { targetType, targetId, reason, details }),
  adminReports: (status: Report['status'], cursor?: string | null) =>
    request<ReportsPage>('GET', `/api/admin/reports${query({ status, cursor })}`),
  resolveReport: (reportId: string, action: 'dismiss' | 'remove') =>
    request<{ closed: number }>('POST', `/api/admin/reports/${id(reportId)}/resolve`, { action }),

  // Photos (uploads report their progress)
  upload: async (
    files: { file: File; caption?: string }[],
    options: { albumId?: string; onProgress: (progress: UploadProgress) => void; signal?: AbortSignal },
  ): Promise<Photo[]> => {
    const form = new FormData();
    if (options.albumId) form.append('albumId', options.albumId);
    for (const { file, caption } of files) {
      form.append('file', file, file.name);
      form.append('caption', caption ?? '');
    }
    return (await uploadForm<{ photos: Photo[] }>('/api/photos', form, options.onProgress, options.signal))
      .photos;
  },
  deletePhoto: (photoId: string) => request<void>('DELETE', `/api/photos/${id(photoId)}`),
  captionPhoto: async (photoId: string, caption: string) =>
    (await request<{ photo: Photo }>('PATCH', `/api/photos/${id(photoId)}`, { caption })).photo,
  usage: () => request<{ usedBytes: number; limitBytes: number }>('GET', '/api/photos/usage'),

  // Albums
  albums: async (owner: string) =>
    (await request<{ albums: Album[] }>('GET', `/api/albums${query({ owner })}`)).albums,
  album: (albumId: string, cursor?: string | null) =>
    request<AlbumPage>('GET', `/api/albums/${id(albumId)}${query({ cursor })}`),
  createAlbum: async (input: NewAlbumInput) =>
    (await request<{ album: Album }>('POST', '/api/albums', input)).album,
  updateAlbum: async (albumId: string, patch: AlbumPatch) =>
    (await request<{ album: Album }>('PATCH', `/api/albums/${id(albumId)}`, patch)).album,
  deleteAlbum: (albumId: string) => request<void>('DELETE', `/api/albums/${id(albumId)}`),
};

export type { Audience, Me };
