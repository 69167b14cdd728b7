import { useCallback, useEffect, useRef, useState } from 'react';
import { type ComposeState, isDirty } from '../lib/compose';
import { storeCompose, takeStoredCompose } from '../lib/compose-storage';

/**
 * The one composer of the page. It survives a reload or a trip to the hub to sign in again (kept in this tab's
 * sessionStorage as the page goes away), and opening another message while something is written asks first.
 */
export function useComposer(confirmReplace: () => Promise<boolean>) {
  const [restored] = useState(takeStoredCompose);
  const [state, setState] = useState<ComposeState | null>(restored?.state ?? null);
  /** Changes for every newly opened message, so the composer starts afresh (focus, errors). */
  const [openCount, setOpenCount] = useState(0);
  const [droppedAttachments, setDroppedAttachments] = useState(restored?.droppedAttachments ?? []);
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    const keep = () => storeCompose(stateRef.current);
    window.addEventListener('pagehide', keep);
    return () => window.removeEventListener('pagehide', keep);
  }, []);

  /** Opens `next`, after asking when the open composer holds unsent writing. False when the reader declined. */
  const open = useCallback(
    async (next: ComposeState) => {
      const current = stateRef.current;
      if (current && isDirty(current) && !(await confirmReplace())) return false;
      setState(next);
      setOpenCount((n) => n + 1);
      setDroppedAttachments([]);
      return true;
    },
    [confirmReplace],
  );

  const update = useCallback((change: (state: ComposeState) => ComposeState) => {
    setState((s) => (s ? change(s) : s));
  }, []);

  const close = useCallback(() => {
    setState(null);
    setDroppedAttachments([]);
    storeCompose(null);
  }, []);

  /** Keeps the composer now: the page is about to leave for sign-in. */
  const keep = useCallback(() => storeCompose(stateRef.current), []);

  return { state, openCount, droppedAttachments, restored: restored !== null, open, update, close, keep };
}
