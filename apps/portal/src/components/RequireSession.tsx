import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { signInPathFor } from '../lib/return-to';
import { useSession } from '../session/context';
import { FormError } from './FormError';
import { Loading } from './Loading';

/**
 * Shows its children only to a signed-in reader. Without a session it goes to sign-in, asking to come back
 * here afterwards — except right after signing out here, when it just goes to sign-in.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { state, reload } = useSession();
  const location = useLocation();

  switch (state.status) {
    case 'loading':
      return <Loading />;
    case 'error':
      return (
        <div className="page-narrow">
          <FormError error={state.error} />
          <button type="button" className="button" onClick={reload}>
            {t('app.retry')}
          </button>
        </div>
      );
    case 'signed-out':
      return (
        <Navigate
          replace
          to={state.reason === 'signed-out' ? '/signin' : signInPathFor(location.pathname + location.search)}
        />
      );
    case 'signed-in':
      return children;
  }
}
