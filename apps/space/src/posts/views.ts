import { and, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { PhotoView } from '../contracts/common.js';
import type { PostView, SharedPostView } from '../contracts/posts.js';
import type { SpaceCore } from '../deps.js';
import type { Photos } from '../photos/index.js';
import { likes, posts } from '../schema.js';
import { sameSub } from '../visibility.js';

/**
 * A post or moment as Space reads it: every column but the search tokens (written, never read back), and its
 * photos when the query that read it read them too (`postPhotosJson`: the timeline does, saving a round trip).
 */
export type PostRow = Omit<typeof posts.$inferSelect, 'search'> & { photosRead?: PhotoView[] };

const { search: _search, ...columns } = getTableColumns(posts);
/** The columns of `PostRow`, for `db.select(postColumns)`. */
export const postColumns = columns;

/**
 * Views of posts and moments for one viewer (null: signed out), in a constant number of lookups whatever the
 * page's size: the authors' cards (one hub call, cached), the photos and the covers (a query each), the viewer's
 * likes (one), and the originals shares point at (one, then one batched visibility check). The rows given must
 * be ones the viewer may see; an original the viewer may not see shows as `{ unavailable: true }` —
 * sharing never widens who sees it.
 */
export function createPostViews(core: SpaceCore, photos: Pick<Photos, 'ofPosts' | 'views'>) {
  return async function postViews(
    viewer: string | null,
    rows: readonly PostRow[],
    /** What the caller read already: the ids among `rows` the viewer liked (the timeline reads them with its page). */
    known: { liked?: ReadonlySet<string> } = {},
  ): Promise<PostView[]> {
    if (rows.length === 0) return [];
    const sharedIds = [...new Set(rows.flatMap((r) => (r.sharedPostId ? [r.sharedPostId] : [])))];
    const originals = sharedIds.length
      ? await core.db.select(postColumns).from(posts).where(inArray(posts.id, sharedIds))
      : [];
    const originalSeen = await core.visibility.visibleFlags(viewer, originals);
    const visibleOriginals = new Map(
      originals.filter((_, i) => originalSeen[i]).map((original) => [original.id, original]),
    );
    const all: PostRow[] = [...rows, ...visibleOriginals.values()];
    const ids = all.map((r) => r.id);
    const coverIds = [
      ...new Set(all.flatMap((r) => (r.kind === 'post' && r.coverPhotoId ? [r.coverPhotoId] : []))),
    ];
    // Rows read with their photos need no photos query; an empty page of them, none at all.
    const photoIds = all.flatMap((r) => (r.photosRead ? [] : [r.id]));
    const [cards, photosRead, covers, liked] = await Promise.all([
      core.people.cards(all.map((r) => r.ownerSub)),
      photoIds.length ? photos.ofPosts(photoIds) : Promise.resolve(new Map<string, PhotoView[]>()),
      coverIds.length ? photos.views(coverIds) : Promise.resolve(new Map()),
      viewer && !(known.liked && visibleOriginals.size === 0)
        ? core.db
            .select({ postId: likes.postId })
            .from(likes)
            .where(and(eq(likes.sub, viewer.toLowerCase()), inArray(likes.postId, ids)))
        : Promise.resolve([]),
    ]);
    const likedIds = new Set([...liked.map((l) => l.postId), ...(known.liked ?? [])]);
    const photosOf = (row: PostRow) => row.photosRead ?? photosRead.get(row.id) ?? [];

    // Built in one object literal, what only the owner sees added after and `shared` set on it: spreading
    // objects into one another was a sixth of the CPU that making a timeline page's views took (profiled).
    const view = (row: PostRow): SharedPostView => {
      const mine = viewer !== null && sameSub(row.ownerSub, viewer);
      const shown: SharedPostView = {
        id: row.id,
        kind: row.kind === 'post' ? 'post' : 'moment',
        status: row.status === 'draft' ? 'draft' : 'published',
        author: cards.get(row.ownerSub.toLowerCase()) ?? {
          sub: row.ownerSub,
          accountNumber: '',
          handle: '',
          displayName: 'Deleted account',
          picture: null,
          badges: null,
          deleted: true,
        },
        title: row.title,
        bodyHtml: row.bodyHtml,
        cover: (row.coverPhotoId && covers.get(row.coverPhotoId)) || null,
        // A post's cover is attached to it, but shown as the cover only.
        photos: photosOf(row).filter((photo) => photo.id !== row.coverPhotoId),
        link: row.link ?? null,
        pinned: row.pinnedAt !== null,
        likeCount: row.likeCount,
        commentCount: row.commentCount,
        likedByMe: likedIds.has(row.id),
        mine,
        shareable: !mine && row.status === 'published' && row.audience.type === 'public',
        createdAt: row.createdAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
        publishedAt: row.publishedAt?.toISOString() ?? null,
      };
      if (mine) {
        shown.body = row.body;
        shown.audience = row.audience;
      }
      return shown;
    };

    return rows.map((row): PostView => {
      let shared: PostView['shared'] = null;
      if (row.sharedPostId) {
        const original = visibleOriginals.get(row.sharedPostId);
        shared = original ? view(original) : { unavailable: true };
      }
      return Object.assign(view(row), { shared });
    });
  };
}

export type PostViews = ReturnType<typeof createPostViews>;
