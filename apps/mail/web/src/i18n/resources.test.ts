import { translationProblems } from '@orbit/ui/i18n';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

describe('translations', () => {
  it('has the same keys, no empty message, and the same placeholders and tags in both languages', () => {
    expect(translationProblems({ en, 'zh-CN': zhCN })).toEqual([]);
  });
});
