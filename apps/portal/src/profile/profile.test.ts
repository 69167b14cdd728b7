import { DEFAULT_FIELD_VISIBILITY, PROFILE_FIELDS } from '@orbit/contracts';
import { describe, expect, it } from 'vitest';
import type { PrivacyView, ProfileView } from '../api/privacy';
import type { RelationshipView } from '../api/social';
import { standingOf } from '../friends/friends';
import { PRIVACY_FIELD_ORDER, privacyPatch, profilePath, resultOf } from './profile';

const person = {
  id: '00000000-0000-4000-8000-000000000001',
  accountNumber: '10001',
  handle: 'ada',
  displayName: 'Ada',
  picture: null,
};
const relationship: RelationshipView = {
  id: person.id,
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
};
const profile = (extra: Partial<ProfileView> = {}): ProfileView => ({
  person,
  self: false,
  relationship,
  mutualFriends: 2,
  requests: 'anyone',
  question: null,
  ...extra,
});

describe('profiles', () => {
  it('lives at /u/<account number>', () => {
    expect(profilePath('10001')).toBe('/u/10001');
  });

  it('gives a signed-in visitor the Friends pages’ result, so the same dialog adds them', () => {
    const result = resultOf(profile({ requests: 'question', question: 'Our club?' }));
    expect(result).toEqual({
      person,
      relationship,
      mutualFriends: 2,
      requests: 'question',
      question: 'Our club?',
    });
    expect(standingOf(result!)).toBe('open');
    expect(standingOf(resultOf(profile({ relationship: { ...relationship, requested: true } }))!)).toBe(
      'requested',
    );
    expect(standingOf(resultOf(profile({ relationship: { ...relationship, friend: true } }))!)).toBe(
      'friends',
    );
  });

  it('has no relationship for the owner or a signed-out visitor', () => {
    expect(resultOf(profile({ self: true, relationship: null, requests: null }))).toBeNull();
    expect(resultOf(profile({ relationship: null, mutualFriends: null, requests: null }))).toBeNull();
  });
});

describe('who sees my profile', () => {
  const saved: PrivacyView = { fields: { ...DEFAULT_FIELD_VISIBILITY }, defaultAudience: 'friends' };

  it('lists every profile field once', () => {
    expect([...PRIVACY_FIELD_ORDER].sort()).toEqual([...PROFILE_FIELDS].sort());
  });

  it('sends only what changed, and nothing when nothing did', () => {
    expect(privacyPatch(saved, saved)).toBeNull();
    expect(
      privacyPatch(saved, {
        fields: { ...saved.fields, email: 'friends', bio: 'public' },
        defaultAudience: 'friends',
      }),
    ).toEqual({ fields: { email: 'friends' } });
    expect(privacyPatch(saved, { ...saved, defaultAudience: 'only_me' })).toEqual({
      defaultAudience: 'only_me',
    });
  });
});
