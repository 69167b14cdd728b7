import { describe, expect, it } from 'vitest';
import { en } from './en';
import { resources } from './resources';
import { zhCN } from './zh-CN';

/** Every leaf key of a resource tree, as `a.b.c`. */
function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

/** The `{{names}}` and `<tags>` a message uses. */
function placeholdersOf(message: string): string[] {
  return [...message.matchAll(/\{\{\s*(\w+)\s*\}\}|<(\/?\w+)>/g)].map((m) => m[0].replace(/\s/g, '')).sort();
}

function leaf(tree: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
}

describe('translations', () => {
  it('has exactly the same keys in English and Simplified Chinese', () => {
    expect(keysOf(zhCN).sort()).toEqual(keysOf(en).sort());
  });

  it('has no empty message', () => {
    for (const [language, { translation }] of Object.entries(resources)) {
      for (const key of keysOf(translation)) {
        expect(leaf(translation, key), `${language}: ${key}`).toMatch(/\S/);
      }
    }
  });

  it('uses the same placeholders and tags in both languages', () => {
    for (const key of keysOf(en)) {
      expect(placeholdersOf(leaf(zhCN, key) as string), key).toEqual(placeholdersOf(leaf(en, key) as string));
    }
  });

  it('actually translates the Chinese strings', () => {
    expect(zhCN.signin.submit).toBe('登录');
    expect(zhCN.signup.submit).toBe('注册');
    expect(zhCN.nav.signOut).toBe('退出登录');
    expect(zhCN.account.sessions.title).toBe('会话');
  });
});
