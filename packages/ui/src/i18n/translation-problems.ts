import { DEFAULT_LANGUAGE, type Language } from './languages';

/** One app's messages in every language, e.g. `{ en, 'zh-CN': zhCN }`. */
export type Translations = Record<Language, object>;

/**
 * What is wrong with an app's translations, one line per problem, for a test to expect none of: a key that a
 * language has and English (the source) lacks or the other way round, an empty message, and a message whose
 * `{{placeholders}}` or `<tags>` differ from the English one's.
 *
 * @example
 * expect(translationProblems({ en, 'zh-CN': zhCN })).toEqual([]);
 */
export function translationProblems(translations: Translations): string[] {
  const source = translations[DEFAULT_LANGUAGE];
  const sourceKeys = keysOf(source);
  return Object.entries(translations).flatMap(([language, tree]) => {
    const keys = keysOf(tree);
    const missing = sourceKeys.filter((key) => !keys.includes(key)).map((key) => `${key} is missing`);
    const wrong = keys.flatMap((key) => {
      if (!sourceKeys.includes(key)) return [`${key} is not in ${DEFAULT_LANGUAGE}`];
      const message = leaf(tree, key);
      if (typeof message !== 'string' || !/\S/.test(message)) return [`${key} is empty`];
      const expected = placeholdersOf(leaf(source, key) as string);
      const actual = placeholdersOf(message);
      return actual === expected ? [] : [`${key} uses ${actual || 'none'}, not ${expected || 'none'}`];
    });
    return [...missing, ...wrong].map((problem) => `${language}: ${problem}`);
  });
}

/** Every leaf key of a resource tree, as `a.b.c`. */
function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function leaf(tree: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
}

/** The `{{names}}` and `<tags>` a message uses, sorted, as one string. */
function placeholdersOf(message: string): string {
  return [...message.matchAll(/\{\{\s*(\w+)\s*\}\}|<(\/?\w+)>/g)]
    .map((m) => m[0].replace(/\s/g, ''))
    .sort()
    .join(' ');
}
