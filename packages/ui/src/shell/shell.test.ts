import { describe, expect, it } from 'vitest';
import { translationProblems } from '../i18n/translation-problems';
import { accountLanguageToApply, activityGlyphs, initials, serviceName, systemPageFor } from './model';
import { shellTexts } from './texts';

describe('the shell’s text', () => {
  it('has every message in English and Chinese, with the same placeholders', () => {
    expect(translationProblems(shellTexts)).toEqual([]);
  });
});

describe('accountLanguageToApply', () => {
  it('switches the page to the account’s language when it shows another', () => {
    expect(accountLanguageToApply('zh-CN', 'en')).toBe('zh-CN');
    expect(accountLanguageToApply('en', 'zh-CN')).toBe('en');
  });
  it('does nothing when the page already shows it, or the account’s language is unknown', () => {
    expect(accountLanguageToApply('zh-CN', 'zh-CN')).toBeNull();
    expect(accountLanguageToApply(null, 'en')).toBeNull();
    expect(accountLanguageToApply('fr', 'en')).toBeNull();
  });
});

describe('serviceName', () => {
  it('uses the name in the page’s language, else the manifest’s', () => {
    const mail = { name: 'Mail', names: { 'zh-CN': '邮件' } };
    expect(serviceName(mail, 'zh-CN')).toBe('邮件');
    expect(serviceName(mail, 'en')).toBe('Mail');
    expect(serviceName({ name: 'Mail', names: { 'zh-CN': '  ' } }, 'zh-CN')).toBe('Mail');
  });
});

describe('initials', () => {
  it('takes the first letters of two words, two letters of one Latin word, one character of a CJK name, skipping numbers', () => {
    expect(initials('Alice Liddell')).toBe('AL');
    expect(initials('alice')).toBe('AL');
    expect(initials('王小明')).toBe('王');
    expect(initials('Bob 22618246')).toBe('BO');
    expect(initials('42')).toBe('4');
    expect(initials('  ')).toBe('?');
  });
});

describe('activityGlyphs', () => {
  it('draws the level in base 4: stars, moons, suns, crowns', () => {
    expect(activityGlyphs(0)).toBe('');
    expect(activityGlyphs(3)).toBe('★★★');
    expect(activityGlyphs(5)).toBe('☾★');
    expect(activityGlyphs(64 + 16 + 4 + 1)).toBe('♛☀☾★');
  });
});

describe('systemPageFor', () => {
  it('picks the system page an error calls for', () => {
    expect(systemPageFor({ code: 'session.required' })).toBe('signedOut');
    expect(systemPageFor({ code: 'step_up_required' })).toBe('stepUpCancelled');
    expect(systemPageFor({ code: 'service.disabled' })).toBe('serviceDisabled');
    expect(systemPageFor({ code: 'hub.unavailable' })).toBe('error');
    expect(systemPageFor(new TypeError('x'))).toBe('error');
  });
});
