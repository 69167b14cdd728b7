import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/orbit';
import type { LauncherService } from '../api/types';

export type ServicesState =
  | { status: 'loading' }
  | { status: 'ready'; services: LauncherService[] }
  | { status: 'error'; error: unknown };

/**
 * The launcher's services and their badge counts. The list comes first; each badge is asked for once the list
 * is shown, one request per service so a slow service delays only its own badge, and again whenever the page
 * becomes visible (the reader may have read their mail in the other tab). `enabled: false` loads nothing.
 */
export function useServices(enabled = true) {
  const [state, setState] = useState<ServicesState>({ status: 'loading' });
  const [badges, setBadges] = useState<Readonly<Record<string, number>>>({});
  /** Bumped by every load and by unmounting, so only the latest load's answer is kept. */
  const generation = useRef(0);

  const load = useCallback(() => {
    const current = ++generation.current;
    setState({ status: 'loading' });
    api.listServices().then(
      (services) => {
        if (generation.current === current) setState({ status: 'ready', services });
      },
      (error: unknown) => {
        if (generation.current === current) setState({ status: 'error', error });
      },
    );
  }, []);

  useEffect(() => {
    if (!enabled) return;
    load();
    return () => {
      generation.current++;
    };
  }, [enabled, load]);

  const services = state.status === 'ready' ? state.services : null;

  useEffect(() => {
    if (!services) return;
    const withBadge = services.filter((service) => service.badge);
    if (withBadge.length === 0) return;
    let cancelled = false;

    const loadBadges = () => {
      for (const service of withBadge) {
        api.serviceBadge(service.id).then(
          (count) => {
            if (!cancelled) setBadges((current) => withCount(current, service.id, count));
          },
          // No badge is better than an error over the tile: the service itself still opens.
          () => {
            if (!cancelled) setBadges((current) => withCount(current, service.id, null));
          },
        );
      }
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') loadBadges();
    };

    loadBadges();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      cancelled = true;
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [services]);

  return { state, badges, retry: load };
}

/** The badge counts with `id`'s replaced; a missing or zero count removes its badge. */
function withCount(
  badges: Readonly<Record<string, number>>,
  id: string,
  count: number | null,
): Readonly<Record<string, number>> {
  const shown = typeof count === 'number' && Number.isInteger(count) && count > 0;
  if (shown && badges[id] === count) return badges;
  if (!shown && !(id in badges)) return badges;
  const next = { ...badges };
  if (shown) next[id] = count;
  else delete next[id];
  return next;
}
