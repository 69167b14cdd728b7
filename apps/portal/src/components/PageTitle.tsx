import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Sets the document title. It changes the one `<title>` index.html has, rather than rendering a second one for
 * React to hoist into `<head>`: the page then has a title before the app starts and exactly one afterwards.
 */
export function PageTitle({ page }: { page: string }) {
  const { t } = useTranslation();
  const title = t('app.pageTitle', { page });
  useEffect(() => {
    document.title = title;
  }, [title]);
  return null;
}
