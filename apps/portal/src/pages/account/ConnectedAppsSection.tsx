import { ApiError } from '@orbit/ui/api';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/orbit';
import type { Consent } from '../../api/types';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { ScopeList } from '../../components/ScopeList';
import { formatDateTime } from '../../i18n/dates';
import { useAction } from '../../lib/use-action';
import { Section } from './Section';

/**
 * The applications the account allowed (OpenID Connect consents). Revoking one signs that application out, and
 * it asks for permission again next time.
 */
export function ConnectedAppsSection() {
  const { t } = useTranslation();
  const [consents, setConsents] = useState<Consent[] | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const load = useAction(api.listConsents);
  const revoke = useAction(api.revokeConsent);
  const { run: runLoad } = load;

  useEffect(() => {
    let cancelled = false;
    void runLoad().then((result) => {
      if (result.ok && !cancelled) setConsents(result.value);
    });
    return () => {
      cancelled = true;
    };
  }, [runLoad]);

  const revokeApp = async (consent: Consent) => {
    setRevoked(null);
    setRevoking(consent.clientId);
    const result = await revoke.run(consent.clientId);
    setRevoking(null);
    // Already gone (revoked in another tab): the list just catches up.
    const gone = !result.ok && result.error instanceof ApiError && result.error.status === 404;
    if (!result.ok && !gone) return;
    if (gone) revoke.reset();
    setConsents((list) => list?.filter((c) => c.clientId !== consent.clientId) ?? null);
    setRevoked(consent.clientName);
  };

  return (
    <Section title={t('account.apps.title')} intro={t('account.apps.intro')} id="connected-apps">
      <FormError error={revoke.error ?? load.error} />
      <div role="status" className="form-status">
        {revoked && (
          <span className="saved" data-testid="consent-revoked">
            {t('account.apps.revoked', { app: revoked })}
          </span>
        )}
      </div>
      {consents === null ? (
        load.pending && <Loading label={t('account.apps.loading')} />
      ) : consents.length === 0 ? (
        <p data-testid="consents-empty">{t('account.apps.empty')}</p>
      ) : (
        <ul className="session-list">
          {consents.map((consent) => (
            <ConsentRow
              key={consent.clientId}
              consent={consent}
              revoking={revoking === consent.clientId}
              disabled={revoking !== null}
              onRevoke={() => revokeApp(consent)}
            />
          ))}
        </ul>
      )}
    </Section>
  );
}

interface ConsentRowProps {
  consent: Consent;
  revoking: boolean;
  disabled: boolean;
  onRevoke: () => void;
}

function ConsentRow({ consent, revoking, disabled, onRevoke }: ConsentRowProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return (
    <li className="session-row" data-testid="consent-row" data-client-id={consent.clientId}>
      <div className="session-main">
        <p className="session-device">{consent.clientName}</p>
        <dl className="app-facts">
          <div>
            <dt>{t('account.apps.granted')}</dt>
            <dd>
              <time dateTime={consent.grantedAt}>{formatDateTime(consent.grantedAt, language)}</time>
            </dd>
          </div>
          <div>
            <dt>{t('account.apps.access')}</dt>
            <dd>
              <ScopeList scopes={consent.scopes} />
            </dd>
          </div>
        </dl>
      </div>
      <button
        type="button"
        className="button button-danger"
        data-testid="consent-revoke"
        aria-label={t('account.apps.revokeLabel', { app: consent.clientName })}
        disabled={disabled}
        onClick={onRevoke}
      >
        {revoking ? t('account.apps.revoking') : t('account.apps.revoke')}
      </button>
    </li>
  );
}
