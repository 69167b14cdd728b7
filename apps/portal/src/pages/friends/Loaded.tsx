import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import type { Load } from '../../lib/use-load';

/** `children(value)` once `load` is ready; meanwhile a spinner, or its error with "Try again". */
export function Loaded<T>({
  load,
  retry,
  label,
  children,
}: {
  load: Load<T>;
  retry: () => void;
  label?: string;
  children: (value: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (load.status === 'error') {
    return (
      <div className="launcher-problem">
        <FormError error={load.error} />
        <button type="button" className="button" onClick={retry}>
          {t('app.retry')}
        </button>
      </div>
    );
  }
  if (load.status === 'loading') return <Loading label={label ?? t('friends.loading')} />;
  return <>{children(load.value)}</>;
}
