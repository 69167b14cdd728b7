import { dataRightsApi, EXPORT_ARCHIVE_TYPE } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { HubEnv } from '../env.js';
import { authOf, requestOrigin, requireSession, requireStepUp } from '../kernel/guards.js';
import type { StepUpCheck } from '../passkeys/index.js';
import { DATA_EXPORT_ERRORS } from './errors.js';
import type { DataExports } from './exports.js';

const uuid = z.uuid();
/** An id that is no uuid names no export: 404, as someone else's does. */
const knownId: MiddlewareHandler<HubEnv> = async function knownId(c, next) {
  if (!uuid.safeParse(c.req.param('id')).success) throw DATA_EXPORT_ERRORS.dataExportNotFound.error();
  await next();
};

const noStore: MiddlewareHandler<HubEnv> = async function noStore(c, next) {
  await next();
  c.header('Cache-Control', 'no-store');
};

/**
 * The account's data exports (`/api/me/exports`): list them with their progress, request one (step-up), get a
 * download link for a ready one (step-up) and download it (the link's token and the owner's session).
 */
export function dataExportRoutes(deps: { exports: DataExports; stepUpCheck: StepUpCheck }) {
  const { exports } = deps;
  const stepUp = requireStepUp(deps.stepUpCheck);
  return endpointRoutes<HubEnv>('/api')
    .on(dataRightsApi.listExports, requireSession, noStore, async (c) =>
      c.json(await exports.list(authOf(c).account.id)),
    )
    .on(dataRightsApi.requestExport, requireSession, stepUp, async (c) =>
      c.json(await exports.request(authOf(c).account.id, requestOrigin(c)), 202),
    )
    .on(dataRightsApi.exportLink, requireSession, stepUp, knownId, noStore, async (c, { params }) =>
      c.json(await exports.link(authOf(c).account.id, params.id)),
    )
    .on(dataRightsApi.download, requireSession, knownId, async (c, { params, query }) => {
      const { account } = authOf(c);
      const archive = await exports.download(account.id, params.id, query.token);
      const day = archive.createdAt.toISOString().slice(0, 10);
      return c.body(archive.body, 200, {
        'Content-Type': EXPORT_ARCHIVE_TYPE,
        'Content-Length': String(archive.bytes),
        'Content-Disposition': `attachment; filename="orbit-export-${account.accountNumber}-${day}.zip"`,
        'Cache-Control': 'no-store',
        // A link in a browser's history or a proxy log is no use without the session, but needn't be sent on.
        'Referrer-Policy': 'no-referrer',
      });
    }).app;
}
