import { ApiError } from '@orbit/ui/api';
import { useTranslation } from 'react-i18next';
import { AdminError } from '../accounts/AdminError';

/** The refusals of the clients console in its own words; anything else as the console shows errors. */
export function ClientError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const key = error instanceof ApiError ? `adminClients.errors.${error.code}` : '';
  if (key && i18n.exists(key)) {
    return (
      <div
        role="alert"
        className="alert alert-error"
        data-testid="form-error"
        data-code={(error as ApiError).code}
      >
        {(t as unknown as (k: string) => string)(key)}
      </div>
    );
  }
  return <AdminError error={error} />;
}
