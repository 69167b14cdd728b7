import { ApiError } from '@orbit/ui/api';
import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/orbit';
import type { Interaction } from '../api/types';
import { AuthCard } from '../components/AuthCard';
import { FormError } from '../components/FormError';
import { Loading } from '../components/Loading';
import { ScopeList } from '../components/ScopeList';
import { useAction } from '../lib/use-action';
import { useSession } from '../session/context';

type Load = 'loading' | 'expired' | { interaction: Interaction } | { error: unknown };

const isExpired = (error: unknown) => error instanceof ApiError && error.code === 'interaction.not_found';

/**
 * `/consent?interaction=…`: an application asks to use the account. The hub keeps the request (the
 * "interaction"); this page shows what is asked and sends the answer, then follows the hub's `redirectTo` —
 * usually back to the application, on its own origin. Rendered only when signed in.
 */
export function ConsentPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const id = params.get('interaction') ?? '';
  const { account } = useSession();
  const [load, setLoad] = useState<Load>('loading');
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<boolean | null>(null);
  const [leaving, setLeaving] = useState(false);
  const send = useAction(api.answerConsent);

  useEffect(() => {
    void attempt; // asks again when the reader retries
    if (!id) return;
    let cancelled = false;
    setLoad('loading');
    api.getInteraction(id).then(
      (interaction) => !cancelled && setLoad({ interaction }),
      (error: unknown) => !cancelled && setLoad(isExpired(error) ? 'expired' : { error }),
    );
    return () => {
      cancelled = true;
    };
  }, [id, attempt]);

  if (!id || load === 'expired' || isExpired(send.error)) {
    return (
      <AuthCard title={t('consent.expiredTitle')}>
        <p className="alert alert-error" role="alert" data-testid="consent-expired">
          {t('consent.expiredBody')}
        </p>
        <Link className="button" to="/">
          {t('notFound.home')}
        </Link>
      </AuthCard>
    );
  }

  if (load === 'loading') {
    return (
      <AuthCard title={t('consent.pageTitle')}>
        <Loading label={t('consent.loading')} />
      </AuthCard>
    );
  }

  if ('error' in load) {
    return (
      <AuthCard title={t('consent.pageTitle')}>
        <FormError error={load.error} />
        <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
          {t('app.retry')}
        </button>
      </AuthCard>
    );
  }

  const { client, scopes } = load.interaction;
  const busy = send.pending || leaving;

  const reply = async (approve: boolean) => {
    setAnswer(approve);
    const result = await send.run(id, approve);
    if (!result.ok) return;
    setLeaving(true);
    // The hub's answer: back to the application (another origin) or on to the hub's next step.
    window.location.assign(result.value);
  };

  return (
    <AuthCard
      title={t('consent.pageTitle')}
      heading={
        <Trans
          i18nKey="consent.heading"
          values={{ client: client.name }}
          components={{ client: <strong className="consent-client" data-testid="consent-client" /> }}
        />
      }
      intro={
        account &&
        t('consent.signedInAs', { name: account.displayName, accountNumber: account.accountNumber })
      }
    >
      <div className="consent-scopes">
        <p className="consent-asks">{t('consent.asks')}</p>
        <ScopeList scopes={scopes} testId="consent-scopes" />
      </div>
      <p className="consent-return">
        <Trans
          i18nKey="consent.returnsTo"
          values={{ origin: client.redirectOrigin }}
          components={{ origin: <span className="consent-origin" data-testid="consent-origin" /> }}
        />
      </p>
      <FormError error={send.error} />
      <div className="consent-actions">
        <button
          type="button"
          className="button"
          data-testid="consent-deny"
          disabled={busy}
          onClick={() => reply(false)}
        >
          {busy && answer === false ? t('consent.denying') : t('consent.deny')}
        </button>
        <button
          type="button"
          className="button button-primary"
          data-testid="consent-allow"
          disabled={busy}
          onClick={() => reply(true)}
        >
          {busy && answer === true ? t('consent.allowing') : t('consent.allow')}
        </button>
      </div>
      <p className="card-footer">{t('consent.revokeLater')}</p>
    </AuthCard>
  );
}
