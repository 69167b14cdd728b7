/**
 * Orbit Mail's domain: what the routes call. Plain functions over the database, no Hono; see `createMailbox`.
 */
export type { Address, Folder } from '../db/schema.js';
export type { Download } from './attachments.js';
export { type Clock, systemClock } from './clock.js';
export { MAIL_ERROR_CODES } from './errors.js';
export type { ListOptions, Page } from './folders.js';
export {
  type DraftInput,
  draftInputSchema,
  type Flags,
  type FolderView,
  flagsSchema,
  folderViews,
  idempotencyKeySchema,
  type ListQuery,
  listQuerySchema,
  MAX_ATTACHMENTS,
  MAX_SUBJECT_LENGTH,
  type NewAttachment,
  type SendInput,
  sendInputSchema,
} from './input.js';
export { createMailbox, type Mailbox, type MailboxDeps, type Overview } from './mailbox.js';
export {
  configuredLimits,
  configuredRate,
  type Directory,
  fixedLimits,
  type LimitsOf,
  MAX_RECIPIENTS,
  type MailLimits,
  type SendRate,
} from './ports.js';
export type { SendResult } from './send.js';
export type { AttachmentView, Message, MessageSummary } from './views.js';
