import { timingSafeEqual } from 'node:crypto';
import {
  type ArchiveManifest,
  DATA_EXPORT_INTERVAL_DAYS,
  DATA_EXPORT_KEEP_DAYS,
  type DataExportLink,
  type DataExportsAnswer,
  type DataExportView,
} from '@orbit/contracts';
import { type JobHandler, type JobQueue, jobs } from '@orbit/jobs';
import { and, desc, eq, gt, inArray, lte, ne, notExists } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import { randomToken, sha256 } from '../crypto.js';
import { accounts } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import type { IdentityDb } from '../kernel/db.js';
import type { RequestOrigin } from '../kernel/guards.js';
import type { Notifications } from '../notifications/index.js';
import type { SecurityLog } from '../security/index.js';
import { createArchiveWriter } from './archive.js';
import { DATA_EXPORT_ERRORS } from './errors.js';
import type { HubPart } from './hub-part.js';
import { archiveChunks, type DataExportRow, dataExports, type MissingService } from './schema.js';
import type { ServiceParts } from './service-parts.js';

/** The queue of export builds (one job per export). */
export const DATA_EXPORT_QUEUE = 'data-export.build';
/**
 * Builds tried before an export is given up on. A service that can't be reached is asked again on the next
 * try (the queue's backoff: about 2, 4 and 8 s later); on the last, the archive is made without its part.
 */
export const BUILD_ATTEMPTS = 4;
/** How many of an account's exports `GET /api/me/exports` lists. */
const LISTED = 10;

const DAY_MS = 86_400_000;

export interface DataExportJob {
  exportId: string;
}

/** A service could not be reached, and the build will be tried again: the queue records this as its error. */
class ServiceUnreachable extends Error {
  override name = 'ServiceUnreachable';
}

