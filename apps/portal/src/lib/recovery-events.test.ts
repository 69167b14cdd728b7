import { createInstance } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Messages, messagesOf } from '../i18n/error-messages';
import { resources } from '../i18n/resources';
import { describeSecurityEvent } from '../passkeys/labels';

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

describe('recovery entries of the security log', () => {
  it('says each in words, in English and Chinese, with the address it concerns', () => {
    const entries = [
      event('password.reset'),
      event('password_reset.requested', { via: 'email' }),
      event('email.verification_sent', { email: 'ada@example.org', purpose: 'sign_up' }),
      event('email.verified', { email: 'ada@example.org' }),
      event('email.change_undone', { from: 'mallory@example.org', to: 'ada@example.org' }),
    ];
    expect(entries.map((e) => describeSecurityEvent(e, en))).toEqual([
      'Reset the password through an emailed link',
      'Asked for a password reset link',
      'Sent a link to verify ada@example.org',
      'Verified ada@example.org',
      'Undid an email change: ada@example.org is back',
    ]);
    expect(entries.map((e) => describeSecurityEvent(e, zh))).toEqual([
      '通过邮件链接重置了密码',
      '申请了重置密码链接',
      '发送了验证 ada@example.org 的链接',
      '验证了 ada@example.org',
      '撤销了邮箱更改：已恢复 ada@example.org',
    ]);
  });
});

describe('recovery error codes', () => {
  it('has words for every code the recovery endpoints answer, in both languages', () => {
    for (const code of [
      'email.invalid_token',
      'email.taken',
      'email.nothing_to_verify',
      'email.too_many_requests',
      'password_reset.invalid_token',
      'password_reset.too_many_requests',
    ]) {
      expect(en.has(`errors.${code}`), code).toBe(true);
      expect(zh.has(`errors.${code}`), code).toBe(true);
      expect(zh.t(`errors.${code}`)).not.toBe(en.t(`errors.${code}`));
    }
  });
});
