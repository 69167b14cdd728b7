import type { Audience, DefaultAudience } from '@orbit/contracts';
import type { Clock } from '@orbit/sdk';
import { eq } from 'drizzle-orm';
import type { SpaceDb, SpaceOrbit } from './deps.js';
import { notFriend, unknownGroup } from './errors.js';
import { spaceSettings } from './schema.js';

/** A database or an open transaction on it. */
type Writer = Pick<SpaceDb, 'insert'>;

const fromPrivacy = (choice: DefaultAudience): Audience => ({ type: choice });

/**
 * Audiences as owners choose them: the default for something new (the last audience the owner picked in Space,
 * else the default of the hub's privacy centre), checked against the owner's friends and groups on write.
 */
export function createAudiences({
  db,
  orbit,
  clock,
}: {
  db: SpaceDb;
  orbit: Pick<SpaceOrbit, 'social'>;
  clock: Clock;
}) {
  return {
    /** What the composer preselects for `owner`: the last choice, else the privacy centre's default. */
    async defaultFor(owner: string): Promise<Audience> {
      const [row] = await db
        .select({ lastAudience: spaceSettings.lastAudience })
        .from(spaceSettings)
        .where(eq(spaceSettings.ownerSub, owner.toLowerCase()));
      if (row?.lastAudience) return row.lastAudience;
      return fromPrivacy((await orbit.social.friends(owner)).defaultAudience);
    },

    /**
     * Refuses an audience `owner` can't choose: a friend group that isn't theirs (400
     * `space.audience_unknown_group`), chosen accounts that aren't their friends (400 `space.audience_not_friend`).
     * Answers it normalised (ids lower-cased, each once).
     */
    async check(owner: string, audience: Audience): Promise<Audience> {
      if (audience.type !== 'groups' && audience.type !== 'chosen') return audience;
      const graph = await orbit.social.friends(owner);
      if (audience.type === 'groups') {
        const known = new Set(graph.groups.map((g) => g.id?.toLowerCase() ?? null));
        const groupIds = [...new Set(audience.groupIds.map((g) => g?.toLowerCase() ?? null))];
        const unknown = groupIds.filter((g) => !known.has(g));
        if (unknown.length > 0) throw unknownGroup(unknown);
        return { type: 'groups', groupIds };
      }
      const friends = new Set(graph.friends.map((f) => f.id.toLowerCase()));
      const ids = [...new Set(audience.ids.map((id) => id.toLowerCase()))];
      const strangers = ids.filter((id) => !friends.has(id));
      if (strangers.length > 0) throw notFriend(strangers);
      return { type: 'chosen', ids };
    },

    /** Keeps `audience` as `owner`'s next default (in the caller's transaction). */
    async remember(tx: Writer, owner: string, audience: Audience): Promise<void> {
      const now = clock.now();
      await tx
        .insert(spaceSettings)
        .values({ ownerSub: owner.toLowerCase(), lastAudience: audience, updatedAt: now })
        .onConflictDoUpdate({
          target: spaceSettings.ownerSub,
          set: { lastAudience: audience, updatedAt: now },
        });
    },
  };
}

export type Audiences = ReturnType<typeof createAudiences>;
