import { type DataExportView, dataRightsApi } from '@orbit/contracts';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { hub } from '../../api/client';
import { FormError } from '../../components/FormError';
import { formatDate } from '../../i18n/dates';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';

/** How often the panel asks how a build is going. */
const POLL_MS = 2000;

/** A size in the reader's language: "840 kB", "12.5 MB". */
function formatSize(bytes: number, language: string): string {
  const [value, unit] = bytes < 1_000_000 ? [bytes / 1000, 'kilobyte'] : [bytes / 1_000_000, 'megabyte'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/** Starts the browser's download of a same-origin URL (its `Content-Disposition` names the file). */
function startDownload(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * The Data section's export (docs/data-rights.md): request an archive of the account's data in the hub and every
 * service (a step-up first when the account has a passkey), watch it being built, download it while it is kept,
 * and see when the next may be requested.
 */
export function ExportPanel({ onRequested }: { onRequested: () => void }) {
  const { t, i18n } = useTranslation();
  const { state: exports, reload } = useLoad(() => hub.call(dataRightsApi.listExports), 'exports');
  const request = useAction(() => hub.call(dataRightsApi.requestExport));
  const link = useAction((id: string) => hub.call(dataRightsApi.exportLink, { params: { id } }));
  const answer = exports.status === 'ready' ? exports.value : undefined;
  const latest = answer?.exports[0];
  const building = latest?.status === 'queued' || latest?.status === 'building';

  // While one builds, ask how it goes every 2 s (only the latest answer is shown).
  useEffect(() => {
    if (!building) return;
    const timer = window.setInterval(() => void reload(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [building, reload]);

  const date = (iso: string) => formatDate(iso, i18n.language);
  const requestExport = async () => {
    if ((await request.run()).ok) {
      onRequested();
      await reload();
    }
  };
  const download = async (id: string) => {
    const result = await link.run(id);
    if (result.ok) startDownload(result.value.url);
  };

  const status = (view: DataExportView) => {
    const on = { date: date(view.createdAt) };
    switch (view.status) {
      case 'queued':
        return <p>{t('dataAccount.export.queued')}</p>;
      case 'building': {
        const step =
          view.progress.step === 'hub' ? t('dataAccount.export.stepHub') : (view.progress.step ?? '');
        return (
          <>
            <progress value={view.progress.done} max={Math.max(view.progress.total, 1)} />
            <p>
              {t('dataAccount.export.building', {
                step,
                done: view.progress.done,
                total: view.progress.total,
              })}
            </p>
          </>
        );
      }
      case 'ready':
        return (
          <>
            <p>
              {t('dataAccount.export.ready', {
                ...on,
                size: formatSize(view.bytes ?? 0, i18n.language),
                expires: date(view.expiresAt ?? view.createdAt),
              })}
            </p>
            {view.partial && (
              <p className="alert alert-warning" data-testid="export-partial">
                {t('dataAccount.export.partial', {
                  services: view.missingServices.map((s) => s.name).join(', '),
                })}
              </p>
            )}
            <button
              type="button"
              className="button"
              data-testid="export-download"
              disabled={link.pending}
              onClick={() => void download(view.id)}
            >
              {link.pending ? t('dataAccount.export.preparing') : t('dataAccount.export.download')}
            </button>
          </>
        );
      case 'failed':
        return <p>{t('dataAccount.export.failed', on)}</p>;
      case 'expired':
        return <p>{t('dataAccount.export.expired', on)}</p>;
    }
  };

  return (
    <div className="security-block security-block-first" id="export">
      <h3>{t('dataAccount.export.title')}</h3>
      <p className="section-intro">{t('dataAccount.export.body')}</p>
      {exports.status === 'loading' && <p>{t('dataAccount.export.loading')}</p>}
      <FormError error={exports.status === 'error' ? exports.error : (request.error ?? link.error)} />
      {latest && (
        <div role="status" data-testid="export-status" data-status={latest.status}>
          {status(latest)}
        </div>
      )}
      {answer && (
        <div className="form-actions">
          <button
            type="button"
            className="button"
            data-testid="account-export"
            disabled={request.pending || building || answer.nextExportAt !== null}
            onClick={() => void requestExport()}
          >
            {request.pending ? t('dataAccount.export.requesting') : t('dataAccount.export.request')}
          </button>
          {answer.nextExportAt && !building && (
            <p className="form-status" data-testid="export-next">
              {t('dataAccount.export.nextAt', { date: date(answer.nextExportAt) })}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
