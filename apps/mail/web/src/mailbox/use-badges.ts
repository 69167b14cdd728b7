import { useEffect, useSyncExternalStore } from 'react';
import { mail } from '../api/mail';
import { type Badges, createBadgeStore } from '../lib/badges';

/** One store for the page: every name on screen shares its requests and answers. */
const store = createBadgeStore(mail.badges);

/** The badges of one account: undefined while unknown, null when it shows none. */
export function useBadges(sub: string): Badges | null | undefined {
  useEffect(() => store.request(sub), [sub]);
  return useSyncExternalStore(store.subscribe, () => store.peek(sub));
}
