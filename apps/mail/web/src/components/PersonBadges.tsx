import { useTranslation } from 'react-i18next';
import { activityIcons } from '../lib/badges';
import { useBadges } from '../mailbox/use-badges';

/** Another account's badges beside its name, once known (nothing while loading or when it shows none). */
export function PersonBadges({ sub }: { sub: string }) {
  const badges = useBadges(sub);
  return badges ? <BadgePills vipLevel={badges.vipLevel} activityLevel={badges.activityLevel} /> : null;
}

const ICONS = [
  ['crowns', '♛'],
  ['suns', '☀'],
  ['moons', '☾'],
  ['stars', '★'],
] as const;

/** A small "VIP3" pill while a member, and the activity level as crowns, suns, moons and stars. */
export function BadgePills({ vipLevel, activityLevel }: { vipLevel: number; activityLevel: number }) {
  const { t } = useTranslation();
  if (vipLevel <= 0 && activityLevel <= 0) return null;
  const icons = activityIcons(activityLevel);
  const activity = ICONS.map(([kind, glyph]) => glyph.repeat(icons[kind])).join('');
  return (
    <span className="person-badges" data-testid="person-badges">
      {vipLevel > 0 && (
        <span className="vip-pill" title={t('badges.vipLevel', { level: vipLevel })}>
          {t('badges.vip', { level: vipLevel })}
        </span>
      )}
      {activityLevel > 0 && (
        <span
          className="activity-icons"
          role="img"
          aria-label={t('badges.activityLevel', { level: activityLevel })}
          title={t('badges.activityLevel', { level: activityLevel })}
        >
          {activity}
        </span>
      )}
    </span>
  );
}
