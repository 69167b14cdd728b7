import { useEffect, useSyncExternalStore } from 'react';
import { social } from '../api/social';

/**
 * How many friend requests the signed-in account has received and not answered, shared by the top bar's Friends
 * link and the Friends area's navigation: asked for once per account, and again whenever the Friends pages load or
 * answer requests. The count is a hint, so a failure to load it shows none rather than an error.
 */

let snapshot: { accountId: string; count: number } | null = null;
let loadingFor: string | null = null;
const listeners = new Set<() => void>();

function set(accountId: string, count: number): void {
  if (snapshot?.accountId === accountId && snapshot.count === count) return;
  snapshot = { accountId, count };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Asks the hub again; the answer reaches every component showing the count. */
export function refreshRequestCount(accountId: string): Promise<void> {
  loadingFor = accountId;
  return social.requests().then(
    (answer) => {
      if (loadingFor === accountId) loadingFor = null;
      set(accountId, answer.received.length);
    },
    () => {
      if (loadingFor === accountId) loadingFor = null;
    },
  );
}

/** Shares a count the caller already loaded (the Friends pages), sparing a second request. */
export function showRequestCount(accountId: string, count: number): void {
  set(accountId, count);
}

/** The received requests waiting for an answer, loading them the first time; null until known. */
export function useRequestCount(accountId: string | null): number | null {
  const current = useSyncExternalStore(subscribe, () => snapshot);
  useEffect(() => {
    if (accountId && snapshot?.accountId !== accountId && loadingFor !== accountId) {
      void refreshRequestCount(accountId);
    }
  }, [accountId]);
  return accountId && current?.accountId === accountId ? current.count : null;
}
