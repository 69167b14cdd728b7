import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type NotificationPreferencesView, notifications } from '../../api/notifications';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { PageTitle } from '../../components/PageTitle';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import {
  changedCategories,
  isClock,
  isHubCategory,
  type PreferenceRow,
  preferenceRows,
} from '../../notifications/notifications';
import { useSession } from '../../session/context';

/** How many recent items are read for the categories the reader has had (the most one page holds). */
const SEEN_ITEMS = 50;
const NIGHT = { start: '22:00', end: '08:00' };
/** An hour as the preferences write it: `08:00`. */
const clockOf = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

interface Loaded {
  preferences: NotificationPreferencesView;
  seen: string[];
}

/**
 * `/notifications/preferences` (the hub's notification emails link here): a matrix of categories × channels (in
 * the bell, by email) for the categories the reader has had or set before, plus friends and membership; security
 * and payment are always on, shown checked and disabled with a note. Then quiet hours, in the account's time zone,
 * and the daily digest (off unless turned on).
 */
export function PreferencesPage() {
  const { t } = useTranslation();
  const { account } = useSession();
  const load = useLoad(async (): Promise<Loaded> => {
    const [preferences, recent] = await Promise.all([
      notifications.preferences(),
      notifications.list({ limit: SEEN_ITEMS }),
    ]);
    return { preferences, seen: recent.items.map((item) => item.category) };
  }, account?.id ?? '');

  return (
    <div className="page-wide notifications-page" data-testid="notification-preferences-page">
      <PageTitle page={t('notifications.preferences.title')} />
      <header className="friends-header">
        <h1>{t('notifications.preferences.title')}</h1>
        <Link to="/notifications" className="friends-privacy-link" data-testid="preferences-back">
          {t('notifications.preferences.back')}
        </Link>
      </header>
      {load.state.status === 'loading' && <Loading label={t('notifications.preferences.loading')} />}
      {load.state.status === 'error' && (
        <div className="launcher-problem">
          <FormError error={load.state.error} />
          <button type="button" className="button" onClick={load.retry}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {load.state.status === 'ready' && (
        <PreferencesForm
          loaded={load.state.value}
          onSaved={(preferences) => {
            if (load.state.status === 'ready') load.set({ ...load.state.value, preferences });
          }}
        />
      )}
    </div>
  );
}

function PreferencesForm({
  loaded,
  onSaved,
}: {
  loaded: Loaded;
  onSaved: (preferences: NotificationPreferencesView) => void;
}) {
  const { t } = useTranslation();
  const { preferences } = loaded;
  const [rows, setRows] = useState<PreferenceRow[]>(() => preferenceRows(preferences, loaded.seen));
  const [quiet, setQuiet] = useState(preferences.quietHours !== null);
  const [start, setStart] = useState(preferences.quietHours?.start ?? NIGHT.start);
  const [end, setEnd] = useState(preferences.quietHours?.end ?? NIGHT.end);
  const [digest, setDigest] = useState(preferences.digest);
  const [saved, setSaved] = useState(false);
  const [invalid, setInvalid] = useState(false);
  const startId = useId();
  const endId = useId();
  const save = useAction(notifications.updatePreferences);

  const label = (category: string) =>
    isHubCategory(category) ? t(`notifications.preferences.categories.${category}`) : category;

  const toggle = (category: string, channel: 'inApp' | 'email', on: boolean) => {
    setSaved(false);
    setRows((current) => current.map((r) => (r.category === category ? { ...r, [channel]: on } : r)));
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const quietHours = quiet ? { start, end } : null;
    if (quietHours && (!isClock(start) || !isClock(end) || start === end)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    const result = await save.run({
      categories: changedCategories(preferences, rows),
      quietHours,
      ...(digest !== preferences.digest ? { digest } : {}),
    });
    if (!result.ok) return;
    onSaved(result.value);
    setSaved(true);
  };

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="notification-preferences">
      <section className="card account-section">
        <h2>{t('notifications.preferences.title')}</h2>
        <p className="section-intro">{t('notifications.preferences.intro')}</p>
        <FormError error={save.error} />
        <table className="preferences-matrix">
          <thead>
            <tr>
              <th scope="col">{t('notifications.preferences.category')}</th>
              <th scope="col">{t('notifications.preferences.inApp')}</th>
              <th scope="col">{t('notifications.preferences.email')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.category}
                data-testid="preference-row"
                data-category={row.category}
                data-critical={row.critical ? 'true' : 'false'}
              >
                <th scope="row">
                  {label(row.category)}
                  {row.critical && (
                    <span className="preferences-always">{t('notifications.preferences.alwaysOn')}</span>
                  )}
                </th>
                {(['inApp', 'email'] as const).map((channel) => (
                  <td key={channel}>
                    <input
                      type="checkbox"
                      checked={row[channel]}
                      disabled={row.critical}
                      data-testid={`preference-${channel}`}
                      aria-label={t('notifications.preferences.toggleLabel', {
                        category: label(row.category),
                        channel: t(`notifications.preferences.${channel}`),
                      })}
                      onChange={(event) => toggle(row.category, channel, event.target.checked)}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="friends-note" data-testid="preferences-critical-note">
          {t('notifications.preferences.criticalNote')}
        </p>
      </section>

      <section className="card account-section">
        <h2>{t('notifications.preferences.quietTitle')}</h2>
        <p className="section-intro">{t('notifications.preferences.quietIntro')}</p>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={quiet}
            data-testid="quiet-hours-on"
            onChange={(event) => {
              setQuiet(event.target.checked);
              setSaved(false);
            }}
          />
          {t('notifications.preferences.quietOn')}
        </label>
        <div className="quiet-hours">
          <div className="field">
            <label htmlFor={startId}>{t('notifications.preferences.quietStart')}</label>
            <input
              id={startId}
              type="time"
              value={start}
              disabled={!quiet}
              data-testid="quiet-hours-start"
              onChange={(event) => {
                setStart(event.target.value);
                setSaved(false);
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={endId}>{t('notifications.preferences.quietEnd')}</label>
            <input
              id={endId}
              type="time"
              value={end}
              disabled={!quiet}
              data-testid="quiet-hours-end"
              onChange={(event) => {
                setEnd(event.target.value);
                setSaved(false);
              }}
            />
          </div>
        </div>
        {invalid && (
          <p className="field-error" role="alert" data-testid="quiet-hours-invalid">
            {t('notifications.preferences.quietInvalid')}
          </p>
        )}
        <p className="field-hint" data-testid="quiet-hours-zone">
          {t('notifications.preferences.quietZone', { zone: preferences.timeZone })}{' '}
          <Link to="/account/profile#language">{t('notifications.preferences.quietZoneLink')}</Link>
        </p>
      </section>

      <section className="card account-section">
        <h2>{t('notifications.preferences.digestTitle')}</h2>
        <p className="section-intro">
          {t('notifications.preferences.digestIntro', { hour: clockOf(preferences.digestHour) })}
        </p>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={digest}
            data-testid="digest-on"
            onChange={(event) => {
              setDigest(event.target.checked);
              setSaved(false);
            }}
          />
          {t('notifications.preferences.digestOn')}
        </label>
      </section>

      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          data-testid="preferences-save"
          disabled={save.pending}
        >
          {save.pending ? t('notifications.preferences.saving') : t('notifications.preferences.save')}
        </button>
        <div role="status" className="form-status">
          {saved && (
            <span className="saved" data-testid="preferences-saved">
              {t('notifications.preferences.saved')}
            </span>
          )}
        </div>
      </div>
    </form>
  );
}
