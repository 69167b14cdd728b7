import { describe, expect, it } from 'vitest';
import { localeToSave, mailLocaleOf } from './account-language';

describe('the account’s mail language', () => {
  it('is saved when a signed-in reader switches to another language', () => {
    expect(localeToSave('zh-CN', { locale: 'en' })).toBe('zh-CN');
    expect(localeToSave('en', { locale: 'zh-CN' })).toBe('en');
  });

  it('is not saved again when it is already the account’s, or for a language we don’t write in', () => {
    expect(localeToSave('en', { locale: 'en' })).toBeUndefined();
    expect(localeToSave('zh-Hans', { locale: 'zh-CN' })).toBeUndefined();
    expect(localeToSave('fr', { locale: 'en' })).toBeUndefined();
  });

  it('at sign-up is the portal’s language, English when it is none of ours', () => {
    expect(mailLocaleOf('zh-CN')).toBe('zh-CN');
    expect(mailLocaleOf('en-GB')).toBe('en');
    expect(mailLocaleOf('de')).toBe('en');
    expect(mailLocaleOf(undefined)).toBe('en');
  });
});
