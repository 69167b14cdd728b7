import { describe, expect, it } from 'vitest';
import { badgeText, localized } from './localized';

describe('localized', () => {
  const names = { 'zh-CN': '邮件' };

  it('uses the translation for the exact language', () => {
    expect(localized('Mail', names, 'zh-CN')).toBe('邮件');
  });

  it('ignores the case of language tags', () => {
    expect(localized('Mail', { 'ZH-cn': '邮件' }, 'zh-CN')).toBe('邮件');
  });

  it('falls back to a translation in the same language with another region or script', () => {
    expect(localized('Mail', { zh: '邮件' }, 'zh-CN')).toBe('邮件');
    expect(localized('Mail', { 'zh-Hans': '邮件' }, 'zh-CN')).toBe('邮件');
  });

  it('prefers the exact tag over another of the same language', () => {
    expect(localized('Mail', { 'zh-TW': '郵件', 'zh-CN': '邮件' }, 'zh-CN')).toBe('邮件');
  });

  it('keeps the default when there is no translation for the language', () => {
    expect(localized('Mail', names, 'en')).toBe('Mail');
    expect(localized('Mail', {}, 'zh-CN')).toBe('Mail');
    expect(localized('Mail', undefined, 'zh-CN')).toBe('Mail');
  });

  it('skips blank translations', () => {
    expect(localized('Mail', { 'zh-CN': '  ' }, 'zh-CN')).toBe('Mail');
  });
});

describe('badgeText', () => {
  it('spells out counts up to 99', () => {
    expect(badgeText(1)).toBe('1');
    expect(badgeText(99)).toBe('99');
  });

  it('caps larger counts at 99+', () => {
    expect(badgeText(100)).toBe('99+');
    expect(badgeText(12_345)).toBe('99+');
  });
});
