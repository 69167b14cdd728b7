/** The Mail API's shapes, as apps/mail/API.md defines them. */

export interface Address {
  sub: string;
  accountNumber: string;
  handle: string;
  displayName: string;
}

export type Folder = 'inbox' | 'sent' | 'drafts' | 'trash';

export interface MessageSummary {
  id: string;
  threadId: string;
  folder: Folder;
  from: Address;
  to: Address[];
  cc: Address[];
  subject: string;
  /** The first ~140 characters of the text. */
  snippet: string;
  /** ISO; when it was sent (drafts: last saved). */
  date: string;
  read: boolean;
  starred: boolean;
  attachmentCount: number;
  /** Bytes this copy counts against the quota. */
  size: number;
}

export interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface Message extends MessageSummary {
  /** Sanitised by the server when written: safe to render. */
  bodyHtml: string;
  bodyText: string;
  attachments: Attachment[];
  /** The message (in this mailbox) it answers, if the reader still has it. */
  inReplyTo: string | null;
  /** Drafts only: the recipients as typed. */
  draftTo?: string[];
  draftCc?: string[];
}

export interface Me {
  user: Address;
  quota: { usedBytes: number; limitBytes: number };
  limits: { attachmentBytes: number; maxRecipients: number };
  unread: { inbox: number };
  /** The user's membership: tiers, levels, and which limits it raised above Mail's defaults. */
  membership: {
    tiers: string[];
    vipLevel: number;
    activityLevel: number;
    raised: { quota: boolean; attachment: boolean };
  };
}

export interface NewAttachment {
  filename: string;
  contentType: string;
  dataBase64: string;
}

export interface DraftInput {
  to?: string[];
  cc?: string[];
  subject?: string;
  bodyText?: string;
  inReplyTo?: string;
  attachments?: NewAttachment[];
  removeAttachmentIds?: string[];
}

export interface SendInput {
  draftId?: string;
  to: string[];
  cc?: string[];
  subject: string;
  bodyText?: string;
  inReplyTo?: string;
  forwardOf?: string;
  attachments?: NewAttachment[];
}

/** What a message list shows: one folder, the starred messages, or a search across all folders but trash. */
export type ListScope = Folder | 'starred' | 'all';

export interface MessagePage {
  messages: MessageSummary[];
  nextCursor: string | null;
}
