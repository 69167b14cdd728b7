import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { Loading } from '../components/Loading';
import { PageTitle } from '../components/PageTitle';
import { ServiceGrid } from '../launcher/ServiceGrid';
import { useSession } from '../session/context';

/** `/`: the launcher of every Orbit service when signed in, sign-in otherwise. */
export function HomePage() {
  const { t } = useTranslation();
  const { state } = useSession();
  const headingId = useId();
  if (state.status === 'loading') return <Loading />;
  if (state.status !== 'signed-in') return <Navigate to="/signin" replace />;

  return (
    <div className="page-wide">
      <PageTitle page={t('home.pageTitle')} />
      <header className="home-header">
        <h1 data-testid="home-greeting">{t('home.greeting', { name: state.account.displayName })}</h1>
        <p className="card-intro">{t('home.intro')}</p>
      </header>
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
