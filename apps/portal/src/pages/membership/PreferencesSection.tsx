import { type FormEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { membership } from '../../api/membership';
import type { Preferences } from '../../api/membership-types';
import { FormError } from '../../components/FormError';
import { useAction } from '../../lib/use-action';
import { browserTimeZone, initialTimeZone, timeZoneChoices } from '../../membership/time-zones';
import { Section } from '../account/Section';

/** The account's time zone (what a day is for growth and activity) and whether services may show its badges. */
export function PreferencesSection({
  timeZone,
  showBadges,
  onSaved,
}: {
  timeZone: string;
  showBadges: boolean;
  onSaved: (saved: Required<Preferences>) => void;
}) {
  const { t } = useTranslation();
  const zoneId = useId();
  const initial = useMemo(() => initialTimeZone(timeZone, browserTimeZone()), [timeZone]);
  const [zone, setZone] = useState(initial.zone);
  const [badges, setBadges] = useState(showBadges);
  const [saved, setSaved] = useState(false);
  const zones = useMemo(() => timeZoneChoices(zone, Intl.supportedValuesOf('timeZone')), [zone]);
  const save = useAction(membership.updatePreferences);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const result = await save.run({ timeZone: zone, showBadges: badges });
    if (!result.ok) return;
    setSaved(true);
    onSaved(result.value);
  };

  return (
    <Section title={t('membership.preferences.title')} intro={t('membership.preferences.intro')}>
      <form className="form" onSubmit={submit} noValidate>
        <FormError error={save.error} />
        <div className="field">
          <label htmlFor={zoneId}>{t('membership.preferences.timeZone')}</label>
          <select
            id={zoneId}
            className="select"
            value={zone}
            onChange={(event) => {
              setZone(event.target.value);
              setSaved(false);
            }}
            data-testid="preferences-time-zone"
            aria-describedby={initial.suggested && zone === initial.zone ? `${zoneId}-hint` : undefined}
          >
            {zones.map((name) => (
              <option key={name} value={name}>
                {name.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
          {initial.suggested && zone === initial.zone && !saved && (
            <p id={`${zoneId}-hint`} className="field-hint" data-testid="preferences-time-zone-suggested">
              {t('membership.preferences.browserZone')}
            </p>
          )}
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={badges}
            onChange={(event) => {
              setBadges(event.target.checked);
              setSaved(false);
            }}
            data-testid="preferences-show-badges"
          />
          {t('membership.preferences.showBadges')}
        </label>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            data-testid="preferences-save"
            disabled={save.pending}
          >
            {save.pending ? t('membership.preferences.saving') : t('membership.preferences.save')}
          </button>
          <div role="status" className="form-status">
            {saved && (
              <span className="saved" data-testid="preferences-saved">
                {t('membership.preferences.saved')}
              </span>
            )}
          </div>
        </div>
      </form>
    </Section>
  );
}
