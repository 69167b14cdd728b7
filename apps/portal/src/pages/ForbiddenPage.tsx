import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../components/PageTitle';

/** What a signed-in account that is not an admin sees on an admin page. */
export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <div className="page-narrow message-page" data-testid="forbidden">
      <PageTitle page={t('admin.forbidden.pageTitle')} />
      <h1>{t('admin.forbidden.title')}</h1>
      <p>{t('admin.forbidden.body')}</p>
      <Link className="button" to="/">
        {t('admin.forbidden.home')}
      </Link>
    </div>
  );
}
