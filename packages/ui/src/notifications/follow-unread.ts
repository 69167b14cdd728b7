import { readUnread } from './model';

/** The pause before opening a refused stream again, doubled each time up to the most. */
const RETRY_MS = 5_000;
const RETRY_MAX_MS = 5 * 60_000;

/**
 * Follows a stream of the unread count (Server-Sent Events, an `unread` event with `{"unread": n}` at once and at
 * every change): the hub's for the portal, the SDK's on a service's origin. The browser reconnects a dropped
 * stream by itself; a stream the server refused (answered with an error, which ends an `EventSource` for good) is
 * opened again after a pause. Answers the function that stops following it.
 */
export function followUnread(url: string, onUnread: (unread: number) => void): () => void {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let pause = RETRY_MS;
  let closed = false;
  const start = () => {
    source = new EventSource(url);
    source.addEventListener('unread', (event) => {
      pause = RETRY_MS;
      const unread = readUnread((event as MessageEvent<string>).data);
      if (unread !== null) onUnread(unread);
    });
    source.addEventListener('error', () => {
      // CONNECTING: the browser is already trying again. CLOSED: the server refused it (too many streams, a
      // session that just ended): try once more later, unless it is no longer followed.
      if (source?.readyState !== EventSource.CLOSED || closed) return;
      retry = setTimeout(() => {
        if (!closed) start();
      }, pause);
      pause = Math.min(pause * 2, RETRY_MAX_MS);
    });
  };
  start();
  return () => {
    closed = true;
    clearTimeout(retry);
    source?.close();
  };
}
