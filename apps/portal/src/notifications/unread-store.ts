import { followUnread } from '@orbit/ui/notifications';
import { useEffect, useSyncExternalStore } from 'react';
import { NOTIFICATIONS_STREAM } from '../api/notifications';

/**
 * The signed-in account's unread count across every service, live: one `EventSource` on the hub's stream, opened
 * while something shows the count (the top bar's bell) and closed when nothing does — on sign-out, when the bell
 * unmounts. The browser reconnects a dropped stream by itself; a stream the hub refused (answered with an error,
 * which ends an `EventSource` for good) is opened again after a pause. Actions that answer the count (mark read,
 * delete) share it at once, so the bell never lags behind the page that changed it.
 */

let snapshot: { accountId: string; unread: number } | null = null;
const listeners = new Set<() => void>();
let connection: { accountId: string; users: number; close: () => void } | null = null;

function set(accountId: string, unread: number): void {
  if (snapshot?.accountId === accountId && snapshot.unread === unread) return;
  snapshot = { accountId, unread };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Shares a count an action answered (`POST /api/notifications/:id/read` and the like). */
export function showUnread(accountId: string, unread: number): void {
  set(accountId, unread);
}

/** Opens the stream for `accountId` (or counts one more user of it); the answer closes it with the last user. */
function connect(accountId: string): () => void {
  if (connection?.accountId !== accountId) {
    connection?.close();
    connection = {
      accountId,
      users: 0,
      close: followUnread(NOTIFICATIONS_STREAM, (unread) => set(accountId, unread)),
    };
  }
  const current = connection;
  current.users++;
  return () => {
    current.users--;
    if (current.users === 0 && connection === current) {
      current.close();
      connection = null;
    }
  };
}

/** The unread count of `accountId`, live while shown; null until the stream first says it. */
export function useUnreadCount(accountId: string | null): number | null {
  const current = useSyncExternalStore(subscribe, () => snapshot);
  useEffect(() => {
    if (!accountId) return;
    return connect(accountId);
  }, [accountId]);
  return accountId && current?.accountId === accountId ? current.unread : null;
}
