import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { membership } from '../../api/membership';
import type { Levels } from '../../api/membership-types';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { VipBadge } from '../../components/VipBadge';
import { useLoad } from '../../lib/use-load';
import { Section } from '../account/Section';

/** recharts is large: it loads only when the chart is shown. */
const GrowthChart = lazy(() => import('./GrowthChart'));

/** Days of growth the chart shows. */
const CHART_DAYS = 90;

/** Growth points, the VIP level they reach with the way to the next, and the chart of the last 90 days. */
export function GrowthSection({ levels, version }: { levels: Levels; version: number }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'en');
  const { growth } = levels;
  const points = useLoad(() => membership.growth(CHART_DAYS), String(version));
  const next = growth.nextLevel;

  return (
    <Section title={t('membership.growth.title')} intro={t('membership.growth.intro')}>
      <dl className="level-facts">
        <div>
          <dt>{t('membership.growth.total')}</dt>
          <dd className="level-number" data-testid="growth-total">
            {number.format(growth.total)}
          </dd>
          <dd className="level-sub">
            {growth.ratePerDay > 0
              ? t('membership.growth.rate', { rate: growth.ratePerDay })
              : t('membership.growth.noRate')}
          </dd>
        </div>
        <div>
          <dt>{t('membership.growth.level')}</dt>
          <dd className="level-number" data-testid="growth-vip-level" data-level={growth.vipLevel}>
            {growth.vipLevel > 0 ? <VipBadge level={growth.vipLevel} /> : '—'}
          </dd>
          {!growth.member && growth.total > 0 && (
            <dd className="level-sub">{t('membership.growth.notMember', { level: growth.level })}</dd>
          )}
        </div>
      </dl>
      {next ? (
        <div className="level-progress">
          <progress
            value={Math.min(growth.total, next.minGrowth)}
            max={next.minGrowth}
            aria-describedby="growth-next"
          />
          <p id="growth-next" className="level-sub" data-testid="growth-next">
            {t('membership.growth.next', {
              points: number.format(Math.max(0, next.minGrowth - growth.total)),
              level: next.level,
            })}
          </p>
        </div>
      ) : (
        <p className="level-sub">{t('membership.growth.top')}</p>
      )}
      <figure className="growth-chart" data-testid="growth-chart">
        <figcaption>{t('membership.growth.chart', { days: CHART_DAYS })}</figcaption>
        {points.state.status === 'loading' && <Loading label={t('membership.growth.chartLoading')} />}
        {points.state.status === 'error' && <FormError error={points.state.error} />}
        {points.state.status === 'ready' &&
          (points.state.value.every((point) => point.total === 0) ? (
            <p className="membership-note">{t('membership.growth.chartEmpty')}</p>
          ) : (
            <Suspense fallback={<Loading label={t('membership.growth.chartLoading')} />}>
              <GrowthChart points={points.state.value} />
            </Suspense>
          ))}
      </figure>
    </Section>
  );
}
