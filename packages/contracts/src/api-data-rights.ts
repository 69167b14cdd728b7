/**
 * The account's data rights in the portal (issue 19, point 5; docs/data-rights.md): exports of everything the hub
 * and every service hold (`/api/me/exports`). The hub's `data-export` module implements them.
 */
import { z } from 'zod';
import {
  DATA_EXPORT_INTERVAL_DAYS,
  dataExportDownloadQuery,
  dataExportLink,
  dataExportsAnswer,
  dataExportView,
} from './data-rights.js';
import { endpoint } from './endpoint.js';

const tags = ['data-rights'];
const idParam = z.object({ id: z.string().meta({ format: 'uuid' }) });

export const dataRightsApi = {
  listExports: endpoint({
    method: 'get',
    path: '/api/me/exports',
    summary: 'The account’s data exports with their progress, and when the next may be requested',
    tags,
    auth: 'session',
    responses: { 200: dataExportsAnswer },
  }),
  requestExport: endpoint({
    method: 'post',
    path: '/api/me/exports',
    summary: `Start building an archive of the account’s data in the hub and every service (one in ${DATA_EXPORT_INTERVAL_DAYS} days)`,
    tags,
    auth: 'session',
    stepUp: true,
    responses: { 202: dataExportView },
  }),
  exportLink: endpoint({
    method: 'post',
    path: '/api/me/exports/:id/link',
    summary: 'A download link for a ready archive (an earlier link stops working)',
    tags,
    auth: 'session',
    stepUp: true,
    params: idParam,
    responses: { 200: dataExportLink },
  }),
  download: endpoint({
    method: 'get',
    path: '/api/me/exports/:id/download',
    summary: 'Download a ready archive (the link’s token and the owner’s session)',
    tags,
    auth: 'session',
    params: idParam,
    query: dataExportDownloadQuery,
    responses: {
      200: {
        description: 'The archive: JSON and CSV files, the files themselves, and manifest.json.',
        type: 'application/zip',
        headers: { 'Content-Disposition': 'attachment; filename="orbit-export-<account number>.zip"' },
      },
    },
  }),
};
