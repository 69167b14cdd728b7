import { ApiError } from '@orbit/ui/api';
import { createInstance } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeError, type Messages, messagesOf } from '../i18n/error-messages';
import { resources } from '../i18n/resources';
import { describeSecurityEvent, isWarningEvent } from '../passkeys/labels';

async function messagesIn(lng: 'en' | 'zh-CN'): Promise<Messages> {
  const i18n = createInstance();
  await i18n.init({ resources, lng, fallbackLng: 'en', interpolation: { escapeValue: false } });
  return messagesOf(i18n);
}

let en: Messages;
let zh: Messages;
beforeAll(async () => {
  en = await messagesIn('en');
  zh = await messagesIn('zh-CN');
});

const event = (type: string, details: Record<string, unknown> = {}) => ({ type, details });
const by = { by: '@ada' };

describe('staff actions in the owner’s security log', () => {
  it('says what an administrator did, with the lock’s reason, never who', () => {
    expect(describeSecurityEvent(event('account.locked', { reason: 'Chargebacks', ...by }), en)).toBe(
      'Locked by an administrator: Chargebacks',
    );
    expect(describeSecurityEvent(event('account.locked', { reason: 'Chargebacks', ...by }), zh)).toBe(
      '已被管理员锁定：Chargebacks',
    );
    expect(describeSecurityEvent(event('account.unlocked', { reason: 'ok', ...by }), en)).toBe(
      'Unlocked by an administrator',
    );
    expect(describeSecurityEvent(event('sessions.revoked_by_staff', { count: 1, ...by }), en)).toBe(
      'An administrator signed you out of 1 session',
    );
    expect(describeSecurityEvent(event('sessions.revoked_by_staff', { count: 3, ...by }), en)).toBe(
      'An administrator signed you out of 3 sessions',
    );
    expect(describeSecurityEvent(event('recovery_codes.reset', { removed: 10, ...by }), en)).toMatch(
      /generate new ones/,
    );
    expect(describeSecurityEvent(event('profile.updated_by_staff', { fields: ['bio'], ...by }), zh)).toBe(
      '管理员编辑了你的个人资料',
    );
    for (const entry of [
      event('account.locked', { reason: 'x', ...by }),
      event('password_reset.requested', { via: 'staff', ...by }),
      event('email.changed', { from: 'a@example.org', to: 'b@example.org', ...by }),
      event('passkey.removed', { name: 'Laptop', ...by }),
    ]) {
      expect(describeSecurityEvent(entry, en)).not.toContain('@ada');
    }
  });

  it('tells staff’s reset links, address changes and passkey removals from the owner’s own', () => {
    expect(describeSecurityEvent(event('password_reset.requested', { via: 'staff', ...by }), en)).toBe(
      'An administrator sent you a password-reset link',
    );
    expect(
      describeSecurityEvent(
        event('email.changed', { from: 'a@example.org', to: 'b@example.org', ...by }),
        en,
      ),
    ).toBe('An administrator changed your email address to b@example.org');
    expect(
      describeSecurityEvent(event('email.changed', { from: 'a@example.org', to: null, ...by }), zh),
    ).toBe('管理员移除了你的邮箱地址');
    expect(describeSecurityEvent(event('passkey.removed', { name: 'Laptop', ...by }), en)).toBe(
      'An administrator removed the passkey “Laptop”',
    );
    // Without `by` they are the owner's own, worded as before.
    expect(describeSecurityEvent(event('passkey.removed', { name: 'Laptop' }), en)).not.toMatch(
      /administrator/,
    );
    expect(describeSecurityEvent(event('password_reset.requested', { via: 'email' }), en)).not.toMatch(
      /administrator/,
    );
  });

  it('marks a lock as worth a second look', () => {
    expect(isWarningEvent({ type: 'account.locked' })).toBe(true);
    expect(isWarningEvent({ type: 'account.unlocked' })).toBe(false);
  });

  it('tells a locked account at sign-in, in both languages', () => {
    const locked = new ApiError(403, 'account.locked', 'This account was locked by an administrator.');
    expect(describeError(locked, en)).toBe(
      'This account was locked by an administrator. Contact support to get it unlocked.',
    );
    expect(describeError(locked, zh)).toBe('此账号已被管理员锁定。请联系客服解锁。');
  });
});
