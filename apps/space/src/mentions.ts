import { MAX_MENTIONS } from '@orbit/contracts';
import type { SpaceOrbit } from './deps.js';

/** `@handle` in text: a handle's characters after an `@` that doesn't follow a letter or digit (not an email). */
const MENTION = /(?<![\p{L}\p{N}_.@-])@([A-Za-z][A-Za-z0-9_.-]{2,31})/gu;

/** The handles `text` @mentions, lower-cased, each once, in order, at most `MAX_MENTIONS`. */
export function mentionedHandles(text: string): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(MENTION)) {
    // A trailing dot ends a sentence, not a handle.
    const handle = (match[1] ?? '').replace(/[.-]+$/, '').toLowerCase();
    if (handle.length >= 3) seen.add(handle);
    if (seen.size >= MAX_MENTIONS) break;
  }
  return [...seen];
}

/**
 * The accounts `text` @mentions, by `sub`, looked up at the hub (handles that name no account are left out;
 * the author's own handle too). Answers [] without a call when nothing is mentioned.
 */
export async function resolveMentions(
  orbit: Pick<SpaceOrbit, 'hub'>,
  text: string,
  authorSub: string,
): Promise<string[]> {
  const handles = mentionedHandles(text);
  if (handles.length === 0) return [];
  const { accounts } = await orbit.hub.lookupAccounts(handles);
  const subs = new Set<string>();
  for (const handle of handles) {
    const account = accounts[handle];
    if (account && account.sub.toLowerCase() !== authorSub.toLowerCase()) subs.add(account.sub.toLowerCase());
  }
  return [...subs];
}
