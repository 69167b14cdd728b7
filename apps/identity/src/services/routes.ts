import { type LauncherEntry, launcherApi } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import type { HubEnv } from '../env.js';
import { AppError } from '../http/errors.js';
import { authOf, requireSession } from '../kernel/guards.js';
import type { Badges } from './badges.js';
import type { ServiceRegistry, ServiceView } from './registry.js';

/** What the portal's launcher shows of a service (`@orbit/contracts`). */
export type { LauncherEntry };

export function launcherEntry(service: ServiceView): LauncherEntry {
  return {
    id: service.id,
    name: service.name,
    names: service.names,
    description: service.description,
    descriptions: service.descriptions,
    iconUrl: `/api/services/${service.id}/icon`,
    homeUrl: service.homeUrl,
    badge: service.badgeUrl !== null,
  };
}

const serviceNotFound = () => new AppError(404, 'service.not_found', 'No such service.');

/**
 * The icon is the service's own SVG, served from the hub's origin: it must never run script or load
 * anything, even when opened on its own (an `<img>` would not run script, a top-level visit would).
 */
const ICON_HEADERS = {
  'Content-Type': 'image/svg+xml',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'public, max-age=3600',
  // Service pages show it in their app switcher (the service shell): another origin may embed it.
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

/** The portal's launcher: enabled services, their icons, and each one's badge for the signed-in user. */
export function launcherRoutes({ registry, badges }: { registry: ServiceRegistry; badges: Badges }) {
  return endpointRoutes<HubEnv>('/api')
    .on(launcherApi.list, requireSession, async (c) => {
      const services = await registry.listEnabled();
      return c.json({ services: services.map(launcherEntry) });
    })
    .on(launcherApi.icon, async (c, { params }) => {
      const svg = await registry.icon(params.id);
      if (svg === undefined) throw serviceNotFound();
      return c.body(svg, 200, ICON_HEADERS);
    })
    .on(launcherApi.badge, requireSession, async (c, { params }) => {
      const serviceId = params.id;
      const result = await badges.count(serviceId, authOf(c).account.id);
      if (!result) throw serviceNotFound();
      if (result.problem) c.get('log').debug({ serviceId, problem: result.problem }, 'no badge');
      c.header('Cache-Control', 'no-store');
      return c.json({ count: result.count });
    }).app;
}
