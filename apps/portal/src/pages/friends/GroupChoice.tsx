import { FRIEND_GROUP_NAME_MAX } from '@orbit/contracts';
import { useCallback, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FriendGroupView, social } from '../../api/social';
import { TextField } from '../../components/TextField';
import { ownGroups } from '../../friends/friends';

/** The select's value for "New group…"; the default group is the empty value. */
const NEW_GROUP = 'new';

export interface GroupChoiceState {
  value: string;
  setValue: (value: string) => void;
  newName: string;
  setNewName: (name: string) => void;
  /** The account's own groups, with any made here since. */
  groups: Array<FriendGroupView & { id: string }>;
  /** "New group…" is chosen and has no name yet. */
  missingName: boolean;
  /**
   * The chosen group's id (null: the default group). With "New group…" it makes the group first, then chooses it,
   * so sending again after a later failure doesn't make it twice.
   */
  resolve: () => Promise<string | null>;
}

/** The state of a group select that can also make a new group (QQ's "新建分组" in the add-friend dialog). */
export function useGroupChoice(
  groups: readonly FriendGroupView[],
  initial: string | null,
  onCreated?: () => void,
): GroupChoiceState {
  const [value, setValue] = useState(initial ?? '');
  const [newName, setNewName] = useState('');
  const [made, setMade] = useState<Array<FriendGroupView & { id: string }>>([]);
  const all = useMemo(() => {
    const own = ownGroups(groups);
    return [...own, ...made.filter((m) => !own.some((g) => g.id === m.id))];
  }, [groups, made]);

  const resolve = useCallback(async () => {
    if (value !== NEW_GROUP) return value || null;
    const group = await social.createGroup(newName.trim());
    if (group.id === null) return null;
    const id = group.id;
    setMade((list) => [...list, { ...group, id }]);
    setValue(id);
    setNewName('');
    onCreated?.();
    return id;
  }, [value, newName, onCreated]);

  return {
    value,
    setValue,
    newName,
    setNewName,
    groups: all,
    missingName: value === NEW_GROUP && newName.trim() === '',
    resolve,
  };
}

/** The group select ("My friends" first, then the account's groups, then "New group…") and the new group's name. */
export function GroupChoice({
  choice,
  label,
  testId,
  nameError,
  allowNew = true,
}: {
  choice: GroupChoiceState;
  label: string;
  testId: string;
  nameError?: string | undefined;
  allowNew?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <select
          id={id}
          className="select"
          data-testid={testId}
          value={choice.value}
          onChange={(event) => choice.setValue(event.target.value)}
        >
          <option value="">{t('friends.defaultGroup')}</option>
          {choice.groups.map((group) => (
            <option key={group.id} value={group.id}>
              {group.name}
            </option>
          ))}
          {allowNew && <option value={NEW_GROUP}>{t('friends.groups.newGroup')}</option>}
        </select>
      </div>
      {choice.value === NEW_GROUP && (
        <TextField
          label={t('friends.groups.newGroupName')}
          name="groupName"
          testId={`${testId}-new-name`}
          value={choice.newName}
          onChange={choice.setNewName}
          maxLength={FRIEND_GROUP_NAME_MAX}
          error={nameError}
        />
      )}
    </>
  );
}
