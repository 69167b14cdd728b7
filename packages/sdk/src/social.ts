/**
 * The social graph as a service reads it (issue 19, point 2; docs/services.md, "The social graph"): relationships
 * and friends lists from the hub's service API (`social:read`), kept a short while in a bounded cache that the
 * hub's friend and block events empty for the two accounts concerned; and `canSeeAll`, which decides many pieces
 * of content for one viewer with as few calls as it can.
 */
import {
  type Audience,
  MAX_RELATIONSHIP_BATCH,
  type SocialEventType,
  type SocialFriends,
  type SocialRelationship,
} from '@orbit/contracts';
import { canSee, type SeeingRelationship } from './can-see.js';
import type { HubApi } from './hub-api.js';
import type { Clock } from './hub-connection.js';

/** A change the hub reported: `sub` added, removed, blocked or unblocked `other`. */
export interface SocialChange {
  type: SocialEventType;
  sub: string;
  other: string;
}

/** One piece of content for `canSeeAll`: its owner, the audience stored with it, and whom it mentions. */
export interface VisibleItem {
  owner: string;
  audience: Audience;
  mentions?: readonly string[] | undefined;
}

interface Entry<V> {
  value: V;
  until: number;
}

/** A map that forgets its oldest entries beyond `max` (insertion order: a refreshed entry counts as new). */
function boundedCache<V>(max: number) {
  const entries = new Map<string, Entry<V>>();
  return {
    get(key: string, now: number): Entry<V> | undefined {
      const hit = entries.get(key);
      if (hit && hit.until <= now) {
        entries.delete(key);
        return undefined;
      }
      return hit;
    },
    set(key: string, value: V, until: number) {
      entries.delete(key);
      while (entries.size >= max) entries.delete(entries.keys().next().value as string);
      entries.set(key, { value, until });
    },
    delete: (key: string) => entries.delete(key),
  };
}

export function createSocialGraph(options: {
  hub: Pick<HubApi, 'social'>;
  clock: Clock;
  /** How long an answer is reused (default 30 s). */
  cacheMs?: number | undefined;
  /** At most this many relationships and as many friends lists are kept (default 5000). */
  maxEntries?: number | undefined;
}) {
  const { hub, clock } = options;
  const cacheMs = options.cacheMs ?? 30_000;
  const max = options.maxEntries ?? 5000;
  /** `<viewer> <id>` → the viewer's view of id; null for an id that names no account. */
  const relationshipCache = boundedCache<SocialRelationship | null>(max);
  const friendsCache = boundedCache<SocialFriends>(max);
  /**
   * Changes reported per account, so an answer asked for before a change is not cached after it; `resets` counts
   * the times the map was emptied (bounded like the caches), which makes every answer in flight uncacheable.
   */
  const changes = new Map<string, number>();
  let resets = 0;
  /** Notes where `accounts` stand now; the answer tells whether one of them has had no change since. */
  const unchangedSince = (accounts: readonly string[]) => {
    const seen = new Map(accounts.map((a) => [a, changes.get(a) ?? 0]));
    const resetsThen = resets;
    return (account: string) => resetsThen === resets && (changes.get(account) ?? 0) === seen.get(account);
  };
  const key = (viewer: string, id: string) => `${viewer} ${id}`;

  /**
   * How `viewer` stands with each of `ids` (any number: asked 100 at a time, the cached ones not at all); ids
   * that name no account are left out. The hub answers 404 `account.not_found` for an unknown viewer.
   */
  async function relationships(
    viewer: string,
    ids: readonly string[],
  ): Promise<Record<string, SocialRelationship>> {
    const who = viewer.toLowerCase();
    const now = clock.now().getTime();
    const answer: Record<string, SocialRelationship> = {};
    const missing: string[] = [];
    for (const id of new Set(ids.map((id) => id.toLowerCase()))) {
      const hit = relationshipCache.get(key(who, id), now);
      if (!hit) missing.push(id);
      else if (hit.value) answer[id] = hit.value;
    }
    const batches: string[][] = [];
    for (let i = 0; i < missing.length; i += MAX_RELATIONSHIP_BATCH) {
      batches.push(missing.slice(i, i + MAX_RELATIONSHIP_BATCH));
    }
    const unchanged = unchangedSince([who, ...missing]);
    const found = await Promise.all(batches.map((batch) => hub.social.relationships(who, batch)));
    const viewerUnchanged = unchanged(who);
    for (const [i, batch] of batches.entries()) {
      for (const id of batch) {
        const value = found[i]?.[id] ?? null;
        if (value) answer[id] = value;
        if (viewerUnchanged && unchanged(id)) relationshipCache.set(key(who, id), value, now + cacheMs);
      }
    }
    return answer;
  }

  /** An account's friends (with its group for each) and its groups. */
  async function friends(sub: string): Promise<SocialFriends> {
    const who = sub.toLowerCase();
    const now = clock.now().getTime();
    const hit = friendsCache.get(who, now);
    if (hit) return hit.value;
    const unchanged = unchangedSince([who]);
    const value = await hub.social.friends(who);
    if (unchanged(who)) friendsCache.set(who, value, now + cacheMs);
    return value;
  }

  /**
   * `canSee` for each item, for one viewer (null: signed out), in the order given. Blocks and friendship come
   * from one batch — the viewer's view of every owner (a friendship is mutual, a block is read either way) —
   * and only items shared with friend groups need the owner's own view (the owner's group for the viewer).
   */
  async function canSeeAll(viewer: string | null, items: readonly VisibleItem[]): Promise<boolean[]> {
    if (viewer === null)
      return items.map((item) => canSee(null, item.owner, item.audience, null, item.mentions));
    const who = viewer.toLowerCase();
    const owners = [...new Set(items.map((item) => item.owner.toLowerCase()))].filter(
      (owner) => owner !== who,
    );
    const mine = owners.length > 0 ? await relationships(who, owners) : {};
    const needGroups = [
      ...new Set(
        items
          .filter((item) => item.audience.type === 'groups' && mine[item.owner.toLowerCase()]?.friend)
          .map((item) => item.owner.toLowerCase()),
      ),
    ];
    const theirs = new Map(
      await Promise.all(
        needGroups.map(async (owner) => [owner, (await relationships(owner, [who]))[who]] as const),
      ),
    );
    return items.map((item) => {
      const owner = item.owner.toLowerCase();
      const view = mine[owner];
      // The owner's view of the viewer: their own where the group counts, else the viewer's turned round (with
      // no group: where the owner's own view was wanted and is missing, no group can match).
      const relationship: SeeingRelationship | null =
        theirs.get(owner) ??
        (view
          ? {
              friend: view.friend && item.audience.type !== 'groups',
              groupId: null,
              blocking: view.blockedBy,
              blockedBy: view.blocking,
            }
          : null);
      return canSee(who, owner, item.audience, relationship, item.mentions);
    });
  }

  return {
    relationships,
    friends,
    canSeeAll,
    /** Forgets what is cached about the two accounts (a friend or block event the hub sent). */
    changed(a: string, b: string) {
      const [x, y] = [a.toLowerCase(), b.toLowerCase()];
      if (changes.size >= 2 * max) {
        changes.clear();
        resets++;
      }
      for (const id of [x, y]) changes.set(id, (changes.get(id) ?? 0) + 1);
      relationshipCache.delete(key(x, y));
      relationshipCache.delete(key(y, x));
      friendsCache.delete(x);
      friendsCache.delete(y);
    },
  };
}

export type SocialGraph = ReturnType<typeof createSocialGraph>;
