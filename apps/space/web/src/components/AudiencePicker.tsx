import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Audience, FriendGroup } from '../api/types';

type AudienceType = Audience['type'];
const BASIC: AudienceType[] = ['public', 'friends', 'groups', 'only_me'];

/**
 * Who may see a post, a moment or an album: everyone, friends, some friend groups, only me — and chosen friends
 * when the audience already names some (the composer's data lists groups, not each friend, so a new "chosen"
 * list can't be built here).
 */
export function AudiencePicker({
  value,
  groups,
  onChange,
  testId = 'audience',
}: {
  value: Audience;
  groups: FriendGroup[];
  onChange: (audience: Audience) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const types = value.type === 'chosen' ? [...BASIC, 'chosen' as const] : BASIC;
  const groupName = (group: FriendGroup) => group.name ?? t('audience.defaultGroup');

  const choose = (type: AudienceType) => {
    if (type === 'groups') {
      const first = groups[0];
      onChange({ type: 'groups', groupIds: [first ? first.id : null] });
    } else if (type === 'chosen') {
      if (value.type === 'chosen') onChange(value);
    } else {
      onChange({ type });
    }
  };

  const toggleGroup = (groupId: string | null, on: boolean) => {
    if (value.type !== 'groups') return;
    const rest = value.groupIds.filter((g) => g !== groupId);
    const groupIds = on ? [...rest, groupId] : rest;
    if (groupIds.length > 0) onChange({ type: 'groups', groupIds });
  };

  return (
    <div className="audience-picker">
      <label htmlFor={id}>{t('audience.label')}</label>
      <select
        id={id}
        value={value.type}
        onChange={(event) => choose(event.target.value as AudienceType)}
        data-testid={testId}
      >
        {types.map((type) => (
          <option key={type} value={type}>
            {t(`audience.${type}`)}
          </option>
        ))}
      </select>
      {value.type === 'groups' && (
        <fieldset className="audience-groups">
          <legend>{t('audience.chooseGroups')}</legend>
          {groups.map((group) => (
            <label key={group.id ?? 'default'} className="check">
              <input
                type="checkbox"
                checked={value.groupIds.includes(group.id)}
                onChange={(event) => toggleGroup(group.id, event.target.checked)}
              />
              {groupName(group)} <span className="muted">({group.friends})</span>
            </label>
          ))}
        </fieldset>
      )}
      {value.type === 'chosen' && (
        <p className="muted small">{t('audience.chosenCount', { count: value.ids.length })}</p>
      )}
    </div>
  );
}

/** The audience in a few words (the settings page, an owner's own item). */
export function useAudienceLabel(): (audience: Audience, groups?: FriendGroup[]) => string {
  const { t } = useTranslation();
  return (audience, groups = []) => {
    if (audience.type === 'groups') {
      const names = audience.groupIds.map(
        (groupId) => groups.find((g) => g.id === groupId)?.name ?? t('audience.defaultGroup'),
      );
      return `${t('audience.groups')}: ${names.join(', ')}`;
    }
    if (audience.type === 'chosen') return t('audience.chosenCount', { count: audience.ids.length });
    return t(`audience.${audience.type}`);
  };
}
