import { translationProblems } from '@orbit/ui/i18n';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

describe('translations', () => {
  it('has exactly the same keys, no empty message, and the same placeholders and tags in both languages', () => {
    expect(translationProblems({ en, 'zh-CN': zhCN })).toEqual([]);
  });

  it('actually translates the Chinese strings', () => {
    expect(zhCN.signin.submit).toBe('登录');
    expect(zhCN.signup.submit).toBe('注册');
    expect(zhCN.nav.signOut).toBe('退出登录');
    expect(zhCN.account.sessions.title).toBe('会话');
  });
});
