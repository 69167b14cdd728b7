import { useTranslation } from 'react-i18next';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { GrowthPoint } from '../../api/membership-types';

/** `2026-05-01` → "May 1" / "5月1日", read as the calendar day it names (no time zone shift). */
function dayLabel(day: string, language: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(language, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, date)),
  );
}

/** The account's growth total per local day, as an area; the day's change in the tooltip. Colours come from CSS. */
export default function GrowthChart({ points }: { points: GrowthPoint[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return (
    <div className="growth-chart-area">
      <ResponsiveContainer width="100%" height={220}>
        <AreaChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} className="growth-grid" />
          <XAxis
            dataKey="day"
            tickFormatter={(day: string) => dayLabel(day, language)}
            minTickGap={24}
            tickLine={false}
            className="growth-axis"
          />
          <YAxis width={48} allowDecimals={false} tickLine={false} axisLine={false} className="growth-axis" />
          <Tooltip
            contentStyle={{
              background: 'var(--surface)',
              border: '1px solid var(--border)',
              borderRadius: 8,
              color: 'var(--text)',
            }}
            labelFormatter={(day) => dayLabel(String(day), language)}
            formatter={(value, _name, item) => {
              const delta = (item.payload as GrowthPoint).delta;
              return [`${value} (${delta >= 0 ? '+' : ''}${delta})`, t('membership.growth.chartTotal')];
            }}
          />
          <Area type="monotone" dataKey="total" className="growth-area" isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
