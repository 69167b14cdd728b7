import { describe, expect, it } from 'vitest';
import { AVATAR_MAX_BYTES, avatarFileProblem } from './avatar-file';

describe('avatarFileProblem', () => {
  it('accepts the four image types up to 256 KiB', () => {
    for (const type of ['image/png', 'image/jpeg', 'image/webp', 'image/gif']) {
      expect(avatarFileProblem({ type, size: AVATAR_MAX_BYTES })).toBeNull();
    }
  });

  it('refuses other types and larger files', () => {
    expect(avatarFileProblem({ type: 'image/svg+xml', size: 10 })).toBe('avatar.unsupported_type');
    expect(avatarFileProblem({ type: '', size: 10 })).toBe('avatar.unsupported_type');
    expect(avatarFileProblem({ type: 'image/png', size: AVATAR_MAX_BYTES + 1 })).toBe('avatar.too_large');
  });
});
