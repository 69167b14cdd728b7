import { describe, expect, it } from 'vitest';
import { consoleHome } from './RequireAdmin';

describe('consoleHome', () => {
  it('opens the console where the staff member may look first', () => {
    expect(consoleHome(['accounts:read', 'services:write', 'audit:read'])).toBe('/admin/services');
    // Support: accounts and the audit log, not services.
    expect(
      consoleHome([
        'accounts:read',
        'accounts:unlock',
        'accounts:resend-verification',
        'audit:read',
        'outbox:read',
      ]),
    ).toBe('/admin/accounts');
    expect(consoleHome(['outbox:read'])).toBe('/admin/outbox');
    expect(consoleHome([])).toBeUndefined();
  });
});
