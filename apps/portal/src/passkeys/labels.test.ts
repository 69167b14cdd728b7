import { createInstance } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Messages, messagesOf } from '../i18n/error-messages';
import { resources } from '../i18n/resources';
import { describeSecurityEvent, isWarningEvent, passkeyKind, SESSION_AUTH_KEYS, sessionAuth } from './labels';

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

/** Every type docs/passkeys.md lists, with the details the hub records. */
const DOCUMENTED = [
  event('sign_in.succeeded', { method: 'password', amr: ['pwd'] }),
  event('sign_in.succeeded', { method: 'password+passkey', amr: ['pwd', 'hwk', 'mfa'] }),
  event('sign_in.succeeded', { method: 'password+recovery_code', amr: ['pwd', 'otp', 'mfa'] }),
  event('sign_in.succeeded', { method: 'passkey', amr: ['swk', 'user', 'mfa'] }),
  event('sign_in.failed', { reason: 'password' }),
  event('sign_in.failed', { reason: 'passkey' }),
  event('sign_in.failed', { reason: 'recovery_code' }),
  event('step_up.succeeded'),
  event('passkey.added', { name: 'Laptop' }),
  event('passkey.renamed', { name: 'Laptop' }),
  event('passkey.removed', { passkeyId: 'p1', name: 'Laptop' }),
  event('passkey.counter_regression'),
  event('recovery_code.used', { remaining: 9 }),
  event('recovery_codes.generated'),
  event('session.revoked', { sessionId: 's1' }),
  event('signed_out'),
  event('password.changed'),
  event('email.changed'),
  event('account.created'),
  event('account.exported'),
  event('account.deletion_scheduled', { scheduledFor: '2027-01-06T00:00:00.000Z' }),
  event('account.deletion_cancelled'),
  event('sign_in.locked', { until: '2026-12-06T00:15:00.000Z', failures: 10 }),
  event('password.reauthenticated'),
];

