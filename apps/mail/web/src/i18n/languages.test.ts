import { describe, expect, it } from 'vitest';
import { pickLanguage, toLanguage } from './languages';

describe('toLanguage', () => {
  it('maps every Chinese to Simplified Chinese and every English to English', () => {
    expect(toLanguage('zh')).toBe('zh-CN');
    expect(toLanguage('zh-TW')).toBe('zh-CN');
    expect(toLanguage('zh-Hans-CN')).toBe('zh-CN');
    expect(toLanguage('en-GB')).toBe('en');
    expect(toLanguage('fr-FR')).toBeNull();
  });
});

describe('pickLanguage', () => {
  it('prefers the stored choice', () => {
    expect(pickLanguage('en', ['zh-CN'])).toBe('en');
  });

  it('takes the first browser language it speaks', () => {
    expect(pickLanguage(null, ['fr-FR', 'zh-CN', 'en'])).toBe('zh-CN');
  });

  it('falls back to English', () => {
    expect(pickLanguage('klingon', ['fr', 'de'])).toBe('en');
    expect(pickLanguage(null, [])).toBe('en');
  });
});
