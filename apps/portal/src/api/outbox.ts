import { request } from './client';

/** A message as the admin outbox lists it (GET /api/admin/outbox). */
export interface OutboxEntry {
  id: number;
  to: string;
  locale: string;
  template: string;
  subject: string;
  status: 'queued' | 'sent' | 'failed';
  /** Where it went: an SMTP server, or the development outbox; null while it waits for its first attempt. */
  transport: 'smtp' | 'outbox' | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** One message; the bodies only for the development outbox (SMTP messages never show theirs). */
export interface OutboxMessage extends OutboxEntry {
  text: string | null;
  html: string | null;
  /** The body exists but is not shown to this reader (support: bodies carry other people's live links). */
  bodyWithheld?: boolean;
}

export interface OutboxPage {
  /** `outbox`: no SMTP is configured and messages are kept here; `smtp`: delivery status only. */
  mode: 'outbox' | 'smtp';
  messages: OutboxEntry[];
  nextBefore: number | null;
}

export const outbox = {
  /** Newest first; `before` is the id of the last message already shown. */
  list: (before: number | undefined, limit: number) => {
    const query = new URLSearchParams({ limit: String(limit) });
    if (before !== undefined) query.set('before', String(before));
    return request<OutboxPage>('GET', `/api/admin/outbox?${query}`);
  },
  get: async (id: string) =>
    (await request<{ message: OutboxMessage }>('GET', `/api/admin/outbox/${encodeURIComponent(id)}`)).message,
};
