import type { Audience } from '@orbit/contracts';
import type { SpaceOrbit } from './deps.js';

/** What `canSee` reads of a post, a moment, an album or what holds a photo. */
export interface Visible {
  ownerSub: string;
  audience: Audience;
  mentions?: readonly string[] | null;
  /** Posts: a draft is the owner's alone, whatever its audience. */
  status?: string;
}

/**
 * The one visibility rule of Space, on every way out (pages, the JSON API, RSS, search, notification previews,
 * photo URLs): the social layer's `canSee` (owner → block either way → audience → mention), with drafts the
 * owner's alone. Many items for one viewer cost one batched relationship lookup per owner (cached by the SDK).
 */
export function createVisibility(orbit: Pick<SpaceOrbit, 'social'>) {
  async function visibleFlags(viewer: string | null, items: readonly Visible[]): Promise<boolean[]> {
    const flags = items.map((item) => item.status === undefined || item.status === 'published');
    const open = items.flatMap((item, i) => (flags[i] ? [{ item, i }] : []));
    if (open.length > 0) {
      const seen = await orbit.social.canSeeAll(
        viewer,
        open.map(({ item }) => ({
          owner: item.ownerSub,
          audience: item.audience,
          mentions: item.mentions ?? undefined,
        })),
      );
      open.forEach(({ i }, n) => {
        flags[i] = seen[n] ?? false;
      });
    }
    // Drafts: the owner only.
    return flags.map((flag, i) => flag || (viewer !== null && sameSub(items[i]?.ownerSub, viewer)));
  }

  return {
    /** Whether `viewer` (null: signed out) may see `item`. */
    async canSee(viewer: string | null, item: Visible): Promise<boolean> {
      return (await visibleFlags(viewer, [item]))[0] ?? false;
    },
    /** The items `viewer` may see, in the order given. */
    async filter<T extends Visible>(viewer: string | null, items: readonly T[]): Promise<T[]> {
      const flags = await visibleFlags(viewer, items);
      return items.filter((_, i) => flags[i]);
    },
    visibleFlags,
  };
}

export type Visibility = ReturnType<typeof createVisibility>;

export const sameSub = (a: string | undefined | null, b: string | undefined | null) =>
  a != null && b != null && a.toLowerCase() === b.toLowerCase();
