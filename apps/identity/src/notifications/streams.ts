import type { Listen } from '@orbit/db';
import { NOTIFICATIONS_CHANNEL } from './notifications.js';

/** Open streams one account may hold at once (tabs and devices); more are refused. */
export const MAX_STREAMS_PER_ACCOUNT = 10;

type Listener = (unread: number) => void;
interface Stream {
  listener: Listener;
  /** Ends the stream (the hub is stopping). */
  end: () => void;
}

/**
 * This process's open bell streams (Server-Sent Events), by account. Every change of a bell is told on the
 * database's `orbit_notifications` channel by whichever hub instance made it; each instance hears it and pushes the
 * new unread count to its own streams of that account. Changes that arrive together are counted once.
 */
export function createNotificationStreams({ unread }: { unread: (accountId: string) => Promise<number> }) {
  const listeners = new Map<string, Set<Stream>>();
  let draining = false;
  const pending = new Set<string>();
  let stop: (() => Promise<void>) | undefined;

  function dispatch(accountId: string): void {
    if (!listeners.has(accountId) || pending.has(accountId)) return;
    pending.add(accountId);
    queueMicrotask(() => {
      pending.delete(accountId);
      const those = listeners.get(accountId);
      if (!those) return;
      unread(accountId).then(
        (n) => {
          for (const stream of those) stream.listener(n);
        },
        () => {
          // The database is briefly out of reach: the next change (or the client's reconnect) brings the count.
        },
      );
    });
  }

  return {
    /** Starts hearing changes; after a reconnection every stream gets a fresh count (changes may have been missed). */
    async watch(listen: Listen): Promise<void> {
      if (stop) return;
      stop = await listen(NOTIFICATIONS_CHANNEL, dispatch, () => {
        for (const accountId of listeners.keys()) dispatch(accountId);
      });
    },

    async unwatch(): Promise<void> {
      const ending = stop;
      stop = undefined;
      await ending?.();
    },

    /**
     * Adds a stream of `accountId`: `listener` gets each new unread count, `end` is called when the hub stops.
     * Answers its removal; `too_many` when the account has the most open, `stopping` once the hub is stopping.
     */
    subscribe(
      accountId: string,
      listener: Listener,
      end: () => void,
    ): (() => void) | 'too_many' | 'stopping' {
      if (draining) return 'stopping';
      const those = listeners.get(accountId) ?? new Set<Stream>();
      if (those.size >= MAX_STREAMS_PER_ACCOUNT) return 'too_many';
      const stream = { listener, end };
      those.add(stream);
      listeners.set(accountId, those);
      return () => {
        those.delete(stream);
        if (those.size === 0 && listeners.get(accountId) === those) listeners.delete(accountId);
      };
    },

    /**
     * Ends every open stream and takes no new ones: the hub is stopping, and its server waits for every response
     * to end (browsers reconnect to another instance, or to this one once it is back).
     */
    drain(): void {
      draining = true;
      for (const those of listeners.values()) for (const stream of those) stream.end();
    },

    /** Open streams in this process (for tests and health). */
    get open(): number {
      let n = 0;
      for (const those of listeners.values()) n += those.size;
      return n;
    },
  };
}

export type NotificationStreams = ReturnType<typeof createNotificationStreams>;
