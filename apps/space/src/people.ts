import type { PublicAccount } from '@orbit/contracts';
import type { Clock } from '@orbit/sdk';
import type { SpacePerson } from './contracts/common.js';
import type { SpaceOrbit } from './deps.js';

/** How long a profile read from the hub is reused (a changed name or avatar shows within this time). */
const PROFILE_CACHE_MS = 60_000;
const MAX_CACHED = 10_000;
/** The hub answers at most this many profiles a call. */
const PROFILE_BATCH = 100;

/**
 * Names, avatars and badges of accounts, as views show them, from the hub (`accounts:read`), in one call per
 * hundred unknown accounts and reused for a minute. An account the hub no longer knows (deleted) answers a
 * placeholder, so old comments still render.
 */
export function createPeople({ orbit, clock }: { orbit: Pick<SpaceOrbit, 'hub'>; clock: Clock }) {
  const cache = new Map<string, { person: SpacePerson; until: number }>();

  const placeholder = (sub: string): SpacePerson => ({
    sub,
    accountNumber: '',
    handle: '',
    displayName: 'Deleted account',
    picture: null,
    badges: null,
    deleted: true,
  });

  return {
    /** A person for each of `subs` (any number, duplicates fine), keyed by lower-cased `sub`. */
    async cards(subs: readonly string[]): Promise<Map<string, SpacePerson>> {
      const now = clock.now().getTime();
      const out = new Map<string, SpacePerson>();
      const missing: string[] = [];
      for (const raw of new Set(subs.map((s) => s.toLowerCase()))) {
        const hit = cache.get(raw);
        if (hit && hit.until > now) out.set(raw, hit.person);
        else missing.push(raw);
      }
      for (let i = 0; i < missing.length; i += PROFILE_BATCH) {
        const batch = missing.slice(i, i + PROFILE_BATCH);
        const found = new Map<string, PublicAccount>(
          (await orbit.hub.profiles(batch)).map((a) => [a.sub.toLowerCase(), a]),
        );
        for (const sub of batch) {
          const account = found.get(sub);
          const person = account ? { ...account, deleted: false } : placeholder(sub);
          out.set(sub, person);
          if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
          cache.set(sub, { person, until: now + PROFILE_CACHE_MS });
        }
      }
      return out;
    },
    /** One person (see `cards`). */
    async card(sub: string): Promise<SpacePerson> {
      return (await this.cards([sub])).get(sub.toLowerCase()) ?? placeholder(sub);
    },
    /** Forgets an account (deleted, or its profile changed). */
    forget(sub: string): void {
      cache.delete(sub.toLowerCase());
    },
  };
}

export type People = ReturnType<typeof createPeople>;
