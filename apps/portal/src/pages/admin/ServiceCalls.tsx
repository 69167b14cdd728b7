import type { CallGrantView } from '@orbit/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serviceCallsApi } from '../../api/service-calls';
import type { AdminService } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { type CallGrantLine, callGrantLines, withGrant } from './service-calls';

/** The console's badge colours: approved as enabled, revoked as disabled, pending muted. */
const STATUS_BADGES = {
  approved: 'badge-enabled',
  pending: 'badge-muted',
  revoked: 'badge-disabled',
} as const;

type Load = { status: 'loading' } | { status: 'ready' } | { status: 'error'; error: unknown };

/**
 * The services page's section on calls between services (docs/services.md, "Calling another service"): every
 * grant a manifest asked for, where it stands, and Approve / Revoke (a revocation is confirmed first; both may
 * ask for the staff passkey step-up).
 */
export function ServiceCalls({ services }: { services: readonly AdminService[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const [grants, setGrants] = useState<CallGrantView[]>([]);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [confirming, setConfirming] = useState<CallGrantLine | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  const [failed, setFailed] = useState<{ key: string; error: unknown } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const inFlight = useRef(false);

  useEffect(() => {
    void attempt; // asks again on "Try again"
    let cancelled = false;
    setLoad({ status: 'loading' });
    serviceCallsApi.list().then(
      (list) => {
        if (cancelled) return;
        setGrants(list);
        setLoad({ status: 'ready' });
      },
      (error: unknown) => {
        if (!cancelled) setLoad({ status: 'error', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  async function decide(line: CallGrantLine) {
    if (inFlight.current) return;
    inFlight.current = true;
    setConfirming(null);
    setRunning(line.key);
    setFailed(null);
    setDone(null);
    const { caller, target, scope } = line.grant;
    try {
      const decided = await serviceCallsApi[line.action]({ caller, target, scope });
      setGrants((current) => withGrant(current, decided));
      setDone(
        t(line.action === 'approve' ? 'serviceCalls.doneApproved' : 'serviceCalls.doneRevoked', {
          caller: line.callerName,
          scope,
        }),
      );
    } catch (error) {
      setFailed({ key: line.key, error });
    } finally {
      inFlight.current = false;
      setRunning(null);
    }
  }

  const lines = callGrantLines(grants, services, language);
  return (
    <section
      className="card admin-service-calls"
      data-testid="admin-service-calls"
      aria-labelledby="calls-title"
    >
      <h2 id="calls-title">{t('serviceCalls.title')}</h2>
      <p className="card-intro">{t('serviceCalls.intro')}</p>
      <div role="status" className="form-status">
        {done && <span className="saved">{done}</span>}
      </div>
      {load.status === 'loading' && <Loading label={t('serviceCalls.loading')} />}
      {load.status === 'error' && (
        <div className="launcher-problem">
          <FormError error={load.error} />
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {load.status === 'ready' && lines.length === 0 && <p>{t('serviceCalls.empty')}</p>}
      {load.status === 'ready' && lines.length > 0 && (
        <table className="console-table">
          <thead>
            <tr>
              <th scope="col">{t('serviceCalls.caller')}</th>
              <th scope="col">{t('serviceCalls.target')}</th>
              <th scope="col">{t('serviceCalls.scope')}</th>
              <th scope="col">{t('serviceCalls.status')}</th>
              <th scope="col">{t('serviceCalls.action')}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.key} data-testid={`service-call-${line.key.replace(/[ :]/g, '-')}`}>
                <td>{line.callerName}</td>
                <td>{line.targetName}</td>
                <td>
                  <code>{line.grant.scope}</code>
                  {line.description && <div className="field-hint">{line.description}</div>}
                  {!line.grant.offered && (
                    <div className="field-hint">
                      {t('serviceCalls.notOffered', { target: line.targetName })}
                    </div>
                  )}
                  {failed?.key === line.key && <FormError error={failed.error} />}
                </td>
                <td>
                  <span
                    className={`badge ${STATUS_BADGES[line.grant.status]}`}
                    data-status={line.grant.status}
                  >
                    {t(`serviceCalls.statuses.${line.grant.status}`)}
                  </span>
                </td>
                <td>
                  <button
                    type="button"
                    className={line.action === 'revoke' ? 'button button-danger' : 'button'}
                    aria-label={t(
                      line.action === 'revoke' ? 'serviceCalls.revokeLabel' : 'serviceCalls.approveLabel',
                      { caller: line.callerName, scope: line.grant.scope },
                    )}
                    aria-disabled={running !== null}
                    onClick={() => {
                      if (running !== null) return;
                      if (line.action === 'revoke') setConfirming(line);
                      else void decide(line);
                    }}
                  >
                    {running === line.key
                      ? t('serviceCalls.working')
                      : t(line.action === 'revoke' ? 'serviceCalls.revoke' : 'serviceCalls.approve')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('serviceCalls.confirmRevokeTitle')}
          confirmLabel={t('serviceCalls.confirmRevokeOk')}
          danger
          onConfirm={() => void decide(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>
            {t('serviceCalls.confirmRevokeBody', {
              caller: confirming.callerName,
              target: confirming.targetName,
              scope: confirming.grant.scope,
            })}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
