import { BellGlyph, BellItems, unreadText } from '@orbit/ui/notifications';
import { useDismiss } from '@orbit/ui/shell';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type NotificationView, notifications } from '../api/notifications';
import { useAction } from '../lib/use-action';
import { showUnread, useUnreadCount } from '../notifications/unread-store';
import { useOpenNotification, useSourceName } from '../notifications/use-notifications';
import { FormError } from './FormError';
import { Loading } from './Loading';

/** How many items the bell's panel lists; the rest are on `/notifications`. */
const BELL_ITEMS = 8;
/** At this width and below, the bell is a link to the page: a panel would cover the whole screen anyway. */
const PHONE = '(max-width: 480px)';

export const NOTIFICATIONS_PATH = '/notifications';

type Items =
  | { status: 'loading' }
  | { status: 'ready'; items: NotificationView[]; now: Date }
  | { status: 'error'; error: unknown };

/**
 * The top bar's bell (QQ's 消息 with its red count): the unread notifications across every service, live over the
 * hub's event stream. On a laptop it opens a panel of the latest items — opening one marks it read and follows its
 * link — with "Mark all read" and "See all"; on a phone it goes to the Notifications page.
 */
export function TopBarBell({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const unread = useUnreadCount(accountId) ?? 0;
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Items>({ status: 'loading' });
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const generation = useRef(0);
  const sourceName = useSourceName();
  const openItem = useOpenNotification();
  const markAll = useAction(notifications.markAllRead);

  const load = useCallback(() => {
    const current = ++generation.current;
    notifications.list({ limit: BELL_ITEMS }).then(
      (page) => {
        if (generation.current !== current) return;
        setItems({ status: 'ready', items: page.items, now: new Date() });
        showUnread(accountId, page.unread);
      },
      (error: unknown) => {
        if (generation.current === current) setItems({ status: 'error', error });
      },
    );
  }, [accountId]);

  // While open, the list follows the count: a new item (or one read elsewhere) shows without closing it.
  useEffect(() => {
    if (!open) return;
    void unread;
    load();
  }, [open, unread, load]);

  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, root, button);
  // A list load still in flight when the panel closes is dropped.
  useEffect(() => {
    if (!open) return;
    return () => {
      generation.current++;
    };
  }, [open]);

  const label =
    unread > 0 ? t('notifications.bell.labelUnread', { count: unread }) : t('notifications.bell.label');

  return (
    <div className="bell-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="button button-quiet topbar-bell"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        title={label}
        data-testid="nav-bell"
        data-unread={unread}
        onClick={() => {
          if (window.matchMedia(PHONE).matches) {
            setOpen(false);
            void navigate(NOTIFICATIONS_PATH);
            return;
          }
          setOpen((value) => !value);
        }}
      >
        <BellGlyph className="topbar-admin-glyph" />
        {unread > 0 && (
          <span
            className="count-badge topbar-count"
            data-testid="nav-bell-count"
            data-count={unread}
            aria-hidden="true"
          >
            {unreadText(unread)}
          </span>
        )}
      </button>
      <div
        id={panelId}
        className="bell-panel notification-panel card"
        hidden={!open}
        data-testid="bell-panel"
      >
        <div className="bell-panel-head">
          <h2 className="bell-panel-title">{t('notifications.bell.title')}</h2>
          <button
            type="button"
            className="button button-quiet bell-mark-all"
            data-testid="bell-mark-all"
            disabled={unread === 0 || markAll.pending}
            onClick={async () => {
              const result = await markAll.run();
              if (!result.ok) return;
              showUnread(accountId, result.value);
              load();
            }}
          >
            {t('notifications.bell.markAll')}
          </button>
        </div>
        <FormError error={markAll.error} />
        {items.status === 'loading' && <Loading label={t('notifications.loading')} />}
        {items.status === 'error' && (
          <div className="launcher-problem">
            <FormError error={items.error} />
            <button type="button" className="button" onClick={load}>
              {t('app.retry')}
            </button>
          </div>
        )}
        {items.status === 'ready' && (
          <BellItems
            items={items.items}
            now={items.now}
            sourceName={sourceName}
            onOpen={(item) => {
              setOpen(false);
              void openItem(item);
            }}
            empty={t('notifications.bell.empty')}
          />
        )}
        <Link
          to={NOTIFICATIONS_PATH}
          className="launcher-all"
          data-testid="bell-see-all"
          onClick={() => setOpen(false)}
        >
          {t('notifications.bell.seeAll')}
        </Link>
      </div>
    </div>
  );
}
