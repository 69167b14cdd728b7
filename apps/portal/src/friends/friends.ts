import type { FriendGroupView, FriendsAnswer, FriendView, PersonResult } from '../api/social';

/**
 * The Friends pages' rules, as plain functions the pages call and the tests check: which tab an address shows,
 * how friends are grouped and ordered, moving a group up or down, the mute lengths, and what a found person can be
 * asked.
 */

/** The Friends area's tabs, in the order the navigation lists them. */
export const FRIENDS_TABS = ['friends', 'groups', 'requests', 'add', 'blocked'] as const;
export type FriendsTab = (typeof FRIENDS_TABS)[number];

export const FRIENDS_PATH = '/friends';

/** A tab's own address: `/friends` for the list, `/friends/<tab>` for the others. */
export const tabPath = (tab: FriendsTab): string =>
  tab === 'friends' ? FRIENDS_PATH : `${FRIENDS_PATH}/${tab}`;

/** The tab a path shows (`/friends`, `/friends/requests`); null outside the area or for an unknown tab. */
export function tabOf(pathname: string): FriendsTab | null {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] !== 'friends') return null;
  if (parts.length === 1) return 'friends';
  const tab = parts[1] ?? '';
  return tab !== 'friends' && (FRIENDS_TABS as readonly string[]).includes(tab) ? (tab as FriendsTab) : null;
}

/** The name the viewer knows a friend by: the remark they gave them (备注), else the friend's own display name. */
export const friendName = (friend: Pick<FriendView, 'remark' | 'displayName'>): string =>
  friend.remark?.trim() || friend.displayName;

/**
 * Friends in the order a group lists them: special care (特别关心) first, then by the name the viewer knows them by,
 * in the reader's language's order (pinyin for Chinese), then by handle so the order never depends on the answer's.
 */
export function sortFriends(friends: readonly FriendView[], language: string): FriendView[] {
  const collator = new Intl.Collator(language, { sensitivity: 'base', numeric: true });
  return [...friends].sort(
    (a, b) =>
      Number(b.specialCare) - Number(a.specialCare) ||
      collator.compare(friendName(a), friendName(b)) ||
      a.handle.localeCompare(b.handle),
  );
}

export interface FriendSection {
  group: FriendGroupView;
  friends: FriendView[];
}

/**
 * One section per group in the groups' order (the default group, `id: null`, first whatever its position), each
 * with its friends sorted. A friend filed in a group the answer doesn't list (deleted meanwhile) is shown in the
 * default group, where the hub puts them. The count shown is the section's own, so it always matches its list.
 */
export function groupFriends(answer: FriendsAnswer, language: string): FriendSection[] {
  const groups = [...answer.groups].sort(
    (a, b) => Number(a.id !== null) - Number(b.id !== null) || a.position - b.position,
  );
  if (!groups.some((g) => g.id === null)) groups.unshift({ id: null, name: null, position: 0, friends: 0 });
  const known = new Set(groups.map((g) => g.id));
  const sorted = sortFriends(answer.friends, language);
  return groups.map((group) => ({
    group,
    friends: sorted.filter((f) => (known.has(f.groupId) ? f.groupId : null) === group.id),
  }));
}

/**
 * Whether a friend matches the list's filter: part of the name they are known by, their display name or handle
 * (with or without `@`), or the start of their account number. An empty filter matches everyone.
 */
export function matchesFilter(friend: FriendView, filter: string): boolean {
  const q = filter.trim().toLocaleLowerCase();
  if (!q) return true;
  const handle = q.replace(/^@/, '');
  return (
    friendName(friend).toLocaleLowerCase().includes(q) ||
    friend.displayName.toLocaleLowerCase().includes(q) ||
    (handle !== '' && friend.handle.toLowerCase().includes(handle)) ||
    friend.accountNumber.startsWith(q)
  );
}

/** The account's own groups (the default group left out: it is always first), in their order. */
export function ownGroups(groups: readonly FriendGroupView[]): Array<FriendGroupView & { id: string }> {
  return groups
    .filter((g): g is FriendGroupView & { id: string } => g.id !== null)
    .sort((a, b) => a.position - b.position);
}

/**
 * The order after moving group `id` one place up (-1) or down (+1): every id once, as `PUT
 * /api/social/groups/order` wants. Null when it can't move that way (first, last, or not there).
 */
export function moveGroup(ids: readonly string[], id: string, delta: -1 | 1): string[] | null {
  const from = ids.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= ids.length) return null;
  const next = [...ids];
  next[from] = ids[to]!;
  next[to] = id;
  return next;
}

/** How long a mute lasts: the choices the page offers, in minutes (null: until lifted). */
export const MUTE_CHOICES = [
  { key: 'hour', minutes: 60 },
  { key: 'day', minutes: 24 * 60 },
  { key: 'week', minutes: 7 * 24 * 60 },
  { key: 'forever', minutes: null },
] as const satisfies ReadonlyArray<{ key: string; minutes: number | null }>;
export type MuteChoice = (typeof MUTE_CHOICES)[number]['key'];

export const muteMinutes = (key: MuteChoice): number | null =>
  MUTE_CHOICES.find((choice) => choice.key === key)?.minutes ?? null;

/**
 * Where the viewer stands with someone they found, for the action the result offers: already friends, asked already
 * (waiting for them), they asked the viewer (adding them accepts), blocked by the viewer, no requests taken from the
 * viewer, or free to ask.
 */
export type Standing = 'friends' | 'requested' | 'requestedBy' | 'blocking' | 'closed' | 'open';

export function standingOf(result: Pick<PersonResult, 'relationship' | 'requests'>): Standing {
  const r = result.relationship;
  if (r.blocking) return 'blocking';
  if (r.friend) return 'friends';
  if (r.requestedBy) return 'requestedBy';
  if (r.requested) return 'requested';
  if (r.blockedBy || result.requests === 'nobody') return 'closed';
  return 'open';
}

/** Whether the result's "Add" is offered. */
export const canAdd = (standing: Standing): boolean => standing === 'open' || standing === 'requestedBy';
