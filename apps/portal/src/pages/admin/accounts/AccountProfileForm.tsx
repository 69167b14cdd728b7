import { LANGUAGE_NAMES, LANGUAGES, type Language } from '@orbit/ui/i18n';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AccountProfilePatch,
  type AdminAccountDetail,
  adminAccounts,
} from '../../../api/admin-accounts';
import { useErrorText } from '../../../i18n/use-error-text';
import { useAction } from '../../../lib/use-action';
import { timeZoneChoices } from '../../../membership/time-zones';
import { ActionDialog } from './ActionDialog';
import { profilePatch } from './profile';

/** The fields staff may edit, as the form holds them. */
export interface ProfileDraft {
  displayName: string;
  handle: string;
  email: string;
  bio: string;
  locale: Language;
  timeZone: string;
}

const supportedZones = (): string[] => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
};

/**
 * Staff editing an account's profile: name, handle, email, bio, language and time zone. Only the fields changed
 * are sent (the hub checks them as it checks the owner's own changes: a taken handle or email is refused), after
 * a confirmation that lists them.
 */
export function AccountProfileForm({
  account,
  onSaved,
  onCancel,
}: {
  account: AdminAccountDetail;
  onSaved: (changed: (keyof AccountProfilePatch)[]) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const initial: ProfileDraft = {
    displayName: account.displayName,
    handle: account.handle,
    email: account.email ?? '',
    bio: account.bio,
    locale: account.locale,
    timeZone: account.timeZone ?? 'UTC',
  };
  const [draft, setDraft] = useState(initial);
  const [confirming, setConfirming] = useState(false);
  const errorText = useErrorText();
  const save = useAction((patch: AccountProfilePatch) => adminAccounts.updateProfile(account.id, patch));
  const zones = useMemo(() => timeZoneChoices(initial.timeZone, supportedZones()), [initial.timeZone]);
  const patch = profilePatch(initial, draft);
  const changed = Object.keys(patch) as (keyof AccountProfilePatch)[];

  const set = <K extends keyof ProfileDraft>(key: K, value: ProfileDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (changed.length > 0) {
      save.reset();
      setConfirming(true);
    }
  };

  const confirm = async () => {
    const result = await save.run(patch);
    if (result.ok) {
      setConfirming(false);
      onSaved(changed);
    } else if (Object.keys(errorText.fields(result.error)).length > 0) {
      // A field the hub refused (a taken handle, a bad address): back to the form, the message beside it.
      setConfirming(false);
    }
  };

  /** The hub's word on one field, once it refused the change (cleared when the next attempt starts). */
  const problem = (key: keyof ProfileDraft): string | undefined =>
    save.error ? errorText.fields(save.error)[key] : undefined;

  /** The props that tie an input to its problem, when it has one. */
  const described = (key: keyof ProfileDraft) =>
    problem(key) ? { 'aria-invalid': true, 'aria-describedby': `admin-profile-${key}-error` } : {};

  const problemText = (key: keyof ProfileDraft) =>
    problem(key) && (
      <p id={`admin-profile-${key}-error`} className="field-error" data-testid={`admin-profile-${key}-error`}>
        {problem(key)}
      </p>
    );

  const field = (key: 'displayName' | 'handle' | 'email', type = 'text', maxLength = 64) => (
    <div className={problem(key) ? 'field field-invalid' : 'field'}>
      <label htmlFor={`admin-profile-${key}`}>{t(`adminAccounts.profile.${key}`)}</label>
      <input
        id={`admin-profile-${key}`}
        type={type}
        value={draft[key]}
        maxLength={maxLength}
        autoComplete="off"
        spellCheck={false}
        data-testid={`admin-profile-${key}`}
        {...described(key)}
        onChange={(event) => set(key, event.target.value)}
      />
      {problemText(key)}
    </div>
  );

  return (
    <section
      className="card account-section"
      aria-labelledby="admin-account-profile"
      data-testid="admin-account-profile"
    >
      <h2 id="admin-account-profile">{t('adminAccounts.profile.title')}</h2>
      <form className="form" onSubmit={submit}>
        {field('displayName')}
        {field('handle', 'text', 32)}
        {field('email', 'email', 254)}
        <div className={problem('bio') ? 'field field-invalid' : 'field'}>
          <label htmlFor="admin-profile-bio">{t('adminAccounts.profile.bio')}</label>
          <textarea
            id="admin-profile-bio"
            value={draft.bio}
            maxLength={280}
            rows={3}
            data-testid="admin-profile-bio"
            {...described('bio')}
            onChange={(event) => set('bio', event.target.value)}
          />
          {problemText('bio')}
        </div>
        <div className="field">
          <label htmlFor="admin-profile-locale">{t('adminAccounts.profile.locale')}</label>
          <select
            id="admin-profile-locale"
            value={draft.locale}
            data-testid="admin-profile-locale"
            onChange={(event) => set('locale', event.target.value as Language)}
          >
            {LANGUAGES.map((language) => (
              <option key={language} value={language}>
                {LANGUAGE_NAMES[language]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="admin-profile-zone">{t('adminAccounts.profile.timeZone')}</label>
          <select
            id="admin-profile-zone"
            value={draft.timeZone}
            data-testid="admin-profile-zone"
            {...described('timeZone')}
            onChange={(event) => set('timeZone', event.target.value)}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
          {problemText('timeZone')}
        </div>
        <div className="form-actions">
          <button type="button" className="button" onClick={onCancel} data-testid="admin-profile-cancel">
            {t('admin.services.confirm.cancel')}
          </button>
          <button
            type="submit"
            className="button button-primary"
            disabled={changed.length === 0}
            data-testid="admin-profile-save"
          >
            {t('adminAccounts.profile.save')}
          </button>
        </div>
      </form>
      {confirming && (
        <ActionDialog
          title={t('adminAccounts.profile.confirmTitle', { name: account.displayName })}
          confirmLabel={t('adminAccounts.profile.save')}
          pendingLabel={t('adminAccounts.profile.saving')}
          pending={save.pending}
          error={save.error}
          onConfirm={confirm}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('adminAccounts.profile.confirmBody')}</p>
          <ul className="console-changes" data-testid="admin-profile-changes">
            {changed.map((key) => (
              <li key={key}>{t(`adminAccounts.profile.${key}`)}</li>
            ))}
          </ul>
        </ActionDialog>
      )}
    </section>
  );
}
