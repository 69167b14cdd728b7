import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { ServiceGrid } from '../launcher/ServiceGrid';
import { RecoveryNoticeBanner } from '../passkeys/RecoveryNoticeBanner';
import { useSecurityOverview } from '../passkeys/use-security';
import { useSession } from '../session/context';

/**
 * `/`: the launcher of every Orbit service when signed in (with a warning when a recovery code was used to sign
 * in), sign-in otherwise — saying so when the reader just deleted their account.
 */
export function HomePage() {
  const { t } = useTranslation();
  const { state } = useSession();
  const [params] = useSearchParams();
  const headingId = useId();
  const security = useSecurityOverview(state.status === 'signed-in');
  if (state.status === 'loading') return <Loading />;
  if (state.status !== 'signed-in') {
    const deleted = params.get('account_deleted') === '1';
    return <Navigate to={deleted ? '/signin?account_deleted=1' : '/signin'} replace />;
  }
  const notice = security.state.status === 'ready' ? security.state.overview.recoveryNotice : null;

  return (
    <div className="page-wide">
      <PageTitle page={t('home.pageTitle')} />
      <header className="home-header">
        <h1 data-testid="home-greeting">{t('home.greeting', { name: state.account.displayName })}</h1>
        <p className="card-intro">{t('home.intro')}</p>
      </header>
      {notice && <RecoveryNoticeBanner notice={notice} onDismissed={security.reload} />}
      <section className="card launcher-section" aria-labelledby={headingId}>
        <div className="launcher-section-head">
          <h2 id={headingId}>{t('launcher.title')}</h2>
          <Link to="/account" className="launcher-account-link">
            {t('home.account')}
          </Link>
        </div>
        <ServiceGrid />
      </section>
    </div>
  );
}
