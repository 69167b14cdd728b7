import { useTranslation } from 'react-i18next';
import { activityIcons } from '../membership/badges';

/** The four icons, drawn inline so they look the same on every system (emoji fonts differ or are missing). */
const ICONS = {
  crown: (
    <>
      <path d="M1.5 4.5 5 7.6 8 2.2l3 5.4 3.5-3.1-1.2 7.7H2.7Z" fill="#e0a100" />
      <rect x="2.7" y="12.8" width="10.6" height="1.7" rx="0.5" fill="#b8860b" />
    </>
  ),
  sun: (
    <>
      <circle cx="8" cy="8" r="3.4" fill="#f28c28" />
      <path
        d="M8 .8v2.4M8 12.8v2.4M.8 8h2.4M12.8 8h2.4M2.9 2.9l1.7 1.7M11.4 11.4l1.7 1.7M2.9 13.1l1.7-1.7M11.4 4.6l1.7-1.7"
        stroke="#f28c28"
        strokeWidth="1.5"
        strokeLinecap="round"
      />
    </>
  ),
  moon: <path d="M10.4 1.2a6.9 6.9 0 1 0 4.4 11.2A5.6 5.6 0 0 1 10.4 1.2Z" fill="#5b7fd6" />,
  star: (
    <path
      d="m8 1.2 2 4.4 4.8.5-3.6 3.3 1 4.8L8 11.8l-4.2 2.4 1-4.8L1.2 6.1 6 5.6Z"
      fill="#f5b301"
      stroke="#d49a00"
      strokeWidth="0.6"
      strokeLinejoin="round"
    />
  ),
} as const;

type IconName = keyof typeof ICONS;

/**
 * The activity level as QQ shows it: crowns, suns, moons and stars (the level in base 4). Nothing for level 0.
 * One image to assistive technology, named by its level.
 */
export function ActivityBadge({
  level,
  size = 'sm',
  testId,
}: {
  level: number;
  size?: 'sm' | 'lg';
  testId?: string;
}) {
  const { t } = useTranslation();
  if (level <= 0) return null;
  const { crowns, suns, moons, stars } = activityIcons(level);
  const icons: IconName[] = [
    ...Array<IconName>(crowns).fill('crown'),
    ...Array<IconName>(suns).fill('sun'),
    ...Array<IconName>(moons).fill('moon'),
    ...Array<IconName>(stars).fill('star'),
  ];
  const label = t('membership.badges.activityLabel', { level });
  return (
    <span
      className={`activity-badge activity-badge-${size}`}
      role="img"
      aria-label={label}
      title={label}
      data-testid={testId}
      data-level={level}
    >
      {icons.map((icon, index) => (
        // The order is fixed by the level: the index is the icon's identity.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <svg key={index} className="activity-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          {ICONS[icon]}
        </svg>
      ))}
    </span>
  );
}
