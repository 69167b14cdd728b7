import type { Audience } from '@orbit/contracts';
import { toTsvector } from '@orbit/search';
import { and, eq } from 'drizzle-orm';
import type { SpaceLink } from '../contracts/common.js';
import type { EditPostBody, NewPostBody } from '../contracts/posts.js';
import type { SpaceCore, SpaceTx } from '../deps.js';
import { notFound } from '../errors.js';
import { resolveMentions } from '../mentions.js';
import type { Photos } from '../photos/index.js';
import { createRateLimit } from '../rate-limit.js';
import { photos as photoRows, posts } from '../schema.js';
import { sameSub } from '../visibility.js';
import { coverNotYours, emptyMoment, shareNotAllowed, wrongKind } from './errors.js';
import { notifyMentions } from './mention-notices.js';
import { renderMarkdown, renderMomentText } from './render.js';
import type { Timeline } from './timeline.js';
import { type PostRow, postColumns } from './views.js';

/** Posts and moments one account may write a minute. */
export const POSTS_PER_MINUTE = 30;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a moment shared from another service carries beyond the composer's fields. */
export interface MomentOrigin {
  /** The service that shared it (the link card names it); null when the user wrote it here. */
  service: string | null;
}

/** The searchable text of an item: a post's title (weighted) and Markdown, a moment's text and link card. */
function searchTokens(row: Pick<PostRow, 'title' | 'body' | 'link'>): string {
  return toTsvector([
    { text: row.title ?? '', weight: 'A' },
    { text: row.body },
    { text: row.link ? [row.link.title, row.link.description] : [], weight: 'B' },
  ]);
}

/**
 * Writing posts and moments: create (published or a draft), edit, publish, delete — each in one
 * transaction with its timeline rows, photos and the owner's remembered audience — and reading one by id as a
 * viewer may see it. Mentioned people hear of an item once it is published, if they may see it.
 */
