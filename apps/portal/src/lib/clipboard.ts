/** The part of `navigator.clipboard` copying needs; absent outside a secure context (plain http off localhost). */
export interface ClipboardWriter {
  writeText(text: string): Promise<void>;
}

/**
 * How copying ended: `copied` to the clipboard, or only `selected` on the page (no clipboard, or the browser
 * refused), for the reader to copy by keyboard.
 */
export type CopyOutcome = 'copied' | 'selected';

/**
 * Copies `text` with the asynchronous Clipboard API when there is one, else with `fallback` — which selects the
 * text on the page and answers whether the browser's own copy command took it.
 */
export async function copyText(
  text: string,
  clipboard: ClipboardWriter | undefined,
  fallback: () => boolean,
): Promise<CopyOutcome> {
  if (clipboard) {
    try {
      await clipboard.writeText(text);
      return 'copied';
    } catch {
      // Permission refused or the page not focused: selecting the text still lets the reader copy it.
    }
  }
  return fallback() ? 'copied' : 'selected';
}
