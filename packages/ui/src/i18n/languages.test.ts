import { describe, expect, it } from 'vitest';
import { isLanguage, pickLanguage, toLanguage, toSupportedLanguage } from './languages';

describe('toLanguage', () => {
  it('maps every Chinese variant to Simplified Chinese', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-cn', 'zh-Hans', 'zh-Hans-CN', 'zh-TW', 'ZH-SG']) {
      expect(toLanguage(tag)).toBe('zh-CN');
    }
  });

  it('maps every English variant to English', () => {
    for (const tag of ['en', 'en-US', 'en-GB', 'EN-au', ' en ']) expect(toLanguage(tag)).toBe('en');
  });

  it('has nothing for other languages', () => {
    expect(toLanguage('fr-FR')).toBeNull();
    expect(toLanguage('zhx')).toBeNull();
  });

  it('takes the first language of a ui_locales list that it speaks', () => {
    expect(toLanguage('fr-FR zh-Hans en')).toBe('zh-CN');
    expect(toLanguage('de en-GB')).toBe('en');
    expect(toLanguage('fr de')).toBeNull();
  });
});

describe('toSupportedLanguage', () => {
  it('leaves other languages for the detector to pass over', () => {
    expect(toSupportedLanguage('zh-TW')).toBe('zh-CN');
    expect(toSupportedLanguage('fr-FR')).toBe('fr-FR');
    expect(isLanguage(toSupportedLanguage('fr de'))).toBe(false);
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
