import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Audience, FriendGroup, Person } from '../api/types';

type AudienceType = Audience['type'];
const TYPES: AudienceType[] = ['public', 'friends', 'groups', 'chosen', 'only_me'];

/**
 * Who may see a post, a moment or an album: everyone, friends, some friend groups, chosen friends (picked from
 * the owner's friends by name), only me. A group or chosen-friends audience always names at least one.
 */
export function AudiencePicker({
  value,
  groups,
  friends,
  onChange,
  testId = 'audience',
}: {
  value: Audience;
  groups: FriendGroup[];
  friends: Person[];
  onChange: (audience: Audience) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [filter, setFilter] = useState('');
  // "Chosen friends" needs a friend to choose (or an audience that already names some).
  const types = TYPES.filter((type) => type !== 'chosen' || friends.length > 0 || value.type === 'chosen');
  const groupName = (group: FriendGroup) => group.name ?? t('audience.defaultGroup');

  const choose = (type: AudienceType) => {
    if (type === 'groups') {
      const first = groups[0];
      onChange({ type: 'groups', groupIds: [first ? first.id : null] });
    } else if (type === 'chosen') {
      if (value.type === 'chosen') onChange(value);
      else if (friends[0]) onChange({ type: 'chosen', ids: [friends[0].sub] });
    } else {
      onChange({ type });
    }
  };

  const toggleFriend = (sub: string, on: boolean) => {
    if (value.type !== 'chosen') return;
    const rest = value.ids.filter((chosen) => chosen !== sub);
    const ids = on ? [...rest, sub] : rest;
    if (ids.length > 0) onChange({ type: 'chosen', ids });
  };
  const needle = filter.trim().toLowerCase();
  const listed = needle
    ? friends.filter((f) => `${f.displayName} ${f.handle} ${f.accountNumber}`.toLowerCase().includes(needle))
    : friends;

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
        <fieldset className="audience-groups" data-testid={`${testId}-friends`}>
          <legend>{t('audience.chosenCount', { count: value.ids.length })}</legend>
          {friends.length > 8 && (
            <input
              type="search"
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
              placeholder={t('audience.findFriend')}
              aria-label={t('audience.findFriend')}
            />
          )}
          {listed.map((friend) => (
            <label key={friend.sub} className="check">
              <input
                type="checkbox"
                checked={value.ids.includes(friend.sub)}
                onChange={(event) => toggleFriend(friend.sub, event.target.checked)}
              />
              {friend.displayName} <span className="muted">@{friend.handle}</span>
            </label>
          ))}
        </fieldset>
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
