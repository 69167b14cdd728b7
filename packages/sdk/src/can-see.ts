/**
 * Who may see a piece of content (issue 19, point 2): the one rule every service applies — Mail, Space, Games,
 * News — so that a block, a friend group or "only me" means the same everywhere.
 */
import type { Audience, SocialRelationship } from '@orbit/contracts';

/** What `canSee` reads of a relationship: friendship, the group, and blocks either way (never mutes). */
export type SeeingRelationship = Pick<SocialRelationship, 'friend' | 'groupId' | 'blocking' | 'blockedBy'>;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const listed = (ids: readonly string[] | undefined, id: string) => ids?.some((x) => same(x, id)) ?? false;

/**
 * Whether `viewer` may see content `owner` shared with `audience`, in this order:
 *
 * 1. the owner always sees their own content;
 * 2. a block either way hides it;
 * 3. the audience: `public` → anyone, signed out too; `friends` → the owner's friends; `groups` → friends the
 *    owner filed in one of the listed groups (`null`: the owner's default group); `only_me` → nobody else;
 *    `chosen` → the accounts listed;
 * 4. else a mention: an account the content mentions sees it, unless it is `only_me` (or a block, above).
 *
 * `relationship` is the OWNER's view of the viewer (`orbit.social.relationships(owner, [viewer])[viewer]`): the
 * group is the owner's group for the viewer. Null or undefined: no relationship known (a stranger). `viewer` null
 * is someone signed out. Mutes play no part: a mute hides activity from the muter's feed, not from view.
 *
 * @example
 * const rel = (await orbit.social.relationships(post.owner, [user.sub]))[user.sub];
 * if (!canSee(user.sub, post.owner, post.audience, rel, post.mentions)) throw notFound();
 */
export function canSee(
  viewer: string | null,
  owner: string,
  audience: Audience,
  relationship: SeeingRelationship | null | undefined,
  mentions?: readonly string[],
): boolean {
  if (viewer !== null && same(viewer, owner)) return true;
  if (relationship?.blocking || relationship?.blockedBy) return false;
  if (byAudience(viewer, audience, relationship)) return true;
  return viewer !== null && audience.type !== 'only_me' && listed(mentions, viewer);
}

function byAudience(
  viewer: string | null,
  audience: Audience,
  relationship: SeeingRelationship | null | undefined,
): boolean {
  switch (audience.type) {
    case 'public':
      return true;
    case 'friends':
      return viewer !== null && relationship?.friend === true;
    case 'groups':
      return (
        viewer !== null &&
        relationship?.friend === true &&
        audience.groupIds.some((group) =>
          group === null
            ? relationship.groupId === null
            : relationship.groupId !== null && same(group, relationship.groupId),
        )
      );
    case 'only_me':
      return false;
    case 'chosen':
      return viewer !== null && listed(audience.ids, viewer);
    default:
      // An audience this SDK doesn't know (stored by a newer one): nobody but the owner.
      return false;
  }
}
