import { describe, expect, it } from 'vitest';
import type { FriendGroupView, FriendView, PersonResult, RelationshipView } from '../api/social';
import {
  canAdd,
  friendName,
  groupFriends,
  MUTE_CHOICES,
  matchesFilter,
  moveGroup,
  muteMinutes,
  ownGroups,
  sortFriends,
  standingOf,
  tabOf,
  tabPath,
} from './friends';

let next = 0;
function friend(displayName: string, extra: Partial<FriendView> = {}): FriendView {
  next += 1;
  return {
    id: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
    accountNumber: String(10000 + next),
    handle: displayName.toLowerCase().replace(/\W/g, '_'),
    displayName,
    picture: null,
    groupId: null,
    remark: null,
    specialCare: false,
    muted: false,
    since: '2026-01-01T00:00:00Z',
    ...extra,
  };
}

const group = (id: string | null, name: string | null, position: number): FriendGroupView => ({
  id,
  name,
  position,
  friends: 0,
});

describe('the tabs’ addresses', () => {
  it('maps each tab to its path and back', () => {
    expect(tabPath('friends')).toBe('/friends');
    expect(tabPath('requests')).toBe('/friends/requests');
    for (const tab of ['friends', 'groups', 'requests', 'add', 'blocked'] as const) {
      expect(tabOf(tabPath(tab))).toBe(tab);
    }
    expect(tabOf('/friends/')).toBe('friends');
    expect(tabOf('/friends/add/more')).toBe('add');
  });

  it('knows no tab outside the area or for an unknown one', () => {
    expect(tabOf('/account')).toBeNull();
    expect(tabOf('/friends/nope')).toBeNull();
    expect(tabOf('/friends/friends')).toBeNull();
  });
});

describe('friends by group', () => {
  it('names a friend by their remark, else their display name', () => {
    expect(friendName({ displayName: 'Ada', remark: 'Auntie' })).toBe('Auntie');
    expect(friendName({ displayName: 'Ada', remark: null })).toBe('Ada');
    expect(friendName({ displayName: 'Ada', remark: '  ' })).toBe('Ada');
  });

  it('lists special care first, then by the name the viewer knows them by', () => {
    const zed = friend('Zed', { specialCare: true });
    const bob = friend('bob');
    const ann = friend('Zara', { remark: 'Ann' });
    const carl = friend('Carl');
    expect(sortFriends([carl, bob, zed, ann], 'en').map(friendName)).toEqual(['Zed', 'Ann', 'bob', 'Carl']);
  });

  it('orders Chinese names by pinyin in Chinese', () => {
    const names = ['张三', '李四', '王五'].map((n) => friend(n));
    expect(sortFriends(names, 'zh-CN').map(friendName)).toEqual(['李四', '王五', '张三']);
  });

  it('puts the default group first and each friend in their group, counted by what is shown', () => {
    const family = '11111111-1111-4111-8111-111111111111';
    const work = '22222222-2222-4222-8222-222222222222';
    const a = friend('Amy', { groupId: family });
    const b = friend('Ben');
    const c = friend('Cat', { groupId: family, specialCare: true });
    const sections = groupFriends(
      {
        groups: [group(work, 'Work', 2), group(null, null, 0), group(family, 'Family', 1)],
        friends: [a, b, c],
      },
      'en',
    );
    expect(sections.map((s) => s.group.name)).toEqual([null, 'Family', 'Work']);
    expect(sections.map((s) => s.friends.map((f) => f.displayName))).toEqual([['Ben'], ['Cat', 'Amy'], []]);
  });

  it('shows a friend of a group that is gone in the default group, and has a default group even if not given', () => {
    const lost = friend('Lou', { groupId: '33333333-3333-4333-8333-333333333333' });
    const sections = groupFriends({ groups: [], friends: [lost] }, 'en');
    expect(sections).toHaveLength(1);
    expect(sections[0]?.group.id).toBeNull();
    expect(sections[0]?.friends).toEqual([lost]);
  });

  it('filters by name, remark, handle and the start of the account number', () => {
    const ada = friend('Ada Lovelace', { remark: 'Countess', handle: 'ada_l', accountNumber: '12345' });
    expect(matchesFilter(ada, '')).toBe(true);
    expect(matchesFilter(ada, 'count')).toBe(true);
    expect(matchesFilter(ada, 'LOVE')).toBe(true);
    expect(matchesFilter(ada, '@ada')).toBe(true);
    expect(matchesFilter(ada, '123')).toBe(true);
    expect(matchesFilter(ada, '345')).toBe(false);
    expect(matchesFilter(ada, 'babbage')).toBe(false);
  });
});

