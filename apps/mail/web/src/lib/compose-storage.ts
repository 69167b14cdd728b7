import type { ComposeState } from './compose';

/**
 * The open composer, kept in this tab's sessionStorage when the page goes away — a reload, or the trip to the
 * hub to sign in again after the session ended — and put back when the app starts, so nothing typed is lost.
 */

const KEY = 'orbit-mail.compose';

export interface StoredCompose {
  state: ComposeState;
  /** Files that did not fit in storage and must be attached again. */
  droppedAttachments: string[];
}

export function storeCompose(state: ComposeState | null, storage: Storage = sessionStorage): void {
  try {
    if (!state) {
      storage.removeItem(KEY);
      return;
    }
    try {
      storage.setItem(KEY, JSON.stringify({ state, droppedAttachments: [] } satisfies StoredCompose));
    } catch {
      // Too large for storage (big attachments): keep the text, and say which files to attach again.
      const dropped = state.newAttachments.map((file) => file.filename);
      const lean: StoredCompose = { state: { ...state, newAttachments: [] }, droppedAttachments: dropped };
      storage.setItem(KEY, JSON.stringify(lean));
    }
  } catch {
    // No storage at all (blocked): nothing more can be done.
  }
}

/** The composer left by the previous page, taken out of storage; null when there is none. */
export function takeStoredCompose(storage: Storage = sessionStorage): StoredCompose | null {
  let raw: string | null;
  try {
    raw = storage.getItem(KEY);
    storage.removeItem(KEY);
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isStoredCompose(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function isStoredCompose(value: unknown): value is StoredCompose {
  if (typeof value !== 'object' || value === null) return false;
  const { state, droppedAttachments } = value as Record<string, unknown>;
  if (!Array.isArray(droppedAttachments) || typeof state !== 'object' || state === null) return false;
  const s = state as Record<string, unknown>;
  return (
    ['to', 'cc', 'subject', 'bodyText', 'idempotencyKey', 'baseline', 'mode'].every(
      (field) => typeof s[field] === 'string',
    ) &&
    ['newAttachments', 'savedAttachments', 'forwardedAttachments', 'removeAttachmentIds'].every((field) =>
      Array.isArray(s[field]),
    )
  );
}
