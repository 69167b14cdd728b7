import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface Notice {
  id: number;
  text: string;
  action?: { label: string; run: () => void };
}

const SHOW_MS = 6_000;
const SHOW_WITH_ACTION_MS = 10_000;

/** Short confirmations ("Message sent.") that go away by themselves, some with an action such as Undo. */
export function useNotices() {
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, number>());

  const dismiss = useCallback((id: number) => {
    window.clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setNotices((list) => list.filter((n) => n.id !== id));
  }, []);

  const show = useCallback(
    (text: string, action?: Notice['action']) => {
      const id = nextId.current++;
      setNotices((list) => [...list.slice(-2), { id, text, action }]);
      timers.current.set(
        id,
        window.setTimeout(() => dismiss(id), action ? SHOW_WITH_ACTION_MS : SHOW_MS),
      );
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) window.clearTimeout(timer);
    };
  }, []);

  return { notices, show, dismiss };
}

export function NoticeList({ notices, dismiss }: { notices: Notice[]; dismiss: (id: number) => void }) {
  const { t } = useTranslation();
  return (
    <section className="notices" aria-label={t('notice.region')} aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className="notice" data-testid="notice">
          <span className="notice-text">{notice.text}</span>
          {notice.action && (
            <button
              type="button"
              className="notice-action"
              onClick={() => {
                notice.action?.run();
                dismiss(notice.id);
              }}
            >
              {notice.action.label}
            </button>
          )}
          <button
            type="button"
            className="icon-button notice-close"
            aria-label={t('notice.dismiss')}
            onClick={() => dismiss(notice.id)}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
      ))}
    </section>
  );
}
