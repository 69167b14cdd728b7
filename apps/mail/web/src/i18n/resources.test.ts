import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

/** Every leaf key of a resource tree, as `a.b.c`. */
function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function leaf(tree: object, key: string): string {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;
}

/** The `{{names}}` a message uses. */
const placeholdersOf = (message: string) =>
  [...message.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('has the same keys in English and Simplified Chinese', () => {
    expect(keysOf(zhCN).sort()).toEqual(keysOf(en).sort());
  });

  it('uses the same placeholders in both languages, and no empty message', () => {
    for (const key of keysOf(en)) {
      expect(leaf(zhCN, key), key).toMatch(/\S/);
      expect(placeholdersOf(leaf(zhCN, key)), key).toEqual(placeholdersOf(leaf(en, key)));
    }
  });
});
