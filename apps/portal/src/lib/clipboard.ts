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

/**
 * The fallback for `copyText` on a page: selects `node`'s text and asks the browser's own copy command to take
 * the selection; answers whether it did. The text stays selected either way, for the reader to copy.
 */
export function selectAndCopy(node: Node | null): boolean {
  const selection = window.getSelection();
  if (!node || !selection) return false;
  const range = document.createRange();
  range.selectNodeContents(node);
  selection.removeAllRanges();
  selection.addRange(range);
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

/** The Clipboard API where the page may use it: outside a secure context (plain http off localhost) there is none. */
export function pageClipboard(): ClipboardWriter | undefined {
  return window.isSecureContext ? (navigator.clipboard as Clipboard | undefined) : undefined;
}
