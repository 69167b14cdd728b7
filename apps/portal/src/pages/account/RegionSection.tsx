import { chooseLanguage, DEFAULT_LANGUAGE, isLanguage, LANGUAGE_NAMES, LANGUAGES } from '@orbit/ui/i18n';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { membership } from '../../api/membership';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { useAction } from '../../lib/use-action';
import { refreshMyLevels, useMyLevels } from '../../membership/levels-store';
import { browserTimeZone, initialTimeZone, timeZoneChoices } from '../../membership/time-zones';
import { Section } from './Section';

/**
 * The language Orbit speaks to the account (pages at once; mail through the top bar's listener, which saves it as
 * the account's language) and its time zone (where its days start, for growth and activity).
 */
export function RegionSection({ accountId }: { accountId: string }) {
  const { t, i18n } = useTranslation();
  const languageId = useId();
  const levels = useMyLevels(accountId);
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;

  return (
    <Section title={t('accountCenter.region.title')} intro={t('accountCenter.region.intro')} id="language">
      <div className="form">
        <div className="field">
          <label htmlFor={languageId}>{t('accountCenter.region.language')}</label>
          <select
            id={languageId}
            className="select"
            data-testid="region-language"
            value={language}
            aria-describedby={`${languageId}-hint`}
            onChange={(event) => {
              if (isLanguage(event.target.value)) chooseLanguage(i18n, event.target.value);
            }}
          >
            {LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
          <p id={`${languageId}-hint`} className="field-hint">
            {t('accountCenter.region.languageHint')}
          </p>
        </div>
      </div>
      {levels ? (
        <TimeZoneForm accountId={accountId} saved={levels.timeZone} />
      ) : (
        <Loading label={t('accountCenter.region.loading')} />
      )}
    </Section>
  );
}

function TimeZoneForm({ accountId, saved }: { accountId: string; saved: string }) {
  const { t } = useTranslation();
  const zoneId = useId();
  const initial = useMemo(() => initialTimeZone(saved, browserTimeZone()), [saved]);
  const [zone, setZone] = useState(initial.zone);
  const [done, setDone] = useState(false);
  const zones = useMemo(() => timeZoneChoices(zone, Intl.supportedValuesOf('timeZone')), [zone]);
  const save = useAction(membership.updatePreferences);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    const result = await save.run({ timeZone: zone });
    if (!result.ok) return;
    setDone(true);
    await refreshMyLevels(accountId);
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <FormError error={save.error} />
      <div className="field">
        <label htmlFor={zoneId}>{t('accountCenter.region.timeZone')}</label>
        <select
          id={zoneId}
          className="select"
          value={zone}
          data-testid="region-time-zone"
          aria-describedby={`${zoneId}-hint`}
          onChange={(event) => {
            setZone(event.target.value);
            setDone(false);
          }}
        >
          {zones.map((name) => (
            <option key={name} value={name}>
              {name.replace(/_/g, ' ')}
            </option>
          ))}
        </select>
        <p id={`${zoneId}-hint`} className="field-hint">
          {initial.suggested && zone === initial.zone
            ? t('membership.preferences.browserZone')
            : t('accountCenter.region.timeZoneHint')}
        </p>
      </div>
      <div className="form-actions">
        <button type="submit" className="button" data-testid="region-save" disabled={save.pending}>
          {save.pending ? t('accountCenter.region.saving') : t('accountCenter.region.save')}
        </button>
        <div role="status" className="form-status">
          {done && (
            <span className="saved" data-testid="region-saved">
              {t('accountCenter.region.saved')}
            </span>
          )}
        </div>
      </div>
    </form>
  );
}
