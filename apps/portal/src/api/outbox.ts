import { outboxApi } from '@orbit/contracts';
import { hub } from './client';

/** The hub's mail as Admin → Outbox reads it (`@orbit/contracts`, outbox.ts). */
export type { OutboxEntry, OutboxMessage, OutboxPage } from '@orbit/contracts';

export const outbox = {
  /** Newest first; `before` is the id of the last message already shown. */
  list: (before: number | undefined, limit: number) => hub.call(outboxApi.list, { query: { before, limit } }),
  get: async (id: string) => (await hub.call(outboxApi.get, { params: { id } })).message,
};
