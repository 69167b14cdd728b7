import { GENDERS, type Gender } from '@orbit/contracts';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/orbit';
import type { Account } from '../../api/types';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/TextField';
import { useErrorText } from '../../i18n/use-error-text';
import { useAction } from '../../lib/use-action';
import { useSession } from '../../session/context';
import { AvatarEditor } from './AvatarEditor';
import { EmailState } from './EmailState';
import { Section } from './Section';

const BIO_MAX = 280;
const LOCATION_MAX = 60;

export function ProfileSection({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { fields } = useErrorText();
  const { updateAccount } = useSession();
  const [displayName, setDisplayName] = useState(account.displayName);
  const [bio, setBio] = useState(account.bio);
  const [email, setEmail] = useState(account.email ?? '');
  const [birthday, setBirthday] = useState(account.birthday ?? '');
  const [location, setLocation] = useState(account.location);
  const [gender, setGender] = useState<Gender | ''>(account.gender ?? '');
  const birthdayId = useId();
  const genderId = useId();
  // A birthday can't be in the future (the hub checks too).
  const today = new Date().toISOString().slice(0, 10);
  const [saved, setSaved] = useState(false);
  const save = useAction(api.updateProfile);
  const problems = fields(save.error);

  const edit = (set: (value: string) => void) => (value: string) => {
    set(value);
    setSaved(false);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const trimmedEmail = email.trim();
    const result = await save.run({
      displayName: displayName.trim(),
      bio,
      email: trimmedEmail || null,
      birthday: birthday || null,
      location: location.trim(),
      gender: gender || null,
    });
    if (!result.ok) return;
    const updated = result.value;
    updateAccount(updated);
    setDisplayName(updated.displayName);
    setBio(updated.bio);
    setEmail(updated.email ?? '');
    setBirthday(updated.birthday ?? '');
    setLocation(updated.location);
    setGender(updated.gender ?? '');
    setSaved(true);
  };

  return (
    <Section title={t('account.profile.title')} intro={t('account.profile.intro')} id="email">
      <AvatarEditor account={account} />
      <form className="form" onSubmit={submit} noValidate>
        <FormError error={save.error} />
        <TextField
          label={t('account.profile.displayName')}
          name="displayName"
          testId="profile-display-name"
          value={displayName}
          onChange={edit(setDisplayName)}
          error={problems.displayName}
          autoComplete="nickname"
          maxLength={64}
        />
        <TextField
          label={t('account.profile.bio')}
          name="bio"
          testId="profile-bio"
          value={bio}
          onChange={edit(setBio)}
          error={problems.bio}
          maxLength={BIO_MAX}
          multiline
          optional
          footer={
            <span className="field-count" aria-hidden="true">
              {t('account.profile.bioCount', { used: bio.length, max: BIO_MAX })}
            </span>
          }
        />
        <div className={problems.birthday ? 'field field-invalid' : 'field'}>
          <label htmlFor={birthdayId}>
            {t('profile.account.birthday')}
            <span className="field-optional">{t('form.optional')}</span>
          </label>
          <input
            id={birthdayId}
            type="date"
            name="birthday"
            min="1900-01-01"
            max={today}
            value={birthday}
            data-testid="profile-birthday"
            autoComplete="bday"
            aria-invalid={problems.birthday ? true : undefined}
            onChange={(event) => edit(setBirthday)(event.target.value)}
          />
          {problems.birthday && <p className="field-error">{problems.birthday}</p>}
        </div>
        <TextField
          label={t('profile.account.location')}
          name="location"
          testId="profile-location"
          value={location}
          onChange={edit(setLocation)}
          hint={t('profile.account.locationHint')}
          error={problems.location}
          maxLength={LOCATION_MAX}
          optional
        />
        <div className={problems.gender ? 'field field-invalid' : 'field'}>
          <label htmlFor={genderId}>
            {t('profile.account.gender')}
            <span className="field-optional">{t('form.optional')}</span>
          </label>
          <select
            id={genderId}
            className="select"
            name="gender"
            value={gender}
            data-testid="profile-gender"
            onChange={(event) => {
              const next = GENDERS.find((g) => g === event.target.value);
              setGender(next ?? '');
              setSaved(false);
            }}
          >
            <option value="">{t('profile.account.genderNone')}</option>
            {GENDERS.map((g) => (
              <option key={g} value={g}>
                {t(`profile.gender.${g}`)}
              </option>
            ))}
          </select>
          {problems.gender && <p className="field-error">{problems.gender}</p>}
        </div>
        <TextField
          label={t('account.profile.email')}
          name="email"
          type="email"
          testId="profile-email"
          value={email}
          onChange={edit(setEmail)}
          hint={t('account.profile.emailHint')}
          error={problems.email}
          autoComplete="email"
          maxLength={254}
          optional
        />
        <EmailState account={account} />
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            data-testid="profile-save"
            disabled={save.pending}
          >
            {save.pending ? t('account.profile.saving') : t('account.profile.save')}
          </button>
          <div role="status" className="form-status">
            {saved && (
              <span className="saved" data-testid="profile-saved">
                {t('account.profile.saved')}
              </span>
            )}
          </div>
        </div>
      </form>
    </Section>
  );
}
