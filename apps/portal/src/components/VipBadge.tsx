import { useTranslation } from 'react-i18next';
import { textColorOn } from '../membership/badges';

/** VIP gold: the default VIP tier's colour, for a level shown without its tier. */
const VIP_GOLD = '#e0a100';

/**
 * The VIP level as a pill (`VIP3`), VIP gold unless a tier's badge colour is given, with text that reads on it.
 * Nothing for level 0 (not a member). The level is platform-wide, so the portal shows it in gold everywhere.
 */
export function VipBadge({
  level,
  tierColor = VIP_GOLD,
  testId,
}: {
  level: number;
  tierColor?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (level <= 0) return null;
  return (
    <span
      className="vip-badge"
      style={{ background: tierColor, color: textColorOn(tierColor) }}
      title={t('membership.badges.vipLabel', { level })}
      data-testid={testId}
      data-level={level}
    >
      <span aria-hidden="true">{t('membership.badges.vip', { level })}</span>
      <span className="visually-hidden">{t('membership.badges.vipLabel', { level })}</span>
    </span>
  );
}
