import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { chooseLanguage } from '../i18n';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGE_NAMES, LANGUAGES } from '../i18n/languages';
import { formatBytes, usedPercent } from '../lib/format';
import { hubUrl } from '../lib/links';
import { MailMark } from './icons';

/** The bar across the top: the app, who is signed in, storage use, language, the hub and sign-out. */
export function Header({ me, onHome }: { me: Me | null; onHome: () => void }) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <a
        className="brand"
        href="/inbox"
        onClick={(event) => {
          event.preventDefault();
          onHome();
        }}
      >
        <MailMark className="brand-mark" />
        <span>{t('app.name')}</span>
      </a>
      <div className="header-end">
        {me && (
          <>
            <div className="header-user">
              <span className="header-name" data-testid="user-name">
                {me.user.displayName}
              </span>
              <span className="header-account" data-testid="user-account">
                {t('header.account', { number: me.user.accountNumber })}
              </span>
            </div>
            <StorageBar usedBytes={me.quota.usedBytes} limitBytes={me.quota.limitBytes} />
          </>
        )}
        <LanguageSwitch />
        <nav className="header-links">
          <a href={hubUrl()} className="header-link" data-testid="hub-link" title={t('header.hubLabel')}>
            {t('header.hub')}
          </a>
          <a href="/auth/logout" className="header-link" data-testid="signout">
            {t('header.signOut')}
          </a>
        </nav>
      </div>
    </header>
  );
}

function StorageBar({ usedBytes, limitBytes }: { usedBytes: number; limitBytes: number }) {
  const { t } = useTranslation();
  const labelId = useId();
  const percent = usedPercent(usedBytes, limitBytes);
  const text = t('header.storageUsed', { used: formatBytes(usedBytes), limit: formatBytes(limitBytes) });
  const level = percent >= 95 ? 'full' : percent >= 80 ? 'high' : 'ok';
  return (
    <div className="storage" data-testid="quota">
      <span id={labelId} className="storage-text">
        <span className="visually-hidden">{t('header.storage')}: </span>
        {text}
      </span>
      <div
        className={`storage-bar storage-${level}`}
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
        aria-valuetext={text}
      >
        <span className="storage-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;
  return (
    <div className="lang-switch">
      <label htmlFor={id} className="visually-hidden">
        {t('header.language')}
      </label>
      <select
        id={id}
        data-testid="lang-switch"
        value={current}
        onChange={(event) => {
          if (isLanguage(event.target.value)) chooseLanguage(event.target.value);
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </div>
  );
}
