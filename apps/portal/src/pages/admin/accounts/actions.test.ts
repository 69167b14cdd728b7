import { PERMISSIONS } from '@orbit/contracts';
import { describe, expect, it } from 'vitest';
import type { Permission } from '../../../api/types';
import { actionsFor, applies, can, needsReason, wordingOf } from './actions';

// Admins hold every permission there is (the hub's `admin` role).
const ADMIN: Permission[] = [...PERMISSIONS];
const SUPPORT: Permission[] = [
  'accounts:read',
  'accounts:unlock',
  'accounts:resend-verification',
  'audit:read',
  'outbox:read',
];

const account = {
  id: 'a1',
  status: 'active' as const,
  email: 'ana@example.test',
  emailVerified: true,
  recoveryCodesLeft: 10,
  sessions: 2,
};

describe('the actions an account’s page offers', () => {
  it('offers an admin everything that applies', () => {
    expect(actionsFor(account, ADMIN, 'me')).toEqual([
      'lock',
      'unlock',
      'revoke-sessions',
      'password-reset',
      'reset-recovery-codes',
      'edit-profile',
      'delete',
    ]);
  });

  it('offers support only Unlock and Resend verification', () => {
    expect(actionsFor(account, SUPPORT, 'me')).toEqual(['unlock']);
    expect(actionsFor({ ...account, status: 'locked', emailVerified: false }, SUPPORT, 'me')).toEqual([
      'unlock',
      'resend-verification',
    ]);
  });

  it('offers nothing to an account with no staff permission', () => {
    expect(actionsFor({ ...account, status: 'locked' }, [], 'me')).toEqual([]);
  });

  it('never offers staff to lock or delete their own account', () => {
    const own = actionsFor(account, ADMIN, 'a1');
    expect(own).not.toContain('lock');
    expect(own).not.toContain('delete');
    expect(own).toContain('edit-profile');
  });

  it('offers Lock to an active account, and Unlock to any (an active one’s clears sign-in lockouts)', () => {
    expect(applies('lock', { ...account, status: 'locked' }, null)).toBe(false);
    expect(applies('unlock', { ...account, status: 'locked' }, null)).toBe(true);
    expect(wordingOf('unlock', { status: 'locked' })).toBe('unlock');
    expect(wordingOf('unlock', { status: 'active' })).toBe('clear-lockouts');
    expect(wordingOf('lock', { status: 'active' })).toBe('lock');
  });

  it('sends a reset link only to a verified address, and verification only to an unverified one', () => {
    expect(applies('password-reset', { ...account, emailVerified: false }, null)).toBe(false);
    expect(applies('resend-verification', { ...account, emailVerified: false }, null)).toBe(true);
    expect(applies('password-reset', { ...account, email: null, emailVerified: false }, null)).toBe(false);
    expect(applies('resend-verification', { ...account, email: null, emailVerified: false }, null)).toBe(
      false,
    );
  });

  it('resends verification to a new address waiting for its link', () => {
    expect(applies('resend-verification', { ...account, pendingEmail: 'new@example.test' }, null)).toBe(true);
    expect(applies('resend-verification', { ...account, pendingEmail: null }, null)).toBe(false);
  });

  it('hides actions with nothing to act on', () => {
    expect(applies('revoke-sessions', { ...account, sessions: 0 }, null)).toBe(false);
    expect(applies('reset-recovery-codes', { ...account, recoveryCodesLeft: 0 }, null)).toBe(false);
  });

  it('asks a reason for lock, unlock and delete only', () => {
    expect(['lock', 'unlock', 'delete', 'revoke-sessions'].map((a) => needsReason(a as never))).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('checks a single permission', () => {
    expect(can(SUPPORT, 'roles:write')).toBe(false);
    expect(can(ADMIN, 'roles:write')).toBe(true);
  });
});