describe('moving groups', () => {
  const ids = ['a', 'b', 'c'];

  it('swaps a group with its neighbour, keeping every id once', () => {
    expect(moveGroup(ids, 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(moveGroup(ids, 'b', 1)).toEqual(['a', 'c', 'b']);
    expect(ids).toEqual(['a', 'b', 'c']);
  });

  it('does not move past either end, nor a group that is not there', () => {
    expect(moveGroup(ids, 'a', -1)).toBeNull();
    expect(moveGroup(ids, 'c', 1)).toBeNull();
    expect(moveGroup(ids, 'x', 1)).toBeNull();
  });

  it('lists only the account’s own groups, in order', () => {
    const own = ownGroups([group('b', 'B', 2), group(null, null, 0), group('a', 'A', 1)]);
    expect(own.map((g) => g.id)).toEqual(['a', 'b']);
  });
});

describe('mute lengths', () => {
  it('offers an hour, a day, seven days and until lifted', () => {
    expect(MUTE_CHOICES.map((c) => [c.key, c.minutes])).toEqual([
      ['hour', 60],
      ['day', 1440],
      ['week', 10080],
      ['forever', null],
    ]);
    expect(muteMinutes('week')).toBe(7 * 24 * 60);
    expect(muteMinutes('forever')).toBeNull();
  });

  it('stays within what the hub accepts (a year at most)', () => {
    for (const { minutes } of MUTE_CHOICES) {
      if (minutes !== null) expect(minutes).toBeLessThanOrEqual(366 * 24 * 60);
    }
  });
});

describe('where the viewer stands with someone found', () => {
  const rel = (extra: Partial<RelationshipView> = {}): RelationshipView => ({
    id: '44444444-4444-4444-8444-444444444444',
    friend: false,
    groupId: null,
    remark: null,
    specialCare: false,
    requested: false,
    requestedBy: false,
    blocking: false,
    blockedBy: false,
    muting: false,
    mutedUntil: null,
    ...extra,
  });
  const found = (relationship: RelationshipView, requests: PersonResult['requests'] = 'anyone') => ({
    relationship,
    requests,
  });

  it('names each standing, a block first', () => {
    expect(standingOf(found(rel()))).toBe('open');
    expect(standingOf(found(rel({ friend: true })))).toBe('friends');
    expect(standingOf(found(rel({ requested: true })))).toBe('requested');
    expect(standingOf(found(rel({ requestedBy: true })))).toBe('requestedBy');
    expect(standingOf(found(rel({ blocking: true, friend: true })))).toBe('blocking');
    expect(standingOf(found(rel({ blockedBy: true })))).toBe('closed');
    expect(standingOf(found(rel(), 'nobody'))).toBe('closed');
    expect(standingOf(found(rel(), 'question'))).toBe('open');
  });

  it('offers Add only to someone one may ask, or who asked first', () => {
    expect(canAdd('open')).toBe(true);
    expect(canAdd('requestedBy')).toBe(true);
    for (const standing of ['friends', 'requested', 'blocking', 'closed'] as const) {
      expect(canAdd(standing)).toBe(false);
    }
  });
});