describe('describeSecurityEvent', () => {
  it('names the lockout and a re-entered password, in both languages, and flags the lock', () => {
    const locked = event('sign_in.locked', { until: '2026-12-06T00:15:00.000Z', failures: 10 });
    expect(describeSecurityEvent(locked, en)).toBe(
      'Sign-in was paused for unknown devices after repeated wrong passwords',
    );
    expect(describeSecurityEvent(locked, zh)).toBe('多次输错密码后，已暂停陌生设备的登录');
    expect(describeSecurityEvent(event('password.reauthenticated'), en)).toBe('Entered the password again');
    expect(describeSecurityEvent(event('password.reauthenticated'), zh)).toBe('再次输入了密码');
    expect(isWarningEvent(locked)).toBe(true);
  });

  it('says how each sign-in was made, and why one failed', () => {
    expect(DOCUMENTED.slice(0, 7).map((e) => describeSecurityEvent(e, en))).toEqual([
      'Signed in with a password',
      'Signed in with a password and a passkey',
      'Signed in with a password and a recovery code',
      'Signed in with a passkey',
      'Failed sign-in: wrong password',
      'Failed sign-in: the passkey was not accepted',
      'Failed sign-in: wrong recovery code',
    ]);
    expect(describeSecurityEvent(event('sign_in.succeeded', { method: 'password+passkey' }), zh)).toBe(
      '使用密码和通行密钥登录',
    );
  });

  it('names the passkey and counts the recovery codes left when the entry says so', () => {
    expect(describeSecurityEvent(event('passkey.removed', { passkeyId: 'p1', name: 'YubiKey' }), en)).toBe(
      'Removed the passkey “YubiKey”',
    );
    expect(describeSecurityEvent(event('passkey.removed', { passkeyId: 'p1' }), en)).toBe(
      'Removed a passkey',
    );
    expect(describeSecurityEvent(event('recovery_code.used', { remaining: 1 }), en)).toBe(
      'Used a recovery code to sign in (1 left)',
    );
    expect(describeSecurityEvent(event('recovery_code.used', { remaining: 3 }), zh)).toBe(
      '使用恢复码登录（剩余 3 个）',
    );
    expect(describeSecurityEvent(event('recovery_code.used'), en)).toBe('Used a recovery code to sign in');
  });

  it('has its own words for every documented type, in both languages', () => {
    for (const m of [en, zh]) {
      const texts = DOCUMENTED.map((e) => describeSecurityEvent(e, m));
      for (const [i, text] of texts.entries()) {
        expect(text, DOCUMENTED[i]?.type).not.toBe(DOCUMENTED[i]?.type);
        expect(text).not.toMatch(/securityLog\.|\{\{/);
      }
      expect(new Set(texts).size).toBe(texts.length);
    }
  });

  it('says how many growth points an admin added or took away, and why', () => {
    expect(
      describeSecurityEvent(event('membership.growth_adjusted', { delta: 700, note: 'Outage #42' }), en),
    ).toBe('An admin added 700 growth points: “Outage #42”');
    expect(describeSecurityEvent(event('membership.growth_adjusted', { delta: -1, note: 'Typo' }), en)).toBe(
      'An admin took away 1 growth point: “Typo”',
    );
    expect(
      describeSecurityEvent(event('membership.growth_adjusted', { delta: -200, note: '退款' }), zh),
    ).toBe('管理员扣除了 200 点成长值：“退款”');
    expect(describeSecurityEvent(event('membership.growth_adjusted', { delta: '5' }), en)).toBe(
      'An admin adjusted the growth points',
    );
  });

  it('falls back to a general wording for details it does not know, and to the type for new types', () => {
    expect(describeSecurityEvent(event('sign_in.succeeded', { method: 'magic-link' }), en)).toBe('Signed in');
    expect(describeSecurityEvent(event('sign_in.failed', { reason: 'toString' }), en)).toBe('Failed sign-in');
    expect(describeSecurityEvent(event('membership.bought'), en)).toBe('membership.bought');
    expect(describeSecurityEvent(event('constructor'), zh)).toBe('constructor');
  });
});

describe('isWarningEvent', () => {
  it('marks failed and locked sign-ins, recovery codes used and copied passkeys', () => {
    const warnings = DOCUMENTED.filter(isWarningEvent).map((e) => e.type);
    expect(warnings).toEqual([
      'sign_in.failed',
      'sign_in.failed',
      'sign_in.failed',
      'passkey.counter_regression',
      'recovery_code.used',
      'sign_in.locked',
    ]);
  });
});

describe('sessionAuth', () => {
  it('reads the session amr', () => {
    expect(sessionAuth(['pwd'])).toBe('password');
    expect(sessionAuth(['pwd', 'hwk', 'mfa'])).toBe('password+passkey');
    expect(sessionAuth(['pwd', 'swk', 'user', 'mfa'])).toBe('password+passkey');
    expect(sessionAuth(['swk', 'user', 'mfa'])).toBe('passkey');
    expect(sessionAuth(['hwk', 'user', 'mfa'])).toBe('passkey');
    expect(sessionAuth(['pwd', 'otp', 'mfa'])).toBe('recovery_code');
  });

  it('falls back to the acr, then to nothing', () => {
    expect(sessionAuth([], 'urn:orbit:acr:passkey')).toBe('passkey');
    expect(sessionAuth(undefined, 'urn:orbit:acr:password')).toBe('password');
    expect(sessionAuth(undefined)).toBeNull();
  });

  it('has words for each way in both languages', () => {
    for (const key of Object.values(SESSION_AUTH_KEYS)) {
      expect(en.has(key), key).toBe(true);
      expect(zh.has(key), key).toBe(true);
    }
    expect(en.t(SESSION_AUTH_KEYS['password+passkey'])).toBe('Password + passkey');
  });
});

describe('passkeyKind', () => {
  it('tells a passkey built into a device from a security key', () => {
    expect(passkeyKind(['internal'])).toBe('device');
    expect(passkeyKind(['hybrid', 'internal'])).toBe('device');
    expect(passkeyKind(['usb'])).toBe('security-key');
    expect(passkeyKind(['nfc', 'usb'])).toBe('security-key');
    expect(passkeyKind(['hybrid'])).toBeNull();
    expect(passkeyKind([])).toBeNull();
  });
});

describe('role changes in the security log', () => {
  it('says which role an administrator gave or took away, never who', () => {
    const granted = event('role.granted', { role: 'support', by: '@boss' });
    expect(describeSecurityEvent(granted, en)).toBe('An administrator gave you the role support');
    expect(describeSecurityEvent(granted, zh)).toBe('管理员授予了你角色 support');
    expect(describeSecurityEvent(event('role.revoked', { role: 'news.editor' }), en)).toBe(
      'An administrator took away your role news.editor',
    );
  });
});
