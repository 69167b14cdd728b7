import { linkOf } from '@orbit/ui/notifications';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type NotificationView, notifications } from '../api/notifications';
import { api } from '../api/orbit';
import type { LauncherService } from '../api/types';
import { useSession } from '../session/context';
import { HUB_SOURCE, sourceName } from './notifications';
import { showUnread } from './unread-store';

/**
 * What the bell and the Notifications page share: the services' names (to say who sent an item) and opening an
 * item (mark it read, then follow its link).
 */

let services: Promise<LauncherService[]> | null = null;

/** The launcher's services, asked for once per page load: a notification's source is one of them (or the hub). */
function loadServices(): Promise<LauncherService[]> {
  services ??= api.listServices().catch(() => {
    // Names are a nicety: without them a source shows its id, and the next caller asks again.
    services = null;
    return [];
  });
  return services;
}

/** `name(source)`: who sent an item, in the reader's language; the services' names load when first used. */
export function useSourceName(): (source: string) => string {
  return useSources().name;
}

/** Who may send items: the hub and every service of the launcher (loaded once), and each one's name. */
export function useSources(): { ids: string[]; name: (source: string) => string } {
  const { t, i18n } = useTranslation();
  const [known, setKnown] = useState<LauncherService[]>([]);
  useEffect(() => {
    let live = true;
    void loadServices().then((list) => {
      if (live) setKnown(list);
    });
    return () => {
      live = false;
    };
  }, []);
  const language = i18n.resolvedLanguage ?? 'en';
  const hubName = t('app.name');
  const name = useCallback(
    (source: string) => sourceName(source, known, language, hubName),
    [known, language, hubName],
  );
  const ids = useMemo(() => [HUB_SOURCE, ...known.map((s) => s.id)], [known]);
  return { ids, name };
}

/**
 * Opens an item as QQ does: marks it read (the bell's count follows at once), then follows its link — a hub path
 * by client-side navigation, another origin's page in the same tab. Answers once it is read; `onRead` hears it
 * first (a list shows the item read).
 */
export function useOpenNotification(onRead?: (id: string) => void) {
  const navigate = useNavigate();
  const { account } = useSession();
  const accountId = account?.id ?? null;
  return useCallback(
    async (item: NotificationView) => {
      if (!item.read) {
        try {
          const unread = await notifications.markRead(item.id);
          if (accountId) showUnread(accountId, unread);
          onRead?.(item.id);
        } catch {
          // Following the link matters more than the dot: the item stays unread, and the link still opens.
        }
      }
      const link = linkOf(item.url, window.location.origin);
      if (link?.kind === 'path') await navigate(link.to);
      else if (link?.kind === 'page') window.location.assign(link.href);
    },
    [accountId, navigate, onRead],
  );
}
