/**
 * Space's API shapes, inferred from its declarations (`src/contracts/`): the server validates and answers with
 * the very schemas these types come from. Types (`import type`), and one list of values (`REPORT_REASONS`) from
 * the same declarations; no server code reaches the page (the contracts files hold only zod schemas).
 */
import type { EndpointOutput } from '@orbit/contracts';
import type { z } from 'zod';
import type {
  albumCreate,
  albumPatch,
  albumsApi,
  albumView,
  commentsPage,
  commentThread,
  commentView,
  composeAnswer,
  editPostBody,
  likerView,
  likesPage,
  meApi,
  newPostBody,
  photoView,
  postPage,
  postView,
  reportsPage,
  reportView,
  searchAnswer,
  searchSegment,
  settingsAnswer,
  sharedPostView,
  spaceAnswer,
  spaceAudience,
  spacePerson,
  visitorView,
} from '../../../src/contracts/index';

export type Person = z.infer<typeof spacePerson>;
export type Album = z.infer<typeof albumView>;
export type NewAlbumInput = z.input<typeof albumCreate>;
export type AlbumPatch = z.input<typeof albumPatch>;
export type AlbumPage = EndpointOutput<typeof albumsApi.get>;
/** The signed-in user as Space's `/api/me` answers (the SDK's user: roles by full name, `space.moderator`). */
export type Me = EndpointOutput<typeof meApi.me>['user'] & { roles?: string[] };
export type Post = z.infer<typeof postView>;
export type SharedPost = z.infer<typeof sharedPostView>;
export type PostPage = z.infer<typeof postPage>;
export type SpacePage = z.infer<typeof spaceAnswer>;
export type SearchPage = z.infer<typeof searchAnswer>;
export type SearchSegment = z.infer<typeof searchSegment>;
export type Compose = z.infer<typeof composeAnswer>;
export type FriendGroup = Compose['groups'][number];
export type NewPostInput = z.input<typeof newPostBody>;
export type EditPostInput = z.input<typeof editPostBody>;
export type CommentsPage = z.infer<typeof commentsPage>;
export type LikesPage = z.infer<typeof likesPage>;
export type ReportsPage = z.infer<typeof reportsPage>;
export type Photo = z.infer<typeof photoView>;
export type Audience = z.infer<typeof spaceAudience>;
export type Comment = z.infer<typeof commentView>;
export type CommentThread = z.infer<typeof commentThread>;
export type Liker = z.infer<typeof likerView>;
export type Visitor = z.infer<typeof visitorView>;
export type Settings = z.infer<typeof settingsAnswer>;
export type Report = z.infer<typeof reportView>;
export type { ThemeId } from '../../../src/contracts/index';
export type ReportReason = Report['reason'];

/** The reasons a report may give, in the order the menu lists them: the contract's own list. */
export { REPORT_REASONS } from '../../../src/contracts/talk';
