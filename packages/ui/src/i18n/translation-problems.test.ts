import { describe, expect, it } from 'vitest';
import { translationProblems } from './translation-problems';

const en = {
  inbox: { title: 'Inbox', unread: '{{count}} unread' },
  help: 'Read <link>the guide</link>.',
};

describe('translationProblems', () => {
  it('finds none when every language matches English', () => {
    const zhCN = {
      inbox: { title: '收件箱', unread: '{{count}} 封未读' },
      help: '请阅读<link>指南</link>。',
    };
    expect(translationProblems({ en, 'zh-CN': zhCN })).toEqual([]);
  });

  it('names missing, extra and empty messages', () => {
    const zhCN = { inbox: { title: ' ', unread: '{{count}} 封未读', extra: '多余' } };
    expect(translationProblems({ en, 'zh-CN': zhCN })).toEqual([
      'zh-CN: help is missing',
      'zh-CN: inbox.title is empty',
      'zh-CN: inbox.extra is not in en',
    ]);
  });

  it('names messages whose placeholders or tags differ', () => {
    const zhCN = { inbox: { title: '收件箱', unread: '{{n}} 封未读' }, help: '请阅读指南。' };
    expect(translationProblems({ en, 'zh-CN': zhCN })).toEqual([
      'zh-CN: inbox.unread uses {{n}}, not {{count}}',
      'zh-CN: help uses none, not </link> <link>',
    ]);
  });
});
