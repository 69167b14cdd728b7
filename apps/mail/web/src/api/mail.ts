import type { Badges } from '../lib/badges';
import { request } from './client';
import type { DraftInput, ListScope, Me, Message, MessagePage, MessageSummary, SendInput } from './types';

/** Typed calls to the Mail API (apps/mail/API.md), one per route. */

const id = (value: string) => encodeURIComponent(value);

export interface ListQuery {
  scope: ListScope;
  q?: string;
  cursor?: string | null;
  limit?: number;
}

/** The list's query string: `starred=true` for the starred view, `folder=…` otherwise. */
export function listSearchParams({ scope, q, cursor, limit }: ListQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (scope === 'starred') params.set('starred', 'true');
  else params.set('folder', scope);
  if (q?.trim()) params.set('q', q.trim());
  if (cursor) params.set('cursor', cursor);
  if (limit !== undefined) params.set('limit', String(limit));
  return params;
}

/** The tag of an emptying of the trash that waited for a step-up (`orbit.resume()`). */
export const EMPTY_TRASH = 'empty-trash';

export const mail = {
  me: () => request<Me>('GET', '/api/me'),

  list: (query: ListQuery) => request<MessagePage>('GET', `/api/messages?${listSearchParams(query)}`),

  /** The whole message; the server marks it read. */
  message: async (messageId: string) =>
    (await request<{ message: Message }>('GET', `/api/messages/${id(messageId)}`)).message,

  /** The reader's copies in the thread, oldest first, without the trash. */
  thread: async (threadId: string) =>
    (await request<{ messages: Message[] }>('GET', `/api/threads/${id(threadId)}`)).messages,

  update: async (messageId: string, patch: { read?: boolean; starred?: boolean }) =>
    (await request<{ message: MessageSummary }>('PATCH', `/api/messages/${id(messageId)}`, { json: patch }))
      .message,

  trash: async (messageId: string) =>
    (await request<{ message: MessageSummary }>('POST', `/api/messages/${id(messageId)}/trash`)).message,

  restore: async (messageId: string) =>
    (await request<{ message: MessageSummary }>('POST', `/api/messages/${id(messageId)}/restore`)).message,

  /** Only from the trash. */
  deleteForever: (messageId: string) => request<void>('DELETE', `/api/messages/${id(messageId)}`),

  /**
   * Needs a fresh passkey confirmation: without one the page goes to confirm at the hub and comes back to the
   * trash, where `orbit.resume()` empties it (tag `empty-trash`).
   */
  emptyTrash: async () =>
    (
      await request<{ deleted: number }>('POST', '/api/trash/empty', {
        stepUp: { tag: EMPTY_TRASH, returnTo: '/trash' },
      })
    ).deleted,

  createDraft: async (input: DraftInput) =>
    (await request<{ message: Message }>('POST', '/api/drafts', { json: input })).message,

  updateDraft: async (draftId: string, input: DraftInput) =>
    (await request<{ message: Message }>('PUT', `/api/drafts/${id(draftId)}`, { json: input })).message,

  /**
   * Sends a message. The same `idempotencyKey` again answers the first result and delivers nothing more, so a
   * retry after a network error can never send twice.
   */
  send: async (input: SendInput, idempotencyKey: string) =>
    (
      await request<{ message: Message }>('POST', '/api/send', {
        json: input,
        headers: { 'Idempotency-Key': idempotencyKey },
      })
    ).message,

  /** The badges of up to 100 accounts, by `sub`; null for one that shows none. */
  badges: async (subs: string[]) =>
    (
      await request<{ badges: Record<string, Badges | null> }>(
        'GET',
        `/api/badges?${new URLSearchParams({ subs: subs.join(',') })}`,
      )
    ).badges,
};

/** Where an attachment downloads from. */
export function attachmentUrl(attachmentId: string): string {
  return `/api/attachments/${id(attachmentId)}`;
}
