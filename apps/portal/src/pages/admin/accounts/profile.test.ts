import { describe, expect, it } from 'vitest';
import type { ProfileDraft } from './AccountProfileForm';
import { profilePatch } from './profile';

const initial: ProfileDraft = {
  displayName: 'Ana',
  handle: 'ana',
  email: 'ana@example.test',
  bio: 'Hello',
  locale: 'en',
  timeZone: 'UTC',
};

describe('the profile form’s changes', () => {
  it('sends nothing when nothing changed (spaces around values are not changes)', () => {
    expect(profilePatch(initial, { ...initial, displayName: ' Ana ', bio: 'Hello\n' })).toEqual({});
  });

  it('sends only the fields changed, trimmed', () => {
    expect(
      profilePatch(initial, { ...initial, handle: ' ana_2 ', locale: 'zh-CN', timeZone: 'Asia/Shanghai' }),
    ).toEqual({
      handle: 'ana_2',
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
    });
  });

  it('removes the email when the field is cleared', () => {
    expect(profilePatch(initial, { ...initial, email: '  ' })).toEqual({ email: null });
  });
});
