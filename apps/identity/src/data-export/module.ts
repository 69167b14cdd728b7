import type { Billing, createLevelsExport } from '../membership/index.js';
import { defineModule, type HubContext, uses } from '../module.js';
import type { NotificationsExports } from '../notifications/index.js';
import type { OidcExports } from '../oidc/index.js';
import type { PasskeysExports } from '../passkeys/index.js';
import type { SecurityLog } from '../security/index.js';
import type { Sessions } from '../sessions/index.js';
import type { SocialExports } from '../social/index.js';
import { createDataExports, DATA_EXPORT_QUEUE } from './exports.js';
import { createHubPart } from './hub-part.js';
import { dataExportRoutes } from './routes.js';
import { dataExportSchema } from './schema.js';
import { createServiceParts } from './service-parts.js';

/** How often expired archives are swept (a download checks the expiry itself, so this only frees the space). */
const SWEEP_INTERVAL_MS = 15 * 60 * 1000;

function dataExportServices(
  { db, clock, queue, config, fetch, logger }: HubContext,
  d: {
    sessions: Sessions;
    securityLog: SecurityLog;
    billing: Billing;
    levelsExport: ReturnType<typeof createLevelsExport>;
  } & Pick<OidcExports, 'keys' | 'consents'> &
    Pick<SocialExports, 'social' | 'privacy'> &
    Pick<NotificationsExports, 'notifications'>,
) {
  const dataExportParts = createServiceParts({ db, clock, issuer: config.issuer, keys: d.keys, fetch });
  const hubPart = createHubPart({
    db,
    sessions: d.sessions,
    social: d.social,
    privacy: d.privacy,
    notifications: d.notifications,
    consents: d.consents,
    // The membership layer's part: every subscription, the receipts, growth and active days.
    membership: async (accountId) => ({
      subscriptions: await d.billing.subscriptionsOf(accountId),
      receipts: await d.billing.ledger.receipts(accountId),
      levels: await d.levelsExport(accountId),
    }),
  });
  const dataExports = createDataExports({
    db,
    clock,
    queue,
    securityLog: d.securityLog,
    hubPart,
    parts: dataExportParts,
    notifications: d.notifications,
    logger,
  });
  return { dataExports, dataExportParts };
}
export type DataExportExports = ReturnType<typeof dataExportServices>;

/**
 * Data exports across Orbit (issue 19, point 5; docs/data-rights.md): the account's request, the build on the
 * durable queue (the hub's data, then every service's part through the SDK's export endpoint), the archive in
 * PostgreSQL, its expiring download link and the sweep of expired archives.
 */
export const dataExportModule = defineModule({
  name: 'data-export',
  schema: dataExportSchema,
  uses: uses<Pick<PasskeysExports, 'stepUpCheck'>>(),
  services: dataExportServices,
  routes: (_web, s) => dataExportRoutes({ exports: s.dataExports, stepUpCheck: s.stepUpCheck }),
  // One build at a time per hub instance: each holds a file and a service's part in memory.
  jobs: ({ dataExports }) => [{ queue: DATA_EXPORT_QUEUE, handler: dataExports.build, concurrency: 1 }],
  timers: ({ dataExports }) => [
    { name: 'data export sweep', everyMs: SWEEP_INTERVAL_MS, atStart: true, task: () => dataExports.sweep() },
  ],
});