const sameSecret = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Exports of an account's data across Orbit (issue 19, point 5; docs/data-rights.md): requested at most once in
 * `DATA_EXPORT_INTERVAL_DAYS` (a failed build doesn't count), built in the background on the durable queue — the
 * hub's part, then each service's — into one zip stored in PostgreSQL, downloaded through a link whose token is
 * stored hashed and which needs the owner's session too, and swept `DATA_EXPORT_KEEP_DAYS` after it was ready.
 */
export function createDataExports(deps: {
  db: IdentityDb;
  clock: Clock;
  queue: JobQueue;
  securityLog: Pick<SecurityLog, 'record'>;
  hubPart: HubPart;
  parts: Pick<ServiceParts, 'services' | 'part'>;
  /** Tells the owner in the bell (and by email) that the archive is ready. */
  notifications: Pick<Notifications, 'notify'>;
  logger?: Pick<Logger, 'warn'> | undefined;
}) {
  const { db, clock } = deps;

  const expiredAt = (row: DataExportRow, now: Date) =>
    row.status === 'expired' || (row.status === 'ready' && row.expiresAt !== null && row.expiresAt <= now);

  function view(row: DataExportRow, now = clock.now()): DataExportView {
    const status = expiredAt(row, now) ? 'expired' : row.status;
    const finished = status === 'ready' || status === 'expired';
    return {
      id: row.id,
      status,
      createdAt: row.createdAt.toISOString(),
      progress: {
        done: row.stepsDone,
        total: row.stepsTotal,
        step: status === 'building' ? row.step : null,
      },
      readyAt: row.readyAt?.toISOString() ?? null,
      expiresAt: row.expiresAt?.toISOString() ?? null,
      bytes: finished ? row.bytes : null,
      partial: finished && row.missing.length > 0,
      missingServices: finished ? row.missing : [],
    };
  }

  /** When the account may next request an export: a week after its last one that did not fail; null for now. */
  async function nextExportAt(accountId: string, q: Pick<IdentityDb, 'select'> = db): Promise<Date | null> {
    const now = clock.now();
    const [latest] = await q
      .select({ createdAt: dataExports.createdAt })
      .from(dataExports)
      .where(
        and(
          eq(dataExports.accountId, accountId),
          ne(dataExports.status, 'failed'),
          gt(dataExports.createdAt, new Date(now.getTime() - DATA_EXPORT_INTERVAL_DAYS * DAY_MS)),
        ),
      )
      .orderBy(desc(dataExports.createdAt))
      .limit(1);
    return latest ? new Date(latest.createdAt.getTime() + DATA_EXPORT_INTERVAL_DAYS * DAY_MS) : null;
  }

  /** The account's own export; 404 for anyone else's (or none at all). */
  async function owned(accountId: string, exportId: string): Promise<DataExportRow> {
    const [row] = await db
      .select()
      .from(dataExports)
      .where(and(eq(dataExports.id, exportId), eq(dataExports.accountId, accountId)));
    if (!row) throw DATA_EXPORT_ERRORS.dataExportNotFound.error();
    return row;
  }

  /** The account's ready archive: 410 once it expired, 409 while it is still being built (or failed). */
  async function ready(accountId: string, exportId: string): Promise<DataExportRow & { expiresAt: Date }> {
    const row = await owned(accountId, exportId);
    if (expiredAt(row, clock.now())) throw DATA_EXPORT_ERRORS.dataExportExpired.error();
    if (row.status !== 'ready' || !row.expiresAt) throw DATA_EXPORT_ERRORS.dataExportNotReady.error();
    return row as DataExportRow & { expiresAt: Date };
  }

  async function dropArchive(exportId: string) {
    await db.delete(archiveChunks).where(eq(archiveChunks.exportId, exportId));
  }

  async function fail(exportId: string, error: unknown) {
    await db
      .update(dataExports)
      .set({
        status: 'failed',
        failedAt: clock.now(),
        step: null,
        error: error instanceof Error ? error.message.slice(0, 1000) : String(error),
      })
      .where(and(eq(dataExports.id, exportId), inArray(dataExports.status, ['queued', 'building'])));
    await dropArchive(exportId);
  }

  async function tellOwner(accountId: string, expiresAt: Date) {
    const day = expiresAt.toISOString().slice(0, 10);
    try {
      await deps.notifications.notify('hub', {
        recipient: accountId,
        type: 'hub.data_export_ready',
        category: 'security',
        url: '/account/privacy#export',
        text: {
          en: `Your data export is ready. Download it before ${day}.`,
          'zh-CN': `你的数据导出已准备好，请在 ${day} 之前下载。`,
        },
      });
    } catch (error) {
      // The archive is there all the same; the Data section shows it.
      deps.logger?.warn({ err: error, accountId }, 'data export: the ready notice was not sent');
    }
  }

  /**
   * One try at building the archive: the hub's part, then each service's, written as it comes. On a try before
   * the last, a service that may answer later stops the build (`ServiceUnreachable`: the queue tries again); on the
   * last, the archive is made without its part and lists it as missing.
   */
  async function assemble(row: DataExportRow, last: boolean, signal: AbortSignal): Promise<void> {
    const exportId = row.id;
    const startedAt = clock.now();
    const targets = await deps.parts.services();
    const total = 1 + targets.length;
    const progress = (values: Partial<typeof dataExports.$inferInsert>) =>
      db.update(dataExports).set(values).where(eq(dataExports.id, exportId));
    // A try after an earlier one (or a crash) starts from nothing.
    await dropArchive(exportId);
    await progress({ status: 'building', startedAt, stepsDone: 0, stepsTotal: total, step: 'hub' });
    const writer = createArchiveWriter({
      mtime: startedAt,
      write: async (seq, bytes) => {
        await db.insert(archiveChunks).values({ exportId, seq, data: Buffer.from(bytes) });
      },
    });
    const hubFiles = await deps.hubPart(row.accountId);
    // The account is gone (its exports go with it).
    if (!hubFiles) return;
    for (const file of hubFiles) await writer.add(file);

    const statuses: ArchiveManifest['services'] = [];
    const missing: MissingService[] = [];
    for (const [index, service] of targets.entries()) {
      signal.throwIfAborted();
      await progress({ stepsDone: index + 1, step: service.name });
      const part = await deps.parts.part(service, row.accountId, signal);
      if (!part.ok) {
        if (part.retry && !last) throw new ServiceUnreachable(`${service.id}: ${part.reason}`);
        missing.push({ id: service.id, name: service.name, reason: part.reason });
        statuses.push({ id: service.id, name: service.name, status: 'missing', reason: part.reason });
        continue;
      }
      for (const file of part.files) {
        await writer.add({
          path: `services/${service.id}/${file.path}`,
          source: service.id,
          description: file.description,
          data: file.bytes,
          contentType: file.contentType,
        });
      }
      statuses.push({
        id: service.id,
        name: service.name,
        status: part.files.length > 0 ? 'included' : 'empty',
      });
    }

    const [owner] = await db
      .select({ accountNumber: accounts.accountNumber })
      .from(accounts)
      .where(eq(accounts.id, row.accountId));
    const bytes = await writer.finish(
      (files): ArchiveManifest => ({
        format: 'orbit-export/1',
        account: { id: row.accountId, accountNumber: String(owner?.accountNumber ?? '') },
        createdAt: startedAt.toISOString(),
        files,
        services: statuses,
        partial: missing.length > 0,
      }),
    );
    const readyAt = clock.now();
    const expiresAt = new Date(readyAt.getTime() + DATA_EXPORT_KEEP_DAYS * DAY_MS);
    const done = await db
      .update(dataExports)
      .set({ status: 'ready', readyAt, expiresAt, bytes, missing, stepsDone: total, step: null })
      .where(and(eq(dataExports.id, exportId), eq(dataExports.status, 'building')))
      .returning({ id: dataExports.id });
    if (done.length > 0) await tellOwner(row.accountId, expiresAt);
  }

  /** Runs one build job: at least once, so a build that finished (or failed for good) is left alone. */
  const build: JobHandler<DataExportJob> = async (job, { signal }) => {
    const [row] = await db.select().from(dataExports).where(eq(dataExports.id, job.payload.exportId));
    if (!row || (row.status !== 'queued' && row.status !== 'building')) return;
    const last = job.attempts >= job.maxAttempts;
    try {
      await assemble(row, last, signal);
    } catch (error) {
      // The queue tries again, unless this was the last try: then the build failed (and doesn't count).
      if (last) await fail(row.id, error);
      throw error;
    }
  };

  return {
    view,
    build,

    /**
     * Starts an export: refused with 429 `data_export.too_soon` (`details.nextExportAt`) within a week of the
     * last one that didn't fail. Records `account.exported` in the security log, in the same transaction.
     */
    async request(accountId: string, origin: RequestOrigin): Promise<DataExportView> {
      return db.transaction(async (tx) => {
        // Two requests of one account wait for each other here, so only one passes the weekly rule.
        await tx
          .select({ id: accounts.id })
          .from(accounts)
          .where(eq(accounts.id, accountId))
          .for('no key update');
        const next = await nextExportAt(accountId, tx);
        if (next) {
          const seconds = Math.max(1, Math.ceil((next.getTime() - clock.now().getTime()) / 1000));
          const { code, status } = DATA_EXPORT_ERRORS.dataExportTooSoon;
          throw new AppError(
            status,
            code,
            `One export every ${DATA_EXPORT_INTERVAL_DAYS} days: the next can be requested at ${next.toISOString()}.`,
            { nextExportAt: next.toISOString() },
            { 'Retry-After': String(seconds) },
          );
        }
        const [row] = await tx
          .insert(dataExports)
          .values({ accountId, status: 'queued', createdAt: clock.now() })
          .returning();
        const jobId = await deps.queue.enqueue(
          DATA_EXPORT_QUEUE,
          { exportId: row!.id } satisfies DataExportJob,
          {
            tx,
            maxAttempts: BUILD_ATTEMPTS,
          },
        );
        await tx.update(dataExports).set({ jobId }).where(eq(dataExports.id, row!.id));
        await deps.securityLog.record(
          { accountId, type: 'account.exported', ...origin, details: { exportId: row!.id } },
          tx,
        );
        return view(row!);
      });
    },

    /** The account's latest exports, newest first, and when it may request the next. */
    async list(accountId: string): Promise<DataExportsAnswer> {
      const rows = await db
        .select()
        .from(dataExports)
        .where(eq(dataExports.accountId, accountId))
        .orderBy(desc(dataExports.createdAt))
        .limit(LISTED);
      const next = await nextExportAt(accountId);
      const now = clock.now();
      return { exports: rows.map((row) => view(row, now)), nextExportAt: next?.toISOString() ?? null };
    },

    /** A new download link for a ready archive; the earlier one stops working. */
    async link(accountId: string, exportId: string): Promise<DataExportLink> {
      const row = await ready(accountId, exportId);
      const token = randomToken();
      await db
        .update(dataExports)
        .set({ linkHash: sha256(token) })
        .where(eq(dataExports.id, row.id));
      return {
        url: `/api/me/exports/${row.id}/download?token=${token}`,
        expiresAt: row.expiresAt.toISOString(),
      };
    },

    /**
     * The archive behind a link: the owner's (404 otherwise), ready (410 once expired, 409 before), and the link's
     * token the latest one (403 `data_export.link_invalid`). Streamed from its chunks, one at a time.
     */
    async download(
      accountId: string,
      exportId: string,
      token: string | undefined,
    ): Promise<{ bytes: number; createdAt: Date; body: ReadableStream<Uint8Array> }> {
      const row = await ready(accountId, exportId);
      if (!token || !row.linkHash || !sameSecret(sha256(token), row.linkHash)) {
        throw DATA_EXPORT_ERRORS.dataExportLinkInvalid.error();
      }
      let seq = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const [chunk] = await db
            .select({ data: archiveChunks.data })
            .from(archiveChunks)
            .where(and(eq(archiveChunks.exportId, row.id), eq(archiveChunks.seq, seq)));
          seq += 1;
          if (chunk) controller.enqueue(new Uint8Array(chunk.data));
          else controller.close();
        },
      });
      return { bytes: row.bytes ?? 0, createdAt: row.createdAt, body };
    },

    /**
     * Drops the archives whose week is over (their exports stay, `expired`), and fails the builds whose job ended
     * without finishing them (a worker that died on the last try). The number of exports it changed.
     */
    async sweep(): Promise<number> {
      const now = clock.now();
      const expired = await db
        .update(dataExports)
        .set({ status: 'expired', linkHash: null })
        .where(and(eq(dataExports.status, 'ready'), lte(dataExports.expiresAt, now)))
        .returning({ id: dataExports.id });
      const orphaned = await db
        .select({ id: dataExports.id })
        .from(dataExports)
        .where(
          and(
            inArray(dataExports.status, ['queued', 'building']),
            notExists(
              db
                .select({ id: jobs.id })
                .from(jobs)
                .where(and(eq(jobs.id, dataExports.jobId), inArray(jobs.state, ['pending', 'running']))),
            ),
          ),
        );
      for (const { id } of expired) await dropArchive(id);
      for (const { id } of orphaned)
        await fail(id, new Error('The build job ended without finishing the export.'));
      return expired.length + orphaned.length;
    },
  };
}

export type DataExports = ReturnType<typeof createDataExports>;
