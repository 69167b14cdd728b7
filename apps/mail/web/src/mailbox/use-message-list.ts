import { useCallback, useEffect, useRef, useState } from 'react';
import { mail } from '../api/mail';
import type { ListScope, MessageSummary } from '../api/types';

export interface MessageListState {
  status: 'loading' | 'ready' | 'error';
  messages: MessageSummary[];
  nextCursor: string | null;
  error: unknown;
  loadingMore: boolean;
  /** The error of the last "load more", shown under the list. */
  moreError: unknown;
}

const PAGE_SIZE = 50;

const initial: MessageListState = {
  status: 'loading',
  messages: [],
  nextCursor: null,
  error: null,
  loadingMore: false,
  moreError: null,
};

/**
 * The messages of one scope and search, newest first, a page at a time. Changes made elsewhere (read, starred,
 * trashed) are applied with `replace`/`patch`/`remove` without asking the server again; `refresh` merges the
 * newest page into what is shown (new mail), `reload` starts over.
 */
export function useMessageList(scope: ListScope, q: string) {
  const [state, setState] = useState<MessageListState>(initial);
  const generation = useRef(0);

  const load = useCallback(() => {
    const current = ++generation.current;
    setState(initial);
    mail.list({ scope, q, limit: PAGE_SIZE }).then(
      (page) => {
        if (generation.current !== current) return;
        setState({ ...initial, status: 'ready', messages: page.messages, nextCursor: page.nextCursor });
      },
      (error: unknown) => {
        if (generation.current === current) setState({ ...initial, status: 'error', error });
      },
    );
  }, [scope, q]);

  useEffect(() => {
    load();
    return () => {
      generation.current++;
    };
  }, [load]);

  const stateRef = useRef(state);
  stateRef.current = state;

  const loadMore = useCallback(async () => {
    const { nextCursor, loadingMore } = stateRef.current;
    if (!nextCursor || loadingMore) return;
    const current = generation.current;
    setState((s) => ({ ...s, loadingMore: true, moreError: null }));
    try {
      const page = await mail.list({ scope, q, cursor: nextCursor, limit: PAGE_SIZE });
      if (generation.current !== current) return;
      setState((s) => {
        const known = new Set(s.messages.map((m) => m.id));
        const fresh = page.messages.filter((m) => !known.has(m.id));
        return { ...s, messages: [...s.messages, ...fresh], nextCursor: page.nextCursor, loadingMore: false };
      });
    } catch (error) {
      if (generation.current === current) setState((s) => ({ ...s, loadingMore: false, moreError: error }));
    }
  }, [scope, q]);

  const refresh = useCallback(async () => {
    if (stateRef.current.status !== 'ready') return;
    const current = generation.current;
    try {
      const page = await mail.list({ scope, q, limit: PAGE_SIZE });
      if (generation.current !== current) return;
      setState((s) => {
        const latest = new Map(page.messages.map((m) => [m.id, m]));
        const shown = new Set(s.messages.map((m) => m.id));
        const arrived = page.messages.filter((m) => !shown.has(m.id));
        const updated = s.messages.map((m) => latest.get(m.id) ?? m);
        return { ...s, messages: [...arrived, ...updated] };
      });
    } catch {
      // A background refresh that fails changes nothing; the next one may work.
    }
  }, [scope, q]);

  const replace = useCallback((summary: MessageSummary) => {
    setState((s) => ({ ...s, messages: s.messages.map((m) => (m.id === summary.id ? summary : m)) }));
  }, []);

  const patch = useCallback((id: string, fields: Partial<MessageSummary>) => {
    setState((s) => ({ ...s, messages: s.messages.map((m) => (m.id === id ? { ...m, ...fields } : m)) }));
  }, []);

  const remove = useCallback((id: string) => {
    setState((s) => ({ ...s, messages: s.messages.filter((m) => m.id !== id) }));
  }, []);

  const clear = useCallback(() => {
    setState((s) => ({ ...s, messages: [], nextCursor: null }));
  }, []);

  return { state, loadMore, refresh, reload: load, replace, patch, remove, clear };
}

export type MessageList = ReturnType<typeof useMessageList>;
