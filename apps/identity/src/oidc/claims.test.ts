import { describe, expect, it } from 'vitest';
import type { AccountRow } from '../db/schema.js';
import { scopeSet, userClaims } from './claims.js';

const account = (email: string | null, emailVerifiedAt: Date | null) =>
  ({
    id: '0b5e7c1e-3f1a-4a52-9d3c-1f2e3d4c5b6a',
    accountNumber: 12345678,
    handle: 'alice',
    displayName: 'Alice',
    email,
    emailVerifiedAt,
    pendingEmail: null,
    avatarUpdatedAt: null,
    updatedAt: new Date('2026-12-01T00:00:00Z'),
  }) as AccountRow;

describe('userClaims', () => {
  it('says email_verified exactly when the address was verified', () => {
    const email = scopeSet('openid email');
    expect(userClaims(account('a@example.org', new Date()), email, 'http://hub')).toMatchObject({
      email: 'a@example.org',
      email_verified: true,
    });
    expect(userClaims(account('a@example.org', null), email, 'http://hub')).toMatchObject({
      email: 'a@example.org',
      email_verified: false,
    });
  });

  it('releases no email without the scope, or without an address', () => {
    expect(userClaims(account('a@example.org', new Date()), scopeSet('openid'), 'http://hub')).toEqual({
      sub: '0b5e7c1e-3f1a-4a52-9d3c-1f2e3d4c5b6a',
    });
    expect(userClaims(account(null, null), scopeSet('openid email'), 'http://hub')).not.toHaveProperty(
      'email',
    );
  });
});
