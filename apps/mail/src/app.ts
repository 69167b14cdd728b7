import {
  errorHandler,
  healthRoutes,
  notFoundHandler,
  orbitSecureHeaders,
  refuseInvalidPathText,
  spaRoutes,
} from '@orbit/http';
import {
  type ClientCredentials,
  createOrbitService,
  drizzleSessionStore,
  type PerkKey,
  serviceOpenApiRoutes,
} from '@orbit/sdk';
import { Hono } from 'hono';
import { html } from 'hono/html';
import { requestId } from 'hono/request-id';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { mailEndpoints } from './contracts.js';
import type { MailDb } from './db/open.js';
import { orbitSessionsTable } from './db/sessions.js';
import { createMailMembership } from './http/membership.js';
import { mailRoutes } from './http/routes.js';
import { eraseMailbox } from './mail/erase.js';
import { exportMailbox } from './mail/export.js';
import { type Clock, createMailbox, type LimitsOf, systemClock } from './mail/index.js';
import { configuredRate, toAddress } from './mail/ports.js';
import { manifest } from './manifest.js';

export interface MailDeps {
  db: MailDb;
  ping: () => Promise<void>;
  logger: Logger;
  clock?: Clock;
  /** Client credentials given directly (tests); otherwise read from `config.credentialsFile`. */
  credentials?: ClientCredentials;
  /** The built web pages (`dist/web`). */
  webDir: string;
  /** True once the process is stopping (`runService`'s lifecycle): readiness then answers 503. */
  stopping?: () => boolean;
}

const MIB = 1024 * 1024;

const signedOutPage = (hubUrl: string) => html`<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width" /><title>Orbit Mail</title></head>
  <body style="font: 16px system-ui, sans-serif; max-width: 32rem; margin: 5rem auto; padding: 0 1rem; text-align: center">
    <h1 style="font-size: 1.5rem">You have signed out of Orbit Mail</h1>
    <p data-testid="mail-signed-out">You are signed out of Orbit too. · 你已退出 Orbit 邮箱。</p>
    <p><a href="/">Sign in again</a> · <a href="${hubUrl}">Orbit</a></p>
  </body>
</html>`;

/** Wires Orbit Mail once: the SDK, the mailbox, the API, the pages. Nothing here listens. */
export function createMailApp(config: Config, deps: MailDeps) {
  const clock = deps.clock ?? systemClock;
  const credentials =
    deps.credentials ?? (config.credentialsFile ? { file: config.credentialsFile } : undefined);
  if (!credentials) throw new Error('Mail needs client credentials: set ORBIT_CREDENTIALS_FILE.');
  const orbit = createOrbitService({
    manifest,
    hubUrl: config.hubUrl,
    publicUrl: config.publicUrl,
    credentials,
    sessions: drizzleSessionStore(deps.db, orbitSessionsTable),
    clock,
    entitlementsCacheMs: config.entitlementsCacheMs,
    // A client secret the hub refuses is the operator's to fix: it goes to Mail's log.
    logger: deps.logger,
    // The user's data rights (docs/data-rights.md): the whole mailbox in the account's export, and deleted with
    // the account.
    dataRights: {
      export: (sub) => exportMailbox(deps.db, sub),
      erase: async (sub) => void (await eraseMailbox(deps.db, sub)),
    },
  });

  /**
   * The configured defaults, raised by what the account's membership grants (`mail.quota_mb`, …); a tier that
   * grants less than Mail's default never lowers it.
   */
  const limits: LimitsOf = async (sub) => {
    const { perks } = await orbit.entitlements(sub);
    // Typed from the manifest: a key Mail does not declare would not compile.
    const granted = (key: PerkKey<typeof manifest>) => {
      const mb = perks[key];
      return typeof mb === 'number' ? mb * MIB : 0;
    };
    return {
      quotaBytes: Math.max(config.mail.defaultQuotaBytes, granted('mail.quota_mb')),
      attachmentBytes: Math.max(config.mail.defaultAttachmentBytes, granted('mail.attachment_mb')),
    };
  };
  const mailbox = createMailbox({
    db: deps.db,
    clock,
    directory: {
      async lookup(identifiers) {
        const found = await orbit.hub.lookupAccounts(identifiers);
        return {
          accounts: Object.fromEntries(Object.entries(found.accounts).map(([key, a]) => [key, toAddress(a)])),
          unknown: found.unknown,
        };
      },
    },
    limits,
    rate: configuredRate(config.mail),
  });
  orbit.onBadge(async ({ sub }) => ({ count: await mailbox.unreadCount(sub) }));
  const membership = createMailMembership({
    orbit,
    limits,
    defaults: {
      quotaBytes: config.mail.defaultQuotaBytes,
      attachmentBytes: config.mail.defaultAttachmentBytes,
    },
  });

  const hubOrigin = new URL(config.hubUrl).origin;
  const app = new Hono()
    .use(requestId())
    // The shell's header shows the user's avatar and the app switcher's icons from the hub.
    .use(
      orbitSecureHeaders({
        https: config.publicUrl.startsWith('https://'),
        formAction: [hubOrigin],
        imgSrc: [hubOrigin],
      }),
    )
    // A NUL in the path would reach a query as a route parameter (or the file system): refused first.
    .use(refuseInvalidPathText())
    .route(
      '/',
      healthRoutes({
        ping: deps.ping,
        onUnready: (error) => deps.logger.warn({ err: error }, 'not ready'),
        ...(deps.stopping ? { stopping: deps.stopping } : {}),
      }),
    )
    .route('/', orbit.routes)
    .get('/signed-out', (c) => c.html(signedOutPage(config.hubUrl)))
    // Mail's OpenAPI document (public), before the API's sign-in wall; from the declarations in contracts.ts.
    .route('/', serviceOpenApiRoutes({ manifest, endpoints: mailEndpoints, origin: config.publicUrl }))
    .route('/api', mailRoutes({ orbit, mailbox, limits, membership }))
    .route(
      '/',
      spaRoutes({
        dir: deps.webDir,
        transformIndex: (page) =>
          page.replace('<head>', `<head>\n    <meta name="orbit-hub" content="${hubOrigin}" />`),
        notBuiltMessage: 'Mail’s pages are not built yet: run `npm run build` (npm start does it for you).',
        // Opening a page signs the user in through the hub (no password when signed in there already).
        pageGuard: orbit.requireUser({ redirect: true }),
      }),
    );
  app.onError(
    errorHandler(
      (error) => deps.logger.error({ err: error }, 'unhandled error'),
      (error) => deps.logger.warn({ err: error }, 'database unavailable'),
    ),
  );
  app.notFound(notFoundHandler);
  return { app, orbit, mailbox };
}

export type MailApp = ReturnType<typeof createMailApp>['app'];
