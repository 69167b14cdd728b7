import { describe, expect, it } from 'vitest';
import { COMMON_ERROR_CODES } from './errors.js';
import { PHOTO_ERROR_CODES } from './photos/errors.js';
import { POST_ERROR_CODES } from './posts/errors.js';
import { TALK_ERROR_CODES } from './talk/errors.js';

interface ErrorText {
  en: string;
  'zh-CN': string;
}

/** A module of the web pages, by its path from here (see below). */
// biome-ignore lint/suspicious/noExplicitAny: the pages' modules are typed in their own project
const webModule = (path: string): Promise<any> => import(new URL(path, import.meta.url).href);

/**
 * The web pages' map of error texts (`web/src/i18n/errors.ts`). Imported at run time: it lives outside this
 * project's `rootDir` (the pages are their own TypeScript project), and Vitest reads TypeScript either way.
 */
async function webErrorTexts(): Promise<Record<string, ErrorText>> {
  return ((await webModule('../web/src/i18n/errors.ts')) as { ERROR_TEXTS: Record<string, ErrorText> })
    .ERROR_TEXTS;
}

describe('the web pages’ texts', () => {
  it('have the same keys, no empty message, and the same placeholders in English and Chinese', async () => {
    const [{ en }, { zhCN }, { translationProblems }] = await Promise.all([
      webModule('../web/src/i18n/en.ts'),
      webModule('../web/src/i18n/zh-CN.ts'),
      webModule('../../../packages/ui/src/i18n/translation-problems.ts'),
    ]);
    expect(translationProblems({ en, 'zh-CN': zhCN })).toEqual([]);
  });

  it('give every error code of every part of Space an English and a Chinese text', async () => {
    const texts = await webErrorTexts();
    const codes = [COMMON_ERROR_CODES, POST_ERROR_CODES, PHOTO_ERROR_CODES, TALK_ERROR_CODES].flatMap(
      (codes) => Object.values(codes),
    );
    expect(codes.length).toBeGreaterThan(20);
    const missing = codes.filter((code) => !texts[code]?.en?.trim() || !texts[code]?.['zh-CN']?.trim());
    expect(missing).toEqual([]);
    // Chinese text that is only the English one again is a missing translation.
    const untranslated = codes.filter((code) => texts[code]?.en === texts[code]?.['zh-CN']);
    expect(untranslated).toEqual([]);
  });
});
