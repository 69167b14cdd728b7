import type { SpaceOrbit } from '../deps.js';

/**
 * The accounts among `subs` that a block stands between with `viewer`, either way (lower-cased): what they
 * wrote or did is left out of what the viewer sees, as if it weren't there. One batched, cached lookup.
 */
export async function blockedEitherWay(
  orbit: Pick<SpaceOrbit, 'social'>,
  viewer: string,
  subs: readonly string[],
): Promise<Set<string>> {
  const me = viewer.toLowerCase();
  const others = [...new Set(subs.map((s) => s.toLowerCase()))].filter((s) => s !== me);
  if (others.length === 0) return new Set();
  const relationships = await orbit.social.relationships(me, others);
  return new Set(
    Object.entries(relationships)
      .filter(([, r]) => r.blocking || r.blockedBy)
      .map(([sub]) => sub.toLowerCase()),
  );
}
