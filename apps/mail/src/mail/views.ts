import { getTableColumns, sql } from 'drizzle-orm';
import { type Address, type Folder, type MessageRow, messageAttachments, messages } from '../db/schema.js';

/** A message as listings show it (`GET /api/messages`). */
export interface MessageSummary {
  /** This mailbox copy's id. */
  id: string;
  threadId: string;
  folder: Folder;
  from: Address;
  to: Address[];
  cc: Address[];
  subject: string;
  snippet: string;
  /** ISO; the sent time, or when a draft was last saved. */
  date: string;
  read: boolean;
  starred: boolean;
  attachmentCount: number;
  /** Bytes this copy counts against its owner's quota. */
  size: number;
}

export interface AttachmentView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

/** A whole message (`GET /api/messages/:id`). */
export interface Message extends MessageSummary {
  bodyHtml: string;
  bodyText: string;
  attachments: AttachmentView[];
  /** The reader's own copy of the message this one answers, if they still have it. */
  inReplyTo: string | null;
  /** Drafts only: recipients as typed. */
  draftTo?: string[];
  draftCc?: string[];
}

const attachmentCount = sql<number>`(select count(*)::int from ${messageAttachments} where ${messageAttachments.messageId} = ${messages.id})`;

const { search: _search, ...storedColumns } = getTableColumns(messages);

/** The columns a summary needs: no bodies, no search document. */
export const summaryColumns = {
  id: messages.id,
  threadId: messages.threadId,
  folder: messages.folder,
  fromAddress: messages.fromAddress,
  toAddresses: messages.toAddresses,
  ccAddresses: messages.ccAddresses,
  subject: messages.subject,
  snippet: messages.snippet,
  date: messages.date,
  read: messages.read,
  starred: messages.starred,
  size: messages.size,
  attachmentCount,
};

/** Every stored column but the search document, and the attachment count. */
export const messageColumns = { ...storedColumns, attachmentCount };

type StoredRow = Omit<MessageRow, 'search'>;
export type SummaryRow = Pick<StoredRow, Exclude<keyof typeof summaryColumns, 'attachmentCount'>> & {
  attachmentCount: number;
};
export type FullRow = StoredRow & { attachmentCount: number };

export function toSummary(row: SummaryRow): MessageSummary {
  return {
    id: row.id,
    threadId: row.threadId,
    folder: row.folder,
    from: row.fromAddress,
    to: row.toAddresses,
    cc: row.ccAddresses,
    subject: row.subject,
    snippet: row.snippet,
    date: row.date.toISOString(),
    read: row.read,
    starred: row.starred,
    attachmentCount: row.attachmentCount,
    size: row.size,
  };
}

export function toMessage(row: FullRow, attachments: AttachmentView[], inReplyTo: string | null): Message {
  const message: Message = {
    ...toSummary(row),
    bodyHtml: row.bodyHtml,
    bodyText: row.bodyText,
    attachments,
    inReplyTo,
  };
  if (row.folder === 'drafts' || row.previousFolder === 'drafts') {
    message.draftTo = row.draftTo ?? [];
    message.draftCc = row.draftCc ?? [];
  }
  return message;
}
