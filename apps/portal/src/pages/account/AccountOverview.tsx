import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { membership } from '../../api/membership';
import { api } from '../../api/orbit';
import { TierBadge } from '../../components/TierBadge';
import { useLoad } from '../../lib/use-load';
import { useMyLevels } from '../../membership/levels-store';
import { isLive } from '../../membership/status';
import { useAccountCenter } from './context';
import { type AccountSection, type Attention, attentionItems, sectionPath } from './sections';

/**
 * `/account`: what needs the owner's attention (no passkey yet, an address to add or confirm, recovery codes
 * running low), each with a link to where it is fixed, and a card for every section with how it stands.
 */
export function AccountOverview() {
  const { t } = useTranslation();
  const { account, security } = useAccountCenter();
  const overview = security.status === 'ready' ? security.overview : null;
  const items = attentionItems(account, overview);
  const sessions = useLoad(api.listSessions, account.id);
  const memberships = useLoad(membership.mine, account.id);
  const consents = useLoad(api.listConsents, account.id);
  const levels = useMyLevels(account.id);
  const live = memberships.state.status === 'ready' ? memberships.state.value.filter(isLive) : [];

  return (
    <>
      <section className="card account-section" aria-labelledby="account-attention-title">
        <h2 id="account-attention-title">{t('accountCenter.overview.attentionTitle')}</h2>
        {items.length === 0 ? (
          <p className="section-intro" data-testid="account-attention-none">
            {security.status === 'loading' ? null : t('accountCenter.overview.allGood')}
          </p>
        ) : (
          <ul className="attention-list">
            {items.map((item) => (
              <AttentionRow key={item.kind} item={item} />
            ))}
          </ul>
        )}
      </section>

      <h2 className="visually-hidden">{t('accountCenter.overview.sectionsTitle')}</h2>
      <div className="overview-cards">
        <OverviewCard section="profile">
          {account.pendingEmail
            ? t('accountCenter.overview.emailPending', { email: account.pendingEmail })
            : !account.email
              ? t('accountCenter.overview.emailNone')
              : account.emailVerified
                ? t('accountCenter.overview.emailVerified', { email: account.email })
                : t('accountCenter.overview.emailPending', { email: account.email })}
        </OverviewCard>
        <OverviewCard section="security">
          {overview &&
            (overview.passkeyProtection
              ? t('accountCenter.overview.passkeysOn', { count: overview.passkeys.length })
              : t('accountCenter.overview.passkeysOff'))}
        </OverviewCard>
        <OverviewCard section="sessions">
          {sessions.state.status === 'ready' &&
            t('accountCenter.overview.sessions', { count: sessions.state.value.length })}
        </OverviewCard>
        <OverviewCard section="apps">
          {consents.state.status === 'ready' &&
            (consents.state.value.length === 0
              ? t('accountCenter.overview.appsNone')
              : t('accountCenter.overview.apps', { count: consents.state.value.length }))}
        </OverviewCard>
        <OverviewCard section="privacy">
          {levels &&
            (levels.showBadges
              ? t('accountCenter.overview.badgesShown')
              : t('accountCenter.overview.badgesHidden'))}
        </OverviewCard>
        <OverviewCard section="membership">
          {memberships.state.status === 'ready' &&
            (live.length > 0 ? (
              <span className="badge-row" data-testid="account-memberships">
                {live.map((subscription) => (
                  <TierBadge key={subscription.id} tier={subscription.tier} />
                ))}
              </span>
            ) : (
              t('accountCenter.overview.membershipNone')
            ))}
        </OverviewCard>
      </div>
    </>
  );
}

const ATTENTION_TEXT = {
  'no-passkey': ['accountCenter.overview.noPasskey', 'accountCenter.overview.noPasskeyAction'],
  'no-email': ['accountCenter.overview.noEmail', 'accountCenter.overview.noEmailAction'],
  'email-unverified': [
    'accountCenter.overview.emailUnverified',
    'accountCenter.overview.emailUnverifiedAction',
  ],
  'recovery-codes-low': ['accountCenter.overview.recoveryLow', 'accountCenter.overview.recoveryAction'],
} as const;

function AttentionRow({ item }: { item: Attention }) {
  const { t } = useTranslation();
  const [text, action] = ATTENTION_TEXT[item.kind];
  const message =
    item.kind === 'recovery-codes-low' && item.count === 0
      ? t('accountCenter.overview.recoveryNone')
      : t(text, { email: item.email ?? '', count: item.count ?? 0 });
  return (
    <li className="attention-row" data-testid="account-attention" data-kind={item.kind}>
      <span className="attention-mark" aria-hidden="true">
        !
      </span>
      <span className="attention-text">{message}</span>
      <Link to={item.to} className="button" data-testid={`account-attention-${item.kind}`}>
        {t(action)}
      </Link>
    </li>
  );
}

/** One section's card: its name, what it holds, how it stands now, and the way in. */
function OverviewCard({ section, children }: { section: AccountSection; children?: ReactNode }) {
  const { t } = useTranslation();
  const headingId = `overview-${section}`;
  return (
    <section
      className="card overview-card"
      aria-labelledby={headingId}
      data-testid={`account-card-${section}`}
    >
      <h3 id={headingId}>
        <Link to={sectionPath(section)} className="overview-card-link">
          {t(`accountCenter.nav.${section}`)}
        </Link>
      </h3>
      <p className="section-intro">{t(`accountCenter.intro.${section}`)}</p>
      {children && <p className="overview-card-status">{children}</p>}
    </section>
  );
}
