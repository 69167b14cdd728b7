import { FRIEND_REMARK_MAX } from '@orbit/contracts';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FriendGroupView, type FriendView, social } from '../../api/social';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { TextField } from '../../components/TextField';
import { friendName, MUTE_CHOICES, type MuteChoice, muteMinutes } from '../../friends/friends';
import { formatDate, formatDateTime } from '../../i18n/dates';
import { useAction } from '../../lib/use-action';
import { useLoad } from '../../lib/use-load';
import { GroupChoice, useGroupChoice } from './GroupChoice';
import { PersonLine } from './PersonLine';

interface FriendDialogProps {
  friend: FriendView;
  groups: readonly FriendGroupView[];
  onClose: () => void;
  /** The friend or the groups changed: the list loads again. */
  onChanged: () => Promise<void>;
  /** Remove or block was chosen: the owner closes this dialog and asks to confirm. */
  onRemove: () => void;
  onBlock: () => void;
}

/**
 * One friend's settings (QQ's 好友设置): the remark, the group and special care, saved together; muting for a while
 * or until lifted (the end comes from the relationship, which the list doesn't carry); remove and block.
 */
export function FriendDialog({ friend, groups, onClose, onChanged, onRemove, onBlock }: FriendDialogProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const name = friendName(friend);
  const [remark, setRemark] = useState(friend.remark ?? '');
  const [specialCare, setSpecialCare] = useState(friend.specialCare);
  const [saved, setSaved] = useState(false);
  const choice = useGroupChoice(groups, friend.groupId, onChanged);
  const save = useAction(async () => {
    const groupId = await choice.resolve();
    return social.updateFriend(friend.id, { remark: remark.trim() || null, groupId, specialCare });
  });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    if (choice.missingName) return;
    const result = await save.run();
    if (!result.ok) return;
    setSaved(true);
    await onChanged();
  };

  return (
    <Dialog title={name} onDismiss={onClose} testId="friend-dialog">
      {/* Focus starts at the top of the settings: not in the remark (a phone would open its keyboard), and not on
          Close at the bottom (the dialog would open scrolled to its end). */}
      <div className="dialog-body" tabIndex={-1} data-autofocus>
        <PersonLine person={friend} remark={friend.remark} />
        <p className="friends-note">
          {t('friends.friend.since', { date: formatDate(friend.since, language) })}
        </p>

        <form className="form friend-settings" onSubmit={submit} noValidate>
          <h3>{t('friends.friend.settingsTitle')}</h3>
          <FormError error={save.error} />
          <TextField
            label={t('friends.friend.remark')}
            name="remark"
            testId="friend-remark"
            value={remark}
            optional
            maxLength={FRIEND_REMARK_MAX}
            hint={t('friends.friend.remarkHint', { name: friend.displayName })}
            onChange={(value) => {
              setRemark(value);
              setSaved(false);
            }}
          />
          <GroupChoice choice={choice} label={t('friends.friend.group')} testId="friend-group-select" />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={specialCare}
              data-testid="friend-special-care"
              onChange={(event) => {
                setSpecialCare(event.target.checked);
                setSaved(false);
              }}
            />
            {t('friends.friend.specialCare')}
          </label>
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              data-testid="friend-save"
              disabled={save.pending || choice.missingName}
            >
              {save.pending ? t('friends.friend.saving') : t('friends.friend.save')}
            </button>
            <div role="status" className="form-status">
              {saved && (
                <span className="saved" data-testid="friend-saved">
                  {t('friends.friend.saved')}
                </span>
              )}
            </div>
          </div>
        </form>

        <MuteControls friend={friend} onChanged={onChanged} />

        <div className="friend-danger">
          <h3>{t('friends.friend.moreTitle')}</h3>
          <div className="row-actions">
            <button
              type="button"
              className="button button-danger"
              data-testid="friend-remove"
              onClick={onRemove}
            >
              {t('friends.friend.remove')}
            </button>
            <button
              type="button"
              className="button button-danger"
              data-testid="friend-block"
              onClick={onBlock}
            >
              {t('friends.friend.block')}
            </button>
          </div>
        </div>
      </div>
      <div className="dialog-actions">
        <button
          type="button"
          className="button"
          data-autofocus
          data-testid="friend-dialog-close"
          onClick={onClose}
        >
          {t('friends.friend.close')}
        </button>
      </div>
    </Dialog>
  );
}

/** Mute for one of the offered lengths, or unmute, saying until when a mute lasts. */
function MuteControls({ friend, onChanged }: { friend: FriendView; onChanged: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  const selectId = useId();
  const [length, setLength] = useState<MuteChoice>('day');
  const relationship = useLoad(() => social.relationship(friend.id), friend.id);
  const mute = useAction((minutes: number | null) => social.mute(friend.id, minutes));
  const unmute = useAction(() => social.unmute(friend.id));
  const rel = relationship.state.status === 'ready' ? relationship.state.value : null;
  const muting = rel ? rel.muting : friend.muted;

  const changed = async () => {
    await Promise.all([relationship.reload(), onChanged()]);
  };

  return (
    <div className="friend-mute" data-testid="friend-mute" data-muting={muting ? 'true' : 'false'}>
      <h3>{t('friends.friend.muteTitle')}</h3>
      <p className="friends-note">{t('friends.friend.muteIntro')}</p>
      <FormError error={mute.error ?? unmute.error} />
      {muting ? (
        <div className="form-actions">
          <p data-testid="friend-muted-until">
            {rel?.mutedUntil
              ? t('friends.friend.mutedUntil', { date: formatDateTime(rel.mutedUntil, language) })
              : t('friends.friend.mutedForever')}
          </p>
          <button
            type="button"
            className="button"
            data-testid="friend-unmute"
            disabled={unmute.pending}
            onClick={async () => {
              if ((await unmute.run()).ok) await changed();
            }}
          >
            {unmute.pending ? t('friends.friend.unmuting') : t('friends.friend.unmute')}
          </button>
        </div>
      ) : (
        <div className="friend-mute-form">
          <div className="field">
            <label htmlFor={selectId}>{t('friends.friend.muteFor')}</label>
            <select
              id={selectId}
              className="select"
              data-testid="friend-mute-length"
              value={length}
              onChange={(event) => {
                const next = MUTE_CHOICES.find((c) => c.key === event.target.value);
                if (next) setLength(next.key);
              }}
            >
              {MUTE_CHOICES.map((c) => (
                <option key={c.key} value={c.key}>
                  {t(`friends.mute.${c.key}`)}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="button"
            data-testid="friend-mute-submit"
            disabled={mute.pending}
            onClick={async () => {
              if ((await mute.run(muteMinutes(length))).ok) await changed();
            }}
          >
            {mute.pending ? t('friends.friend.muting') : t('friends.friend.mute')}
          </button>
        </div>
      )}
    </div>
  );
}
