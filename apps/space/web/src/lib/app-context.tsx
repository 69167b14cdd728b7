import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import type { Me } from '../api/types';

export interface Notice {
  id: number;
  text: string;
  kind: 'info' | 'error';
}

interface AppContextValue {
  /** Who is signed in (Space's `/api/me`): their `sub` and roles. */
  me: Me;
  isModerator: boolean;
  /** The hub's origin (the membership page, finding friends). */
  hubUrl: string;
  /** Shows a short line at the bottom of the page (it goes by itself). */
  notify: (text: string, kind?: Notice['kind']) => void;
  notices: Notice[];
  dismiss: (id: number) => void;
}

const AppContext = createContext<AppContextValue | null>(null);

const NOTICE_MS = 5_000;

export function AppProvider({ me, hubUrl, children }: { me: Me; hubUrl: string; children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  const notify = useCallback(
    (text: string, kind: Notice['kind'] = 'info') => {
      const id = next.current++;
      setNotices((list) => [...list.slice(-2), { id, text, kind }]);
      window.setTimeout(() => dismiss(id), NOTICE_MS);
    },
    [dismiss],
  );
  const value = useMemo(
    () => ({
      me,
      isModerator: (me.roles ?? []).includes('space.moderator'),
      hubUrl,
      notify,
      notices,
      dismiss,
    }),
    [me, hubUrl, notify, notices, dismiss],
  );
  return <AppContext.Provider value={value}>{children}</AppContext.Provider>;
}

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppProvider');
  return value;
}
