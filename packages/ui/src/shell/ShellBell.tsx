import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { fetchJson } from '../api/fetch-json';
import { BellGlyph, BellItems } from '../notifications/BellItems';
import { followUnread } from '../notifications/follow-unread';
import { linkOf, type NotificationItem, unreadText } from '../notifications/model';
import { type ShellMe, serviceName } from './model';
import { useShellTranslation } from './texts';
import { useDismiss } from './use-dismiss';

/** How many items the panel lists; the rest are on the hub's `/notifications`. */
const BELL_ITEMS = 8;
/** The source of the hub's own notices (security, membership). */
const HUB_SOURCE = 'hub';

interface BellItem extends NotificationItem {
  source: string;
}
interface BellPage {
  items: BellItem[];
  unread: number;
}
type Items = { status: 'loading' } | { status: 'ready'; items: BellItem[]; now: Date } | { status: 'error' };

/** The unread count, live, from the SDK's stream while the bell shows (null until it first says). */
function useLiveUnread(stream: string): [number | null, (unread: number) => void] {
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(() => followUnread(stream, setUnread), [stream]);
  return [unread, setUnread];
}

/**
 * The service shell's bell (QQ's 消息 with its red count): the unread notifications across every service and the
 * hub, live, from the service's own server (`base`, the SDK's `/orbit/notifications`, which asks the hub with the
 * user's own token). It opens a panel of the latest items — opening one marks it read and follows its link, a
 * hub path to the hub — with "Mark all read" and "See all" (the hub's Notifications page).
 */
export function ShellBell({
  me,
  base,
}: {
  me: Pick<ShellMe, 'hub' | 'services'>;
  /** Where the SDK answers the bell: `GET base`, `POST base/read`, `GET base/stream`. */
  base: string;
}) {
  const { t, i18n } = useShellTranslation();
  const [liveUnread, setUnread] = useLiveUnread(`${base}/stream`);
  const unread = liveUnread ?? 0;
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Items>({ status: 'loading' });
  const [busy, setBusy] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const generation = useRef(0);
  const language = i18n.resolvedLanguage ?? 'en';

  const load = useCallback(() => {
    const current = ++generation.current;
    fetchJson(`${base}?limit=${BELL_ITEMS}`, { method: 'GET' }, 'this service').then(
      (page) => {
        if (generation.current !== current) return;
        const { items: latest, unread: count } = page as BellPage;
        setItems({ status: 'ready', items: latest, now: new Date() });
        setUnread(count);
      },
      () => {
        if (generation.current === current) setItems({ status: 'error' });
      },
    );
  }, [base, setUnread]);

  // While open, the list follows the count: a new item (or one read elsewhere) shows without closing it.
  useEffect(() => {
    if (!open) return;
    void unread;
    load();
  }, [open, unread, load]);
  useEffect(() => {
    if (!open) return;
    return () => {
      generation.current++;
    };
  }, [open]);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, root, button);

  const markRead = async (body: { ids: string[] } | { all: true }) => {
    const answer = (await fetchJson(
      `${base}/read`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      'this service',
    )) as { unread: number };
    setUnread(answer.unread);
  };

  /** Marks it read (the count follows at once), then follows its link: a hub path at the hub, a URL as it is. */
  const openItem = async (item: BellItem) => {
    setOpen(false);
    if (!item.read) {
      try {
        await markRead({ ids: [item.id] });
      } catch {
        // Following the link matters more than the dot: the item stays unread, and the link still opens.
      }
    }
    const link = linkOf(item.url, new URL(me.hub.url).origin);
    if (link?.kind === 'path') window.location.assign(`${me.hub.url}${link.to}`);
    else if (link?.kind === 'page') window.location.assign(link.href);
  };

  const sourceName = (source: string) => {
    if (source === HUB_SOURCE) return t('bell.hub');
    const service = me.services.find((s) => s.id === source);
    return service ? serviceName(service, language) : source;
  };
  const label = unread > 0 ? t('bell.labelUnread', { count: unread }) : t('bell.label');

  return (
    <div className="orbit-bell" ref={root}>
      <button
        ref={button}
        type="button"
        className="orbit-bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        title={label}
        data-testid="shell-bell"
        data-unread={liveUnread ?? ''}
        onClick={() => setOpen((was) => !was)}
      >
        <BellGlyph />
        {unread > 0 && (
          <span className="orbit-bell-count" data-testid="shell-bell-count" aria-hidden="true">
            {unreadText(unread)}
          </span>
        )}
      </button>
      {open && (
        <div id={panelId} className="orbit-bell-panel notification-panel" data-testid="shell-bell-panel">
          <div className="orbit-bell-head">
            <h2 className="orbit-bell-title">{t('bell.title')}</h2>
            <button
              type="button"
              className="orbit-shell-link"
              data-testid="shell-bell-mark-all"
              disabled={unread === 0 || busy}
              onClick={async () => {
                setBusy(true);
                try {
                  await markRead({ all: true });
                  load();
                } catch {
                  setItems({ status: 'error' });
                } finally {
                  setBusy(false);
                }
              }}
            >
              {t('bell.markAll')}
            </button>
          </div>
          {items.status === 'loading' && <p className="notification-note">{t('bell.loading')}</p>}
          {items.status === 'error' && (
            <p className="notification-note" role="alert">
              {t('bell.failed')}{' '}
              <button type="button" className="orbit-shell-link" onClick={load}>
                {t('bell.retry')}
              </button>
            </p>
          )}
          {items.status === 'ready' && (
            <BellItems
              items={items.items}
              now={items.now}
              sourceName={sourceName}
              onOpen={(item) => void openItem(item)}
              empty={t('bell.empty')}
            />
          )}
          <a href={`${me.hub.url}/notifications`} className="orbit-bell-all" data-testid="shell-bell-see-all">
            {t('bell.seeAll')}
          </a>
        </div>
      )}
    </div>
  );
}
