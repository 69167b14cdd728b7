import { describe, expect, it } from 'vitest';
import { isLanguage, toSupportedLanguage } from './languages';

describe('toSupportedLanguage', () => {
  it('maps every Chinese variant to Simplified Chinese', () => {
    for (const tag of ['zh', 'zh-CN', 'zh-cn', 'zh-Hans', 'zh-Hans-CN', 'zh-TW', 'ZH-SG']) {
      expect(toSupportedLanguage(tag)).toBe('zh-CN');
    }
  });

  it('maps every English variant to English', () => {
    for (const tag of ['en', 'en-US', 'en-GB', 'EN-au']) expect(toSupportedLanguage(tag)).toBe('en');
  });

  it('leaves other languages for the fallback to handle', () => {
    expect(toSupportedLanguage('fr-FR')).toBe('fr-FR');
    expect(isLanguage(toSupportedLanguage('fr-FR'))).toBe(false);
    expect(toSupportedLanguage('zhx')).toBe('zhx');
  });
});

describe('ui_locales lists', () => {
  it('takes the first language of the list that the portal speaks', () => {
    expect(toSupportedLanguage('fr-FR zh-Hans en')).toBe('zh-CN');
    expect(toSupportedLanguage('de en-GB')).toBe('en');
    expect(isLanguage(toSupportedLanguage('fr de'))).toBe(false);
  });
});
