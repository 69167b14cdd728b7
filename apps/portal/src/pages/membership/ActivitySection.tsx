import { useTranslation } from 'react-i18next';
import type { Levels } from '../../api/membership-types';
import { ActivityBadge } from '../../components/ActivityBadge';
import { daysForActivityLevel, progress } from '../../membership/badges';
import { Section } from '../account/Section';

/** The activity level drawn as crowns, suns, moons and stars, with the active days and the way to the next. */
export function ActivitySection({ activity }: { activity: Levels['activity'] }) {
  const { t } = useTranslation();
  const { level, activeDays, nextLevelDays } = activity;
  // `nextLevelDays` is what the next level needs in all; what is still missing is shown.
  const missing = Math.max(0, nextLevelDays - activeDays);
  return (
    <Section title={t('membership.activity.title')} intro={t('membership.activity.intro')}>
      <div className="activity-summary" data-testid="activity" data-level={level}>
        {level > 0 ? (
          <>
            <ActivityBadge level={level} size="lg" testId="activity-badge" />
            <span className="level-number">{t('membership.activity.level', { level })}</span>
          </>
        ) : (
          <span className="membership-note">{t('membership.activity.none')}</span>
        )}
      </div>
      <div className="level-progress">
        <progress
          value={progress(activeDays, daysForActivityLevel(level), nextLevelDays)}
          max={1}
          aria-describedby="activity-next"
        />
        <p id="activity-next" className="level-sub">
          <span data-testid="activity-days">{t('membership.activity.days', { count: activeDays })}</span>
          {' · '}
          <span data-testid="activity-next">
            {t('membership.activity.next', { count: missing, level: level + 1 })}
          </span>
        </p>
      </div>
    </Section>
  );
}
