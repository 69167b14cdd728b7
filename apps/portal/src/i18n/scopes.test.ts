import { createInstance } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Messages, messagesOf } from './error-messages';
import { resources } from './resources';
import { describeScope, KNOWN_SCOPES, scopesToShow } from './scopes';

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

describe('describeScope', () => {
  it('puts the standard scopes in plain words', () => {
    expect(describeScope('openid', en)).toBe('Know who you are (your Orbit ID)');
    expect(describeScope('profile', en)).toBe('Your display name, handle, avatar and account number');
    expect(describeScope('email', en)).toBe('Your email address');
    expect(describeScope('offline_access', en)).toBe('Stay connected when you are not using it');
    expect(describeScope('email', zh)).toBe('你的邮箱地址');
  });

  it('has words for every known scope in both languages', () => {
    for (const scope of KNOWN_SCOPES) {
      for (const m of [en, zh]) {
        expect(m.has(`scopes.${scope}`), scope).toBe(true);
        expect(describeScope(scope, m)).not.toBe(scope);
      }
    }
  });

  it('falls back to the raw scope name', () => {
    for (const scope of ['chat:read', 'api.write', 'phone', 'scopes', '__proto__', 'toString', 'OPENID']) {
      expect(describeScope(scope, en)).toBe(scope);
      expect(describeScope(scope, zh)).toBe(scope);
    }
  });
});

describe('scopesToShow', () => {
  it('lists each scope once, in order, without empty names', () => {
    expect(scopesToShow(['openid', 'email', '', 'openid', ' ', 'profile'])).toEqual([
      'openid',
      'email',
      'profile',
    ]);
    expect(scopesToShow([])).toEqual([]);
  });
});