export function createPostStore(core: SpaceCore, deps: { photos: Photos; timeline: Timeline }) {
  const { db, clock } = core;
  const { photos, timeline } = deps;
  const rate = createRateLimit({ clock, perMinute: POSTS_PER_MINUTE });

  async function find(id: string): Promise<PostRow | undefined> {
    if (!UUID.test(id)) return undefined;
    const [row] = await db.select(postColumns).from(posts).where(eq(posts.id, id));
    return row;
  }

  /** `owner`'s own item, else 404 (another's item is as absent as a missing one). */
  async function own(owner: string, id: string): Promise<PostRow> {
    const row = await find(id);
    if (!row || !sameSub(row.ownerSub, owner)) throw notFound();
    return row;
  }

  /** The item if `viewer` may see it (published and allowed, or their own), else 404. */
  async function visible(viewer: string | null, id: string): Promise<PostRow> {
    const row = await find(id);
    if (!row || !(await core.visibility.canSee(viewer, row))) throw notFound();
    return row;
  }

  /**
   * Attaches a cover just uploaded for the post to it, so it follows the post's audience (and isn't swept as a
   * stray upload); a cover from an album stays there, seen as the album lets it be.
   */
  async function attachCover(tx: SpaceTx, owner: string, postId: string, coverId: string | null | undefined) {
    if (!coverId) return;
    const [photo] = await tx
      .select({ albumId: photoRows.albumId, postId: photoRows.postId })
      .from(photoRows)
      .where(eq(photoRows.id, coverId));
    if (photo && photo.albumId === null && photo.postId === null) {
      await photos.attachToPost(tx, owner, postId, [coverId]);
    }
  }

  /** The audience a write uses: the one named (checked), else the owner's default. */
  async function audienceFor(owner: string, named: Audience | undefined): Promise<Audience> {
    return named ? core.audiences.check(owner, named) : core.audiences.defaultFor(owner);
  }

  /** Refuses a share of anything but a public, published item the sharer may see. */
  async function checkShare(owner: string, sharedPostId: string): Promise<void> {
    const original = await find(sharedPostId);
    if (
      original?.status !== 'published' ||
      original.audience.type !== 'public' ||
      !(await core.visibility.canSee(owner, original))
    ) {
      throw shareNotAllowed();
    }
  }

  /**
   * Writes `owner`'s post or moment (429 past the per-minute limit; 400 for an empty moment, a share of
   * anything but a public published item, a cover that isn't theirs, photos they can't attach) and fans a
   * published one out to the timelines, in one transaction; then tells the people it mentions.
   */
  async function create(owner: string, input: NewPostBody, origin: MomentOrigin = { service: null }) {
    const sub = owner.toLowerCase();
    rate.take(sub);
    const audience = await audienceFor(sub, input.audience);
    const now = clock.now();
    let fields: Pick<
      PostRow,
      'kind' | 'title' | 'body' | 'bodyHtml' | 'coverPhotoId' | 'sharedPostId' | 'link'
    >;
    if (input.kind === 'post') {
      if (input.coverPhotoId && !(await photos.ownedBy(sub, input.coverPhotoId))) throw coverNotYours();
      fields = {
        kind: 'post',
        title: input.title,
        body: input.body,
        bodyHtml: renderMarkdown(input.body),
        coverPhotoId: input.coverPhotoId ?? null,
        sharedPostId: null,
        link: null,
      };
    } else {
      const text = input.text.trim();
      if (!text && input.photoIds.length === 0 && !input.link && !input.sharedPostId) throw emptyMoment();
      if (input.sharedPostId) await checkShare(sub, input.sharedPostId);
      fields = {
        kind: 'moment',
        title: null,
        body: text,
        bodyHtml: renderMomentText(text),
        coverPhotoId: null,
        sharedPostId: input.sharedPostId ?? null,
        // A link card names the service that shared it; a user can't claim one.
        link: input.link ? { ...input.link, service: origin.service } : null,
      };
    }
    const mentions = await resolveMentions(core.orbit, `${fields.title ?? ''}\n${fields.body}`, sub);
    const graph = input.status === 'published' ? await core.orbit.social.friends(sub) : undefined;
    const row = await db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(posts)
        .values({
          ...fields,
          ownerSub: sub,
          status: input.status,
          audience,
          mentions,
          search: searchTokens(fields),
          createdAt: now,
          updatedAt: now,
          publishedAt: input.status === 'published' ? now : null,
        })
        .returning(postColumns);
      if (!inserted) throw new Error('insert returned no row');
      if (input.kind === 'moment' && input.photoIds.length > 0) {
        await photos.attachToPost(tx, sub, inserted.id, input.photoIds);
      }
      if (input.kind === 'post') await attachCover(tx, sub, inserted.id, input.coverPhotoId);
      if (input.audience) await core.audiences.remember(tx, sub, audience);
      if (graph) await timeline.fanOut(tx, inserted, graph);
      return inserted;
    });
    await notifyMentions(core, row, row.mentions);
    return row;
  }

  /**
   * Changes `owner`'s item: text (rendered again), cover, link card, audience (remembered as the next default).
   * A published item whose audience or mentions changed is fanned out again; newly mentioned people are told.
   */
  async function edit(owner: string, id: string, input: EditPostBody): Promise<PostRow> {
    const row = await own(owner, id);
    const sub = row.ownerSub;
    const foreign =
      row.kind === 'post'
        ? (['text', 'link'] as const).filter((k) => input[k] !== undefined)
        : (['title', 'body', 'coverPhotoId'] as const).filter((k) => input[k] !== undefined);
    if (foreign.length > 0) throw wrongKind([...foreign]);
    const audience = input.audience ? await core.audiences.check(sub, input.audience) : row.audience;
    if (input.coverPhotoId && !(await photos.ownedBy(sub, input.coverPhotoId))) throw coverNotYours();

    const title = row.kind === 'post' ? (input.title ?? row.title) : null;
    const body = row.kind === 'post' ? (input.body ?? row.body) : (input.text?.trim() ?? row.body);
    const link: SpaceLink | null =
      input.link === undefined ? row.link : input.link && { ...input.link, service: null };
    const emptied = input.text !== undefined || input.link !== undefined;
    if (row.kind === 'moment' && emptied && !body && !link && !row.sharedPostId) {
      if ((await photos.ofPosts([row.id])).size === 0) throw emptyMoment();
    }
    const bodyHtml =
      body === row.body ? row.bodyHtml : row.kind === 'post' ? renderMarkdown(body) : renderMomentText(body);
    const mentions = await resolveMentions(core.orbit, `${title ?? ''}\n${body}`, sub);
    const reach =
      JSON.stringify(audience) !== JSON.stringify(row.audience) || mentions.join() !== row.mentions.join();
    const graph = row.status === 'published' && reach ? await core.orbit.social.friends(sub) : undefined;
    const updated = await db.transaction(async (tx) => {
      const [saved] = await tx
        .update(posts)
        .set({
          title,
          body,
          bodyHtml,
          link,
          coverPhotoId: input.coverPhotoId === undefined ? row.coverPhotoId : input.coverPhotoId,
          audience,
          mentions,
          search: searchTokens({ title, body, link }),
          updatedAt: clock.now(),
        })
        .where(eq(posts.id, row.id))
        .returning(postColumns);
      if (!saved) throw notFound();
      await attachCover(tx, sub, saved.id, input.coverPhotoId);
      if (input.audience) await core.audiences.remember(tx, sub, audience);
      // A wider or narrower audience: the timeline rows follow it.
      if (graph) await timeline.fanOut(tx, saved, graph);
      return saved;
    });
    const before = new Set(row.mentions);
    await notifyMentions(
      core,
      updated,
      updated.mentions.filter((m) => !before.has(m)),
    );
    return updated;
  }

  /** Publishes a draft (its publication time is set once); publishing a published item changes nothing. */
  async function publish(owner: string, id: string): Promise<PostRow> {
    const row = await own(owner, id);
    if (row.status === 'published') return row;
    rate.take(row.ownerSub);
    const graph = await core.orbit.social.friends(row.ownerSub);
    const now = clock.now();
    const published = await db.transaction(async (tx) => {
      const [saved] = await tx
        .update(posts)
        .set({ status: 'published', publishedAt: row.publishedAt ?? now, updatedAt: now })
        .where(and(eq(posts.id, row.id), eq(posts.status, 'draft')))
        .returning(postColumns);
      if (!saved) throw notFound();
      await timeline.fanOut(tx, saved, graph);
      return saved;
    });
    await notifyMentions(core, published, published.mentions);
    return published;
  }

  /**
   * Deletes an item: its photos' rows and the item in one transaction (comments, likes and timeline rows go
   * with it by cascade), then the photo files.
   */
  async function remove(owner: string, id: string): Promise<void> {
    const row = await own(owner, id);
    const keys = await db.transaction(async (tx) => {
      const storageKeys = await photos.deleteOfPost(tx, row.id);
      await tx.delete(posts).where(eq(posts.id, row.id));
      return storageKeys;
    });
    await photos.purgeFiles(keys);
  }

  return { create, edit, publish, remove, visible, own };
}

export type PostStore = ReturnType<typeof createPostStore>;
