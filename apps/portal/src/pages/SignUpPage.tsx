import { useEffect, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/orbit';
import type { Account } from '../api/types';
import { AccountForm } from '../components/AccountForm';
import { AuthCard } from '../components/AuthCard';
import { useAction } from '../lib/use-action';
import { useSession } from '../session/context';

export function SignUpPage() {
  const { t } = useTranslation();
  const session = useSession();
  const signUp = useAction(api.signUp);
  const [created, setCreated] = useState<Account | null>(null);

  if (created) return <SignedUp account={created} />;

  return (
    <AuthCard title={t('signup.title')} intro={t('signup.intro')}>
      <AccountForm
        testIdPrefix="signup"
        submitLabel={t('signup.submit')}
        submittingLabel={t('signup.submitting')}
        pending={signUp.pending}
        error={signUp.error}
        onSubmit={async (input) => {
          const result = await signUp.run(input);
          if (result.ok) {
            setCreated(result.value.account);
            session.signedIn(result.value.account);
          }
        }}
      />
      <p className="card-footer">
        {t('signup.haveAccount')} <Link to="/signin">{t('signup.signIn')}</Link>
      </p>
    </AuthCard>
  );
}

/** The new account's number, shown once, large: it is how the reader signs in and is found. */
function SignedUp({ account }: { account: Account }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <AuthCard title={t('signup.doneTitle')} headingRef={heading}>
      <p className="account-number-announcement">
        <Trans
          i18nKey="signup.doneNumber"
          values={{ accountNumber: account.accountNumber }}
          components={{ number: <strong className="big-number" data-testid="signup-account-number" /> }}
        />
      </p>
      <p className="card-intro">{t('signup.doneHint', { handle: account.handle })}</p>
      <button
        type="button"
        className="button button-primary"
        data-testid="signup-continue"
        onClick={() => navigate('/account')}
      >
        {t('signup.continue')}
      </button>
    </AuthCard>
  );
}
