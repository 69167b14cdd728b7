import { describe, expect, it } from 'vitest';
import { locales } from '../db/schema.js';
import { escapeHtml } from './layout.js';
import { renderEmail, type TemplateData, templateNames } from './templates.js';

const at = new Date('2026-07-04T08:05:00Z');
const origin = { at, ip: '2001:db8::1', device: 'Safari 19 on iOS' };
const samples: TemplateData = {
  email_verify: { displayName: 'Ada', link: 'https://id.example/verify-email?token=v1', expiresHours: 24 },
  email_changed: {
    displayName: 'Ada',
    newEmail: 'new@example.org',
    undoLink: 'https://id.example/undo-email?token=u1',
    undoHours: 72,
  },
  signup_email_in_use: {
    signInLink: 'https://id.example/signin',
    resetLink: 'https://id.example/forgot-password',
  },
  password_reset: {
    displayName: 'Ada',
    link: 'https://id.example/reset-password?token=r1',
    expiresMinutes: 30,
  },
  password_changed: { displayName: 'Ada', via: 'change', ...origin },
  passkey_added: { displayName: 'Ada', passkeyName: 'MacBook', ...origin },
  passkey_removed: { displayName: 'Ada', passkeyName: 'MacBook', ...origin },
  recovery_code_used: { displayName: 'Ada', remaining: 1, ...origin },
  sign_in_locked: {
    displayName: 'Ada',
    until: at,
    ip: '192.0.2.1',
    resetLink: 'https://id.example/forgot-password',
  },
  staff_role_changed: { displayName: 'Ada', role: 'support', change: 'granted', ...origin },
  account_locked: { displayName: 'Ada', reason: 'Chargebacks on three cards', at },
  recovery_codes_reset: { displayName: 'Ada', ...origin },
  account_deletion_scheduled: {
    displayName: 'Ada',
    scheduledFor: new Date('2026-08-03T08:05:00Z'),
    signInLink: 'https://id.example/signin',
    ...origin,
  },
  notification: {
    displayName: 'Ada',
    text: 'Bob and 2 others liked your photo',
    link: 'https://space.example/p/1',
    preferencesLink: 'https://id.example/notifications/preferences',
  },
  notification_digest: {
    displayName: 'Ada',
    items: [
      { text: 'Bob and 2 others liked your photo', link: 'https://space.example/p/1' },
      { text: 'A passkey “Laptop” was added to your account', link: 'https://id.example/account/security' },
    ],
    more: 3,
    link: 'https://id.example/notifications',
    preferencesLink: 'https://id.example/notifications/preferences',
  },
};
const linksOf = (data: object) =>
  Object.values(data).filter((v): v is string => typeof v === 'string' && v.startsWith('https://'));

describe('email templates', () => {
  for (const locale of locales) {
    it.each(templateNames)(`%s is written in ${locale}: subject, text and HTML, with every link`, (name) => {
      const mail = renderEmail(name, locale, samples[name], { product: 'Orbit', timeZone: 'Europe/Berlin' });
      expect(mail.subject.length).toBeGreaterThan(5);
      expect(mail.subject).toContain('Orbit');
      for (const part of [mail.subject, mail.text, mail.html]) {
        expect(part).not.toMatch(/undefined|NaN|\[object|Invalid Date/);
      }
      expect(mail.html).toContain(`<html lang="${locale}">`);
      expect(mail.html).toContain(`<title>${escapeHtml(mail.subject)}</title>`);
      for (const link of linksOf(samples[name])) {
        expect(mail.text).toContain(link);
        expect(mail.html).toContain(escapeHtml(link));
      }
      // A footer that says why the recipient got it.
      expect(mail.text.trimEnd().split('\n').at(-1)).toMatch(/^Orbit · .*(because|是因为)/);
      if (locale === 'zh-CN') expect(mail.text).toMatch(/[\u4e00-\u9fff]/);
    });
  }

  it('writes times in the given zone, naming it', () => {
    const en = renderEmail('passkey_added', 'en', samples.passkey_added, {
      product: 'Orbit',
      timeZone: 'Asia/Tokyo',
    });
    expect(en.text).toContain('July 4, 2026 at 5:05 PM (GMT+9)');
    const zh = renderEmail('passkey_added', 'zh-CN', samples.passkey_added, { product: 'Orbit' });
    expect(zh.text).toContain('2026年7月4日 08:05 (UTC)');
  });

  it('puts the link in one button and again as text, and only http(s) links in an href', () => {
    const mail = renderEmail('password_reset', 'en', samples.password_reset, { product: 'Orbit' });
    expect(mail.html.match(/href="https:\/\/id\.example\/reset-password\?token=r1"/g)).toHaveLength(2);
    const hostile = renderEmail(
      'password_reset',
      'en',
      { ...samples.password_reset, link: 'javascript:alert(1)' },
      { product: 'Orbit' },
    );
    expect(hostile.html).not.toContain('href="javascript:');
  });

  it('writes facts as aligned label: value lines, with the full-width colon in Chinese', () => {
    const en = renderEmail('passkey_added', 'en', samples.passkey_added, { product: 'Orbit' });
    expect(en.text).toContain('When:       July 4, 2026');
    expect(en.text).toContain('IP address: 2001:db8::1');
    const zh = renderEmail('passkey_added', 'zh-CN', samples.passkey_added, { product: 'Orbit' });
    expect(zh.text).toContain('时间：   2026年7月4日');
    expect(zh.text).toContain('IP 地址：2001:db8::1');
  });

  it('makes a link written inside a paragraph a link in the HTML', () => {
    const mail = renderEmail('signup_email_in_use', 'en', samples.signup_email_in_use, { product: 'Orbit' });
    expect(mail.html).toContain('<a href="https://id.example/forgot-password"');
    expect(mail.text).toContain('Reset it here: https://id.example/forgot-password');
  });

  it('escapes every character that could open markup or an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
