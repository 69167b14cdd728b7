import { LanguageSwitcher } from '@orbit/ui/language-switcher';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { formatBytes, usedPercent } from '../lib/format';
import { hubUrl } from '../lib/links';
import { MailMark } from './icons';
import { BadgePills } from './PersonBadges';

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
                <BadgePills vipLevel={me.membership.vipLevel} activityLevel={me.membership.activityLevel} />
              </span>
              <span className="header-account" data-testid="user-account">
                {t('header.account', { number: me.user.accountNumber })}
              </span>
            </div>
            <StorageBar
              usedBytes={me.quota.usedBytes}
              limitBytes={me.quota.limitBytes}
              raised={me.membership.raised.quota}
            />
          </>
        )}
        <LanguageSwitcher label={t('header.language')} />
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

function StorageBar({
  usedBytes,
  limitBytes,
  raised,
}: {
  usedBytes: number;
  limitBytes: number;
  /** The membership raised the quota: say so beside it. */
  raised: boolean;
}) {
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
        {raised && (
          <span className="vip-pill vip-hint" data-testid="quota-raised" title={t('header.storageRaised')}>
            {t('badges.raised')}
            <span className="visually-hidden"> {t('header.storageRaised')}</span>
          </span>
        )}
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
