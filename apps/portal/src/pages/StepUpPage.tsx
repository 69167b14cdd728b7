import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { api } from '../api/orbit';
import { AuthCard } from '../components/AuthCard';
import { FormError } from '../components/FormError';
import { Loading } from '../components/Loading';
import { interactionIdOf } from '../lib/interaction';
import { safeReturnTo, signInPathFor, withQueryParameter } from '../lib/return-to';
import { useAction } from '../lib/use-action';
import { AddPasskeyForm } from '../passkeys/AddPasskeyForm';
import { stepUpWithPasskey } from '../passkeys/ceremonies';
import { isAborted } from '../passkeys/ceremony-error';
import { RecoveryCodesDialog } from '../passkeys/RecoveryCodesDialog';
import { useSecurityOverview } from '../passkeys/use-security';
import { useSession } from '../session/context';

/** The name of the application waiting on this step-up, once known; null when it can't be told. */
function useAskingApplication(destination: string, signedIn: boolean): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    const id = interactionIdOf(destination);
    if (!signedIn || !id) return;
    let live = true;
    api.getInteraction(id).then(
      (interaction) => live && setName(interaction.client.name),
      () => undefined, // the generic wording stays; the hub says more if the request has expired
    );
    return () => {
      live = false;
    };
  }, [destination, signedIn]);
  return name;
}

/**
 * `/signin/step-up?return_to=…`: an application asked for a passkey sign-in (`acr_values=urn:orbit:acr:passkey`)
 * and this session has no fresh passkey assertion. The reader confirms with a passkey, then the browser goes on
 * to `return_to` (the hub's authorization endpoint) with a full page load. A reader without a passkey may add
 * one here first (the first one needs no step-up), or cancel: the hub then answers the application
 * `unmet_authentication_requirements`.
 */
export function StepUpPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const destination = safeReturnTo(params.get('return_to'));
  const session = useSession();
  const signedIn = session.state.status === 'signed-in';
  const security = useSecurityOverview(signedIn);
  const application = useAskingApplication(destination, signedIn);
  const stepUp = useAction(stepUpWithPasskey);
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [leaving, setLeaving] = useState(false);

  const go = (path: string) => {
    setLeaving(true);
    window.location.assign(path);
  };

  switch (session.state.status) {
    case 'loading':
      return (
        <AuthCard title={t('stepUpPage.title')}>
          <Loading />
        </AuthCard>
      );
    case 'error':
      return (
        <AuthCard title={t('stepUpPage.title')}>
          <FormError error={session.state.error} />
          <button type="button" className="button" onClick={session.reload}>
            {t('app.retry')}
          </button>
        </AuthCard>
      );
    case 'signed-out':
      // Signing in goes straight on to the hub, which sends the reader back here if it still wants a passkey.
      return <Navigate to={signInPathFor(destination)} replace />;
  }

  if (security.state.status !== 'ready') {
    return (
      <AuthCard title={t('stepUpPage.title')}>
        {security.state.status === 'loading' ? (
          <Loading />
        ) : (
          <>
            <FormError error={security.state.error} />
            <button type="button" className="button" onClick={security.reload}>
              {t('app.retry')}
            </button>
          </>
        )}
      </AuthCard>
    );
  }

  const hasPasskey = added || security.state.overview.passkeys.length > 0;
  const account = session.state.account;

  const confirm = async () => {
    const result = await stepUp.run();
    if (result.ok) go(destination);
  };

  const cancel = (
    <button
      type="button"
      className="link-button"
      data-testid="stepup-page-cancel"
      disabled={leaving || stepUp.pending}
      onClick={() => go(withQueryParameter(destination, 'step_up', 'cancel'))}
    >
      {t('stepUpPage.cancel')}
    </button>
  );

  const codesDialog = codes && (
    <RecoveryCodesDialog codes={codes} accountNumber={account.accountNumber} onDone={() => setCodes(null)} />
  );

  if (hasPasskey) {
    return (
      <AuthCard
        title={t('stepUpPage.title')}
        intro={application ? t('stepUpPage.introNamed', { name: application }) : t('stepUpPage.intro')}
      >
        <div className="second-factor" data-testid="stepup-page" data-state="confirm">
          {added && (
            <p className="alert alert-success" role="status" data-testid="stepup-page-added">
              {t('stepUpPage.added')}
            </p>
          )}
          <FormError error={isAborted(stepUp.error) ? null : stepUp.error} />
          <button
            type="button"
            className="button button-primary"
            data-testid="stepup-page-confirm"
            disabled={leaving || stepUp.pending}
            onClick={confirm}
          >
            {leaving
              ? t('signin.continuing')
              : stepUp.pending
                ? t('stepUp.waiting')
                : t('stepUpPage.confirm')}
          </button>
          {cancel}
        </div>
        {codesDialog}
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title={t('stepUpPage.noPasskeyTitle')}
      intro={
        application
          ? t('stepUpPage.noPasskeyIntroNamed', { name: application })
          : t('stepUpPage.noPasskeyIntro')
      }
    >
      <div className="second-factor" data-testid="stepup-page" data-state="enroll">
        {adding ? (
          <AddPasskeyForm
            onAdded={({ recoveryCodes }) => {
              if (recoveryCodes?.length) setCodes(recoveryCodes);
              setAdding(false);
              setAdded(true);
              security.reload();
            }}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <button
            type="button"
            className="button button-primary"
            data-testid="stepup-page-add"
            disabled={leaving}
            onClick={() => setAdding(true)}
          >
            {t('stepUpPage.add')}
          </button>
        )}
        {cancel}
      </div>
      {codesDialog}
    </AuthCard>
  );
}
