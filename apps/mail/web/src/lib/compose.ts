import type { Address, Attachment, DraftInput, Message, NewAttachment, SendInput } from '../api/types';
import { addressIdentifier, joinRecipients, replyRecipients, splitRecipients } from './recipients';
import { forwardBody, forwardSubject, replyBody, replySubject } from './reply';

/** A file picked in the composer and read, not yet uploaded. */
export interface PendingAttachment extends NewAttachment {
  /** Tells two files of the same name apart in the list. */
  key: string;
  size: number;
}

/** Everything the composer holds. Plain data, so it can be kept in sessionStorage across a sign-in. */
export interface ComposeState {
  mode: 'new' | 'reply' | 'forward' | 'draft';
  to: string;
  cc: string;
  showCc: boolean;
  subject: string;
  bodyText: string;
  inReplyTo: string | null;
  /** The message forwarded; the server copies its attachments. */
  forwardOf: string | null;
  forwardedAttachments: Attachment[];
  /** Set once saved as a draft: later saves update it, and Send sends it. */
  draftId: string | null;
  /** Attachments already stored with the draft. */
  savedAttachments: Attachment[];
  removeAttachmentIds: string[];
  newAttachments: PendingAttachment[];
  /**
   * Sent as `Idempotency-Key`. Made when the composer opens and kept while a send's outcome is unknown, so
   * retrying after a network error can't deliver the message twice.
   */
  idempotencyKey: string;
  /** What the fields held when the composer opened, to tell whether anything was written since. */
  baseline: string;
}

function fingerprint(state: Pick<ComposeState, 'to' | 'cc' | 'subject' | 'bodyText'>): string {
  return JSON.stringify([state.to, state.cc, state.subject, state.bodyText]);
}

function compose(
  fields: Partial<ComposeState> & Pick<ComposeState, 'mode'>,
  newKey: () => string,
): ComposeState {
  const state: ComposeState = {
    to: '',
    cc: '',
    showCc: false,
    subject: '',
    bodyText: '',
    inReplyTo: null,
    forwardOf: null,
    forwardedAttachments: [],
    draftId: null,
    savedAttachments: [],
    removeAttachmentIds: [],
    newAttachments: [],
    idempotencyKey: newKey(),
    baseline: '',
    ...fields,
  };
  state.showCc ||= state.cc !== '';
  state.baseline = fingerprint(state);
  return state;
}

export function newCompose(newKey: () => string, to = ''): ComposeState {
  return compose({ mode: 'new', to }, newKey);
}

/** A reply: "Re: …" to the sender (reply all: everyone else too), the original quoted under `attribution`. */
export function replyCompose(
  message: Message,
  me: Pick<Address, 'sub'>,
  all: boolean,
  attribution: string,
  newKey: () => string,
): ComposeState {
  const recipients = replyRecipients(message, me, all);
  return compose(
    {
      mode: 'reply',
      to: joinRecipients(recipients.to),
      cc: joinRecipients(recipients.cc),
      subject: replySubject(message.subject),
      bodyText: replyBody(attribution, message.bodyText),
      inReplyTo: message.id,
    },
    newKey,
  );
}

/** A forward: "Fwd: …", nobody to send to yet, the original's headers and text, and its attachments. */
export function forwardCompose(
  message: Message,
  headerLines: readonly string[],
  newKey: () => string,
): ComposeState {
  return compose(
    {
      mode: 'forward',
      subject: forwardSubject(message.subject),
      bodyText: forwardBody(headerLines, message.bodyText),
      forwardOf: message.id,
      forwardedAttachments: message.attachments,
    },
    newKey,
  );
}

/** A saved draft, reopened as it was typed. */
export function draftCompose(draft: Message, newKey: () => string): ComposeState {
  return compose(
    {
      mode: 'draft',
      to: joinRecipients(draft.draftTo ?? draft.to.map(addressIdentifier)),
      cc: joinRecipients(draft.draftCc ?? draft.cc.map(addressIdentifier)),
      subject: draft.subject,
      bodyText: draft.bodyText,
      inReplyTo: draft.inReplyTo,
      draftId: draft.id,
      savedAttachments: draft.attachments,
    },
    newKey,
  );
}

/** Whether closing the composer would lose anything written or attached. */
export function isDirty(state: ComposeState): boolean {
  return (
    fingerprint(state) !== state.baseline ||
    state.newAttachments.length > 0 ||
    state.removeAttachmentIds.length > 0
  );
}

/** Whether the stored draft lags behind the composer's attachments, so it must be saved before sending. */
export function hasUnsavedAttachments(state: ComposeState): boolean {
  return state.newAttachments.length > 0 || state.removeAttachmentIds.length > 0;
}

export function recipientsOf(state: Pick<ComposeState, 'to' | 'cc'>): { to: string[]; cc: string[] } {
  const to = splitRecipients(state.to);
  const seen = new Set(to.map((r) => r.toLowerCase()));
  const cc = splitRecipients(state.cc).filter((r) => !seen.has(r.toLowerCase()));
  return { to, cc };
}

const upload = ({ filename, contentType, dataBase64 }: PendingAttachment): NewAttachment => ({
  filename,
  contentType,
  dataBase64,
});

/** The body of `POST /api/drafts` or `PUT /api/drafts/:id`. */
export function draftInput(state: ComposeState): DraftInput {
  const { to, cc } = recipientsOf(state);
  const input: DraftInput = { to, cc, subject: state.subject, bodyText: state.bodyText };
  if (state.inReplyTo) input.inReplyTo = state.inReplyTo;
  if (state.newAttachments.length > 0) input.attachments = state.newAttachments.map(upload);
  if (state.removeAttachmentIds.length > 0) input.removeAttachmentIds = [...state.removeAttachmentIds];
  return input;
}

/**
 * The body of `POST /api/send`. A saved draft is sent by id (its attachments are already stored, so the
 * composer saves it first when they changed); anything else carries its new attachments itself.
 */
export function sendInput(state: ComposeState): SendInput {
  const { to, cc } = recipientsOf(state);
  const input: SendInput = { to, subject: state.subject, bodyText: state.bodyText };
  if (cc.length > 0) input.cc = cc;
  if (state.draftId) input.draftId = state.draftId;
  if (state.inReplyTo) input.inReplyTo = state.inReplyTo;
  if (state.forwardOf) input.forwardOf = state.forwardOf;
  if (!state.draftId && state.newAttachments.length > 0) input.attachments = state.newAttachments.map(upload);
  return input;
}

/** The composer after its draft was saved: the server now holds the attachments. */
export function afterDraftSaved(state: ComposeState, draft: Message): ComposeState {
  return {
    ...state,
    draftId: draft.id,
    savedAttachments: draft.attachments,
    newAttachments: [],
    removeAttachmentIds: [],
  };
}
