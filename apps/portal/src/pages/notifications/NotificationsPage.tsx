import { NotificationLine } from '@orbit/ui/notifications';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type NotificationView,
  notifications,
  type NotificationsPage as Page,
} from '../../api/notifications';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import { byDay } from '../../notifications/notifications';
import { showUnread, useUnreadCount } from '../../notifications/unread-store';
import { useOpenNotification, useSources } from '../../notifications/use-notifications';
import { useSession } from '../../session/context';

/** Items per page; "Show more" asks for the next with the page's `nextBefore`. */
const PAGE_SIZE = 20;

export const PREFERENCES_PATH = '/notifications/preferences';

interface Shown {
  items: NotificationView[];
  nextBefore: string | null;
  /** When the first page came: the times read against it. */
  now: Date;
}

/**
 * `/notifications`: everything the bell holds, newest first in today / yesterday / earlier, a page at a time
 * ("Show more"), all or only unread and from one source or all; each item opens (marking it read), or is marked
 * read or deleted on its own. A new item arriving (the live count rises) shows without a reload. Signed in only.
 */
export function NotificationsPage() {
  const { t } = useTranslation();
  const { account } = useSession();
  const accountId = account?.id ?? '';
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [source, setSource] = useState('');
  const sources = useSources();
  const sourceId = useId();
  const unread = useUnreadCount(accountId);
  const lastUnread = useRef(unread);

  const first = (): Promise<Shown> =>
    notifications
      .list({ limit: PAGE_SIZE, unread: unreadOnly, ...(source ? { source } : {}) })
      .then((page: Page) => {
        showUnread(accountId, page.unread);
        return { items: page.items, nextBefore: page.nextBefore, now: new Date() };
      });
  const list = useLoad(first, `${accountId}:${unreadOnly}:${source}`);
  const { state, set, reload } = list;
  const more = useAction(async (before: string) =>
    notifications.list({ limit: PAGE_SIZE, before, unread: unreadOnly, ...(source ? { source } : {}) }),
  );
  const act = useAction(async (kind: 'read' | 'remove' | 'all', id?: string) => {
    if (kind === 'all') return notifications.markAllRead();
    return kind === 'read' ? notifications.markRead(id!) : notifications.remove(id!);
  });
  const [done, setDone] = useState<string | null>(null);

  // Something new arrived (the count rose): the first page again, so it shows at the top.
  useEffect(() => {
    const before = lastUnread.current;
    lastUnread.current = unread;
    if (unread !== null && before !== null && unread > before) void reload();
  }, [unread, reload]);

  const shown = state.status === 'ready' ? state.value : null;
  const update = (change: (items: NotificationView[]) => NotificationView[]) => {
    if (shown) set({ ...shown, items: change(shown.items) });
  };
  const markedRead = (id: string) =>
    update((items) => items.map((i) => (i.id === id ? { ...i, read: true } : i)));
  const open = useOpenNotification(markedRead);

  const run = async (kind: 'read' | 'remove' | 'all', item?: NotificationView) => {
    setDone(null);
    const result = await act.run(kind, item?.id);
    if (!result.ok) return;
    showUnread(accountId, result.value);
    if (kind === 'all') update((items) => items.map((i) => ({ ...i, read: true })));
    else if (kind === 'read' && item) markedRead(item.id);
    else if (item) {
      update((items) => items.filter((i) => i.id !== item.id));
      setDone(t('notifications.removed'));
    }
  };

  const sourceIds = [
    ...new Set([...sources.ids, ...(shown?.items.map((i) => i.source) ?? []), ...(source ? [source] : [])]),
  ];

  return (
    <div className="page-wide notifications-page" data-testid="notifications-page">
      <PageTitle page={t('notifications.pageTitle')} />
      <header className="friends-header">
        <h1>{t('notifications.pageTitle')}</h1>
        <Link
          to={PREFERENCES_PATH}
          className="friends-privacy-link"
          data-testid="notifications-preferences-link"
        >
          {t('notifications.preferencesLink')}
        </Link>
      </header>
      <div className="card notifications-card">
        <div className="notifications-toolbar">
          <fieldset className="segmented">
            <legend className="visually-hidden">{t('notifications.filter.label')}</legend>
            {([false, true] as const).map((only) => (
              <button
                key={String(only)}
                type="button"
                className="segmented-option"
                aria-pressed={unreadOnly === only}
                data-testid={only ? 'notifications-filter-unread' : 'notifications-filter-all'}
                onClick={() => setUnreadOnly(only)}
              >
                {only ? t('notifications.filter.unread') : t('notifications.filter.all')}
              </button>
            ))}
          </fieldset>
          <div className="notifications-source">
            <label htmlFor={sourceId}>{t('notifications.filter.source')}</label>
            <select
              id={sourceId}
              className="select"
              value={source}
              data-testid="notifications-source"
              onChange={(event) => setSource(event.target.value)}
            >
              <option value="">{t('notifications.filter.anySource')}</option>
              {sourceIds.map((id) => (
                <option key={id} value={id}>
                  {sources.name(id)}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="button"
            data-testid="notifications-mark-all"
            disabled={act.pending || !unread}
            onClick={() => run('all')}
          >
            {t('notifications.markAll')}
          </button>
        </div>
        <FormError error={act.error ?? more.error} />
        <div role="status" className="form-status">
          {done && (
            <span className="saved" data-testid="notifications-done">
              {done}
            </span>
          )}
        </div>
        {state.status === 'loading' && <Loading label={t('notifications.loading')} />}
        {state.status === 'error' && (
          <div className="launcher-problem">
            <FormError error={state.error} />
            <button type="button" className="button" onClick={list.retry}>
              {t('app.retry')}
            </button>
          </div>
        )}
        {shown &&
          (shown.items.length === 0 ? (
            <p className="notifications-empty" data-testid="notifications-empty">
              {unreadOnly
                ? t('notifications.emptyUnread')
                : source
                  ? t('notifications.emptySource', { source: sources.name(source) })
                  : t('notifications.empty')}
            </p>
          ) : (
            byDay(shown.items, shown.now).map(({ section, items }) => (
              <section
                key={section}
                className="notifications-section"
                aria-label={t(`notifications.sections.${section}`)}
              >
                <h2 className="notifications-section-title">{t(`notifications.sections.${section}`)}</h2>
                <ul className="notification-list">
                  {items.map((item) => (
                    <li
                      key={item.id}
                      className="notification-row"
                      data-testid="notification-row"
                      data-id={item.id}
                      data-read={item.read ? 'true' : 'false'}
                    >
                      <button
                        type="button"
                        className="notification-button"
                        data-testid="notification-open"
                        onClick={() => void open(item)}
                      >
                        <NotificationLine item={item} source={sources.name(item.source)} now={shown.now} />
                      </button>
                      <div className="row-actions">
                        {!item.read && (
                          <button
                            type="button"
                            className="button button-quiet"
                            data-testid="notification-mark-read"
                            aria-label={t('notifications.markReadLabel', { text: item.text })}
                            disabled={act.pending}
                            onClick={() => run('read', item)}
                          >
                            {t('notifications.markRead')}
                          </button>
                        )}
                        <button
                          type="button"
                          className="button button-quiet"
                          data-testid="notification-remove"
                          aria-label={t('notifications.removeLabel', { text: item.text })}
                          disabled={act.pending}
                          onClick={() => run('remove', item)}
                        >
                          {t('notifications.remove')}
                        </button>
                      </div>
                    </li>
                  ))}
                </ul>
              </section>
            ))
          ))}
        {shown?.nextBefore && (
          <button
            type="button"
            className="button notifications-more"
            data-testid="notifications-more"
            disabled={more.pending}
            onClick={async () => {
              if (!shown.nextBefore) return;
              const result = await more.run(shown.nextBefore);
              if (!result.ok) return;
              const seen = new Set(shown.items.map((i) => i.id));
              set({
                ...shown,
                items: [...shown.items, ...result.value.items.filter((i) => !seen.has(i.id))],
                nextBefore: result.value.nextBefore,
              });
            }}
          >
            {more.pending ? t('notifications.loadingMore') : t('notifications.more')}
          </button>
        )}
      </div>
    </div>
  );
}
