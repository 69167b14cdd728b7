import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/orbit';
import type { Account } from '../api/types';
import { AccountForm } from '../components/AccountForm';
import { AuthCard } from '../components/AuthCard';
import { needsFullPageLoad, safeReturnTo, withReturnTo } from '../lib/return-to';
import { useAction } from '../lib/use-action';
import { useContinueTo } from '../lib/use-continue';
import { mailLocaleOf } from '../session/account-language';
import { useSession } from '../session/context';

/**
 * `/signup?return_to=…`: creates an account and shows its number; "Continue" then goes on to `return_to` (the
 * sign-in page passes it along, so an application's sign-in can go through sign-up), or to the account page.
 */
export function SignUpPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const returnTo = params.get('return_to');
  const destination = safeReturnTo(returnTo);
  const session = useSession();
  const signUp = useAction(api.signUp);
  const [created, setCreated] = useState<Account | null>(null);

  if (created) return <SignedUp account={created} destination={destination} />;

  return (
    <AuthCard title={t('signup.title')} intro={t('signup.intro')}>
      <AccountForm
        testIdPrefix="signup"
        submitLabel={t('signup.submit')}
        submittingLabel={t('signup.submitting')}
        pending={signUp.pending}
        error={signUp.error}
        onSubmit={async (input) => {
          // The language the reader is using is the language of the account's mail.
          const result = await signUp.run({ ...input, locale: mailLocaleOf(i18n.resolvedLanguage) });
          if (result.ok) {
            setCreated(result.value.account);
            session.signedIn(result.value.account);
          }
        }}
      />
      <p className="card-footer">
        {t('signup.haveAccount')}{' '}
        <Link to={returnTo === null ? '/signin' : withReturnTo('/signin', destination)}>
          {t('signup.signIn')}
        </Link>
      </p>
    </AuthCard>
  );
}

/** The new account's number, shown once, large and on its own line: it is how the reader signs in and is found. */
function SignedUp({ account, destination }: { account: Account; destination: string }) {
  const { t } = useTranslation();
  const continueTo = useContinueTo();
  const heading = useRef<HTMLHeadingElement>(null);
  const [leaving, setLeaving] = useState(false);
  const toHub = needsFullPageLoad(destination);
  useEffect(() => heading.current?.focus(), []);

  return (
    <AuthCard title={t('signup.doneTitle')} headingRef={heading}>
      <dl className="account-number-block">
        <dt>{t('signup.doneNumberLabel')}</dt>
        <dd className="big-number" data-testid="signup-account-number">
          {account.accountNumber}
        </dd>
      </dl>
      <p className="card-intro">{t('signup.doneHint', { handle: account.handle })}</p>
      {account.pendingEmail && (
        <p className="card-intro" data-testid="signup-email-sent">
          {t('recovery.signUpSent', { email: account.pendingEmail })}
        </p>
      )}
      <button
        type="button"
        className="button button-primary"
        data-testid="signup-continue"
        disabled={leaving}
        onClick={async () => {
          if (toHub) setLeaving(true);
          await continueTo(destination);
        }}
      >
        {toHub ? t('signup.continueToApp') : t('signup.continue')}
      </button>
    </AuthCard>
  );
}
