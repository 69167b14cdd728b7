import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { PageTitle } from '../components/PageTitle';
import { NotFoundPage } from './NotFoundPage';

/** What the router shows when a page throws while rendering. */
export function ErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  return (
    <div className="page-narrow message-page" role="alert">
      <PageTitle page={t('crash.title')} />
      <h1>{t('crash.title')}</h1>
      <p>{t('crash.body')}</p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t('crash.reload')}
      </button>
    </div>
  );
}
