import { describe, expect, it } from 'vitest';
import { hasPermission, isStaff, PERMISSIONS, permissionsOf } from './permissions.js';

describe('permissions of roles', () => {
  it('gives an admin every permission', () => {
    expect(permissionsOf(['admin'])).toEqual([...PERMISSIONS]);
  });

  it('lets support read accounts and logs, unlock and resend verification — nothing about money, roles or deletion', () => {
    expect(permissionsOf(['support'])).toEqual([
      'accounts:read',
      'accounts:unlock',
      'accounts:resend-verification',
      'audit:read',
      'outbox:read',
    ]);
    for (const denied of [
      'accounts:write',
      'accounts:delete',
      'roles:write',
      'membership:write',
      'tiers:write',
      'clients:write',
      'services:write',
    ] as const) {
      expect(hasPermission(['support'], denied), denied).toBe(false);
    }
  });

  it('gives users and service roles no hub permission', () => {
    expect(permissionsOf([])).toEqual([]);
    expect(permissionsOf(['news.editor', 'mail.admin'])).toEqual([]);
    expect(isStaff(['news.editor'])).toBe(false);
    expect(isStaff(['news.editor', 'support'])).toBe(true);
  });

  it('unites the permissions of several roles, each once, in a stable order', () => {
    expect(permissionsOf(['support', 'admin', 'support'])).toEqual([...PERMISSIONS]);
  });

  it('does not mistake a look-alike for a hub role', () => {
    expect(permissionsOf(['Admin', 'admin ', 'constructor', '__proto__'])).toEqual([]);
  });
});
