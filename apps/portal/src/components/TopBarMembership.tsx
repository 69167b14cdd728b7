import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useMyLevels } from '../membership/levels-store';
import { ActivityBadge } from './ActivityBadge';
import { VipBadge } from './VipBadge';

/**
 * The top bar's way to the Membership page, next to the account's name: its VIP and activity badges when it has
 * a level, else a crown and the word.
 */
export function TopBarMembership({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const levels = useMyLevels(accountId);
  const vip = levels?.growth.vipLevel ?? 0;
  const activity = levels?.activity.level ?? 0;
  const badges = vip > 0 || activity > 0;
  return (
    <NavLink
      to="/account/membership"
      className="button button-quiet topbar-membership"
      data-testid="nav-membership"
      title={t('nav.membership')}
    >
      {badges ? (
        <>
          <span className="visually-hidden">{t('nav.membership')}</span>
          {/* Without a VIP level, a phone (which drops the activity icons) shows the crown instead. */}
          {vip === 0 && <CrownGlyph className="topbar-admin-glyph topbar-membership-glyph" />}
          <VipBadge level={vip} testId="nav-vip-badge" />
          <ActivityBadge level={activity} testId="nav-activity-badge" />
        </>
      ) : (
        <>
          <CrownGlyph className="topbar-admin-glyph" />
          <span className="topbar-admin-label">{t('nav.membership')}</span>
        </>
      )}
    </NavLink>
  );
}

function CrownGlyph({ className }: { className: string }) {
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M3 7.5 7.5 11 12 4l4.5 7L21 7.5 19.3 18H4.7Z"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinejoin="round"
      />
    </svg>
  );
}
