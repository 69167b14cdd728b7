import { useEffect, useSyncExternalStore } from 'react';
import { membership } from '../api/membership';
import type { Levels } from '../api/membership-types';

/**
 * The signed-in account's levels, shared by the top bar, the account header and the Membership page: asked for
 * once per account, and again after anything that changes them (a purchase, a cancellation). Badges are
 * decoration, so a failure to load them shows none rather than an error.
 */

let snapshot: { accountId: string; levels: Levels } | null = null;
let loadingFor: string | null = null;
const listeners = new Set<() => void>();

function set(accountId: string, levels: Levels): void {
  snapshot = { accountId, levels };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Asks the hub again; the answer reaches every component showing the levels. */
export function refreshMyLevels(accountId: string): Promise<Levels | null> {
  loadingFor = accountId;
  return membership.levels().then(
    (levels) => {
      if (loadingFor === accountId) loadingFor = null;
      set(accountId, levels);
      return levels;
    },
    () => {
      if (loadingFor === accountId) loadingFor = null;
      return null;
    },
  );
}

/** Shares levels the caller already loaded (the Membership page), sparing a second request. */
export function showMyLevels(accountId: string, levels: Levels): void {
  set(accountId, levels);
}

/** The account's levels, loading them the first time; null until they are known (or for no account). */
export function useMyLevels(accountId: string | null): Levels | null {
  const current = useSyncExternalStore(subscribe, () => snapshot);
  useEffect(() => {
    if (accountId && snapshot?.accountId !== accountId && loadingFor !== accountId) {
      void refreshMyLevels(accountId);
    }
  }, [accountId]);
  return accountId && current?.accountId === accountId ? current.levels : null;
}
