import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/space';
import type { Compose, Settings, ThemeId } from '../api/types';
import { useAudienceLabel } from '../components/AudiencePicker';
import { LockIcon } from '../components/icons';
import { ErrorState, Loading } from '../components/States';
import { useApp } from '../lib/app-context';
import { themeClass } from '../lib/themes';
import { useErrorText } from '../lib/use-error-text';

/**
 * The space's theme (locked ones say VIP and link to the hub's membership page) and who new posts go to by
 * default.
 */
export function SettingsPage() {
  const { t } = useTranslation();
  const { hubUrl, notify } = useApp();
  const describe = useErrorText();
  const audienceLabel = useAudienceLabel();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [compose, setCompose] = useState<Compose | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    document.title = t('app.pageTitle', { page: t('settings.title') });
  }, [t]);
  const load = useCallback(() => {
    setError(null);
    api.settings().then(setSettings, setError);
    api.compose().then(setCompose, () => undefined);
  }, []);
  useEffect(load, [load]);

  async function choose(theme: ThemeId) {
    try {
      const answer = await api.setTheme(theme);
      setSettings((old) => (old ? { ...old, theme: answer.theme } : old));
      notify(t('settings.saved'));
    } catch (caught) {
      notify(describe(caught), 'error');
    }
  }

  if (error) return <ErrorState error={error} retry={load} />;
  if (!settings) return <Loading />;
  const membershipUrl = new URL('/account/membership', hubUrl).href;
  return (
    <>
      <h1 className="page-title">{t('settings.title')}</h1>
      <section className="card stack" aria-labelledby="theme-title">
        <h2 id="theme-title">{t('settings.theme')}</h2>
        <p className="muted small">{t('settings.themeHint')}</p>
        <ul className="theme-grid" data-testid="themes">
          {settings.themes.map((theme) => {
            const name = t(`settings.themes.${theme.id}`);
            const current = settings.theme === theme.id;
            return (
              <li
                key={theme.id}
                className={`theme-choice ${themeClass(theme.id)}${current ? ' theme-current' : ''}`}
              >
                <span className="theme-swatch" aria-hidden="true" />
                <strong>{name}</strong>
                {current ? (
                  <span className="tag tag-accent">{t('settings.current')}</span>
                ) : theme.available ? (
                  <button type="button" className="button" onClick={() => void choose(theme.id)}>
                    {t('settings.choose', { name })}
                  </button>
                ) : (
                  <a className="tag tag-vip" href={membershipUrl} title={t('settings.lockedHint')}>
                    <LockIcon /> {t('settings.locked')}
                  </a>
                )}
              </li>
            );
          })}
        </ul>
        {settings.themes.some((theme) => !theme.available) && (
          <p className="small">
            {t('settings.lockedHint')} <a href={membershipUrl}>{t('settings.membership')}</a>
          </p>
        )}
      </section>
      {compose && (
        <section className="card stack" aria-labelledby="audience-title">
          <h2 id="audience-title">{t('settings.audienceTitle')}</h2>
          <p>
            {t('settings.audienceText', { audience: audienceLabel(compose.defaultAudience, compose.groups) })}
          </p>
        </section>
      )}
    </>
  );
}
