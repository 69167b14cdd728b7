import { DEFAULT_AUDIENCES, FIELD_VISIBILITIES } from '@orbit/contracts';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type FieldVisibility, type PrivacyView, privacy } from '../../api/privacy';
import { FormError } from '../../components/FormError';
import { Loading } from '../../components/Loading';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import { PRIVACY_FIELD_ORDER, privacyPatch, profilePath } from '../../profile/profile';
import { Section } from './Section';

/**
 * "Who sees my profile" (`GET/PATCH /api/social/privacy`): everyone, friends or only the owner for each field of
 * the public profile (`/u/<number>`), and who new posts in the services are for unless chosen per post. Linked
 * from the profile itself ("This is how others see your profile").
 */
export function ProfileVisibilitySection({
  accountId,
  accountNumber,
}: {
  accountId: string;
  accountNumber: string;
}) {
  const { t } = useTranslation();
  const settings = useLoad(privacy.settings, accountId);
  return (
    <Section title={t('profile.privacy.title')} intro={t('profile.privacy.intro')} id="profile-visibility">
      {settings.state.status === 'ready' ? (
        <VisibilityForm saved={settings.state.value} onSaved={settings.set} />
      ) : settings.state.status === 'error' ? (
        <div className="launcher-problem">
          <FormError error={settings.state.error} />
          <button type="button" className="button" onClick={settings.retry}>
            {t('app.retry')}
          </button>
        </div>
      ) : (
        <Loading label={t('profile.privacy.loading')} />
      )}
      <Link
        to={profilePath(accountNumber)}
        className="friends-privacy-link"
        data-testid="privacy-view-profile"
      >
        {t('profile.privacy.viewProfile')}
      </Link>
    </Section>
  );
}

function VisibilityForm({ saved, onSaved }: { saved: PrivacyView; onSaved: (view: PrivacyView) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<PrivacyView>(saved);
  const [done, setDone] = useState(false);
  const audienceId = useId();
  const baseId = useId();
  const save = useAction(privacy.update);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    const patch = privacyPatch(saved, form);
    if (!patch) {
      setDone(true);
      return;
    }
    const result = await save.run(patch);
    if (!result.ok) return;
    onSaved(result.value);
    setForm(result.value);
    setDone(true);
  };

  const choose = (value: string): FieldVisibility | undefined => FIELD_VISIBILITIES.find((v) => v === value);

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="profile-visibility-form">
      <FormError error={save.error} />
      <div className="visibility-grid">
        {PRIVACY_FIELD_ORDER.map((field) => (
          <div key={field} className="field visibility-field">
            <label htmlFor={`${baseId}-${field}`}>{t(`profile.privacy.fields.${field}`)}</label>
            <select
              id={`${baseId}-${field}`}
              className="select"
              value={form.fields[field]}
              data-testid={`visibility-${field}`}
              onChange={(event) => {
                const next = choose(event.target.value);
                if (!next) return;
                setForm((current) => ({ ...current, fields: { ...current.fields, [field]: next } }));
                setDone(false);
              }}
            >
              {FIELD_VISIBILITIES.map((v) => (
                <option key={v} value={v}>
                  {t(`profile.privacy.visibility.${v}`)}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <div className="field">
        <label htmlFor={audienceId}>{t('profile.privacy.audience')}</label>
        <select
          id={audienceId}
          className="select"
          value={form.defaultAudience}
          data-testid="visibility-default-audience"
          aria-describedby={`${audienceId}-hint`}
          onChange={(event) => {
            const next = DEFAULT_AUDIENCES.find((a) => a === event.target.value);
            if (!next) return;
            setForm((current) => ({ ...current, defaultAudience: next }));
            setDone(false);
          }}
        >
          {DEFAULT_AUDIENCES.map((a) => (
            <option key={a} value={a}>
              {t(`profile.privacy.visibility.${a}`)}
            </option>
          ))}
        </select>
        <p id={`${audienceId}-hint`} className="field-hint">
          {t('profile.privacy.audienceHint')}
        </p>
      </div>
      <div className="form-actions">
        <button type="submit" className="button" data-testid="visibility-save" disabled={save.pending}>
          {save.pending ? t('profile.privacy.saving') : t('profile.privacy.save')}
        </button>
        <div role="status" className="form-status">
          {done && (
            <span className="saved" data-testid="visibility-saved">
              {t('profile.privacy.saved')}
            </span>
          )}
        </div>
      </div>
    </form>
  );
}
