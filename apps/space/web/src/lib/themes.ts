import type { ThemeId } from '../api/types';

/** Space's themes (the contract's `THEMES`, checked by the type), each a class in styles/themes.css. */
const KNOWN: readonly ThemeId[] = ['classic', 'ink', 'sakura', 'ocean', 'forest', 'sunset', 'night', 'gold'];

/** A theme's class; an id the page doesn't know (added on the server later) shows the classic look. */
export function themeClass(theme: string | null | undefined): string {
  return `theme-${KNOWN.find((known) => known === theme) ?? 'classic'}`;
}
