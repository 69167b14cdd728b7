import type { ReactNode } from 'react';
import type { SystemPageKind } from './model';
import { useShellTranslation } from './texts';

export type BusyKind = 'loading' | 'signingIn' | 'toStepUp';

export interface SystemPageProps {
  kind: SystemPageKind;
  /** The service's name, in the page's language. */
  serviceName: string;
  /** The service's mark, shown above the title. */
  icon?: ReactNode;
  /**
   * The page's main action: `signedOut` → sign in (the SDK's login URL), `error` → try again, `serviceDisabled`
   * → the hub, `stepUpCancelled` → confirm with a passkey again. A string is a link, a function a button.
   */
  action?: string | (() => void);
  /** `stepUpCancelled`: where "Back to …" goes (the service's home by default). */
  homeHref?: string;
  /** A more precise explanation than the page's own (e.g. the app's text for the error). */
  detail?: string;
}

/**
 * The pages a service shows instead of itself, in the shell's look and the page's language: signed out,
 * something went wrong, the service turned off, a step-up not done. The SDK's server-rendered pages
 * (`roleRequiredPage`, the sign-in problems) are drawn in the same family.
 */
export function SystemPage({ kind, serviceName, icon, action, homeHref = '/', detail }: SystemPageProps) {
  const { t } = useShellTranslation();
  const texts = (key: string) => t(`pages.${kind}.${key}`, { service: serviceName });
  const label = texts('action');
  return (
    <main className="orbit-system-page" data-testid={`system-${kind}`}>
      <div className="orbit-system-card">
        {icon && <div className="orbit-system-icon">{icon}</div>}
        <h1>{texts('title')}</h1>
        <p>{texts('text')}</p>
        {detail && <p className="alert alert-error">{detail}</p>}
        <div className="orbit-system-actions">
          {typeof action === 'string' && (
            <a className="button button-primary" href={action} data-testid="system-action">
              {label}
            </a>
          )}
          {typeof action === 'function' && (
            <button
              type="button"
              className="button button-primary"
              onClick={action}
              data-testid="system-action"
            >
              {label}
            </button>
          )}
          {kind === 'stepUpCancelled' && (
            <a className="button" href={homeHref}>
              {texts('back')}
            </a>
          )}
        </div>
      </div>
    </main>
  );
}

/** A page that is on its way: loading, signing in, going to confirm with a passkey. */
export function BusyPage({ kind, serviceName }: { kind: BusyKind; serviceName: string }) {
  const { t } = useShellTranslation();
  return (
    <main className="orbit-system-page" data-testid={`system-${kind}`}>
      <p className="orbit-system-brand">{serviceName}</p>
      <p role="status" className="orbit-system-busy">
        <span className="spinner" aria-hidden="true" />
        {t(`pages.${kind}`)}
      </p>
    </main>
  );
}
