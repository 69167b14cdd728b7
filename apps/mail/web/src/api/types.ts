/**
 * The Mail API's shapes, from its declarations (apps/mail/src/contracts.ts, apps/mail/API.md): the server
 * validates and answers with the very schemas these types come from. Types only, so no server code (and no zod)
 * reaches the page.
 */
import type { Folder } from '../../../src/contracts';

export type {
  Address,
  Attachment,
  DraftInput,
  Folder,
  Me,
  Message,
  MessagePage,
  MessageSummary,
  NewAttachment,
  SendInput,
} from '../../../src/contracts';

/** What a message list shows: one folder, the starred messages, or a search across all folders but trash. */
export type ListScope = Folder | 'starred' | 'all';
