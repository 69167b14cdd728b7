import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { shellEn } from './texts-en';
import { shellZhCN } from './texts-zh-CN';

/** The i18next namespace the shell's own text lives in, beside each app's `translation`. */
export const SHELL_NAMESPACE = 'orbit-shell';

export const shellTexts = { en: shellEn, 'zh-CN': shellZhCN } as const;

/** Adds the shell's text to an app's i18next instance once (the app's own resources stay as they are). */
export function addShellTexts(i18n: I18n): void {
  for (const [language, texts] of Object.entries(shellTexts)) {
    if (!i18n.hasResourceBundle(language, SHELL_NAMESPACE)) {
      i18n.addResourceBundle(language, SHELL_NAMESPACE, texts);
    }
  }
}

/** Looks up one of the shell's messages (a dotted key of `shellEn`). */
export type ShellTranslate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The shell's messages in the page's current language, its text added to the app's instance on first use. Not
 * `useTranslation('orbit-shell')`: each app types `t` for its own keys only (its `i18next.d.ts`).
 */
export function useShellTranslation(): { t: ShellTranslate; i18n: I18n } {
  const { i18n } = useTranslation(); // re-renders when the language changes
  addShellTexts(i18n);
  // The app's i18next typings know its own namespace only: this one is looked up untyped.
  const fixed = i18n.getFixedT as unknown as (language: string, namespace: string) => ShellTranslate;
  return { t: fixed.call(i18n, i18n.resolvedLanguage ?? i18n.language, SHELL_NAMESPACE), i18n };
}
