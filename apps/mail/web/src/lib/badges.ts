import type { Badges } from '@orbit/contracts';

/** The levels an account shows beside its name (apps/mail/API.md, `GET /api/badges`); null when hidden. */
export type { Badges } from '@orbit/contracts';

/** The activity level as the family draws it: in base 4, 4 stars = 1 moon, 4 moons = 1 sun, 4 suns = 1 crown. */
export function activityIcons(level: number): { crowns: number; suns: number; moons: number; stars: number } {
  const n = Math.max(0, Math.floor(level));
  return {
    crowns: Math.floor(n / 64),
    suns: Math.floor(n / 16) % 4,
    moons: Math.floor(n / 4) % 4,
    stars: n % 4,
  };
}

/** The server answers at most this many accounts at once. */
export const BADGES_PER_REQUEST = 100;
/** Levels change slowly: a badge is asked for again after this long. */
const FRESH_MS = 10 * 60_000;

/**
 * The badges of the people on screen, asked for together: every account a render needs in one turn of the
 * event loop goes in one request (100 at most), and each answer is kept a while. Badges are decoration, so a
 * failed request leaves them out (asked again when next needed).
 */
export function createBadgeStore(
  fetchBadges: (subs: string[]) => Promise<Record<string, Badges | null>>,
  { now = () => Date.now(), schedule = (run: () => void) => queueMicrotask(run) } = {},
) {
  const known = new Map<string, { badges: Badges | null; at: number }>();
  const asking = new Set<string>();
  const wanted = new Set<string>();
  const listeners = new Set<() => void>();
  let scheduled = false;

  function flush() {
    scheduled = false;
    const subs = [...wanted];
    wanted.clear();
    for (let i = 0; i < subs.length; i += BADGES_PER_REQUEST) {
      const batch = subs.slice(i, i + BADGES_PER_REQUEST);
      for (const sub of batch) asking.add(sub);
      fetchBadges(batch)
        .then((answer) => {
          const at = now();
          for (const sub of batch) known.set(sub, { badges: answer[sub] ?? null, at });
          for (const listener of listeners) listener();
        })
        .catch(() => undefined)
        .finally(() => {
          for (const sub of batch) asking.delete(sub);
        });
    }
  }

  return {
    /** The badges known for `sub`: undefined until the answer arrives, null when it shows none. */
    peek(sub: string): Badges | null | undefined {
      return known.get(sub)?.badges;
    },
    /** Asks for `sub`'s badges unless they are known and fresh, or already being asked for. */
    request(sub: string): void {
      const entry = known.get(sub);
      if ((entry && now() - entry.at < FRESH_MS) || asking.has(sub) || wanted.has(sub)) return;
      wanted.add(sub);
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type BadgeStore = ReturnType<typeof createBadgeStore>;
