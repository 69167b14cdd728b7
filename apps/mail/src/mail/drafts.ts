import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { MailDb } from '../db/open.js';
import { type Address, messages } from '../db/schema.js';
import {
  attachmentsOfMessage,
  checkAttachmentSizes,
  linkAttachments,
  storeAttachments,
  unlinkAttachments,
} from './attachments.js';
import type { Clock } from './clock.js';
import { notFound, quotaExceeded } from './errors.js';
import type { DraftInput } from './input.js';
import { type LimitsOf, toAddress } from './ports.js';
import { copySize, lockMailboxes, usageOf } from './quota.js';
import { answeredMessage, hydrate, ownedRow } from './reading.js';
import { typedRecipients } from './recipients.js';
import { type Body, prepareBody, snippetOf } from './sanitize.js';
import { participantsOf, searchDocument } from './search.js';
import type { FullRow, Message } from './views.js';

export interface DraftsDeps {
  db: MailDb;
  clock: Clock;
  limits: LimitsOf;
}

/**
 * Drafts: copies in the `drafts` folder whose recipients are kept as typed and resolved only when sent. Their
 * bodies and files count against the quota like any other copy.
 */
export function createDrafts({ db, clock, limits }: DraftsDeps) {
  async function save(sender: Address, id: string | undefined, input: DraftInput): Promise<Message> {
    const owner = sender.sub;
    const { quotaBytes, attachmentBytes } = await limits(owner);
    const files = input.attachments ?? [];
    checkAttachmentSizes(files, attachmentBytes);
    const givesBody = input.bodyHtml !== undefined || input.bodyText !== undefined;
    const newBody = givesBody ? prepareBody(input) : undefined;
    return db.transaction(async (tx) => {
      let current: FullRow | undefined;
      if (id !== undefined) {
        current = await ownedRow(tx, owner, id, 'update');
        if (current.folder !== 'drafts') throw notFound();
      }
      const reply =
        input.inReplyTo === undefined ? undefined : await answeredMessage(tx, owner, input.inReplyTo);
      const subject = input.subject ?? current?.subject ?? '';
      const body: Body = newBody ?? { html: current?.bodyHtml ?? '', text: current?.bodyText ?? '' };
      const draftTo = input.to === undefined ? (current?.draftTo ?? []) : typedRecipients(input.to);
      const draftCc = input.cc === undefined ? (current?.draftCc ?? []) : typedRecipients(input.cc);

      await lockMailboxes(tx, [owner]);
      const attached = current ? await attachmentsOfMessage(tx, current.id) : [];
      const removing = new Set(input.removeAttachmentIds ?? []);
      const kept = attached.filter((a) => !removing.has(a.id));
      const size = copySize(subject, body, [
        ...kept.map((a) => a.size),
        ...files.map((f) => f.data.byteLength),
      ]);
      const before = current?.size ?? 0;
      const used = (await usageOf(tx, [owner])).get(owner) ?? 0;
      // A draft that does not grow may always be saved, even in a mailbox over a lowered quota.
      if (size > before && used - before + size > quotaBytes) throw quotaExceeded('sender', quotaBytes);

      const now = clock.now();
      const participants = participantsOf([sender], [...draftTo, ...draftCc]);
      const filenames = [...kept.map((a) => a.filename), ...files.map((f) => f.filename)];
      const fields = {
        fromAddress: toAddress(sender),
        draftTo,
        draftCc,
        subject,
        bodyHtml: body.html,
        bodyText: body.text,
        snippet: snippetOf(body.text),
        participants,
        search: searchDocument({ subject, participants, bodyText: body.text, filenames }),
        size,
        date: now,
        ...(reply ? { threadId: reply.threadId, inReplyToSendId: reply.sendId } : {}),
      };
      const [row] = current
        ? await tx
            .update(messages)
            .set(fields)
            .where(eq(messages.id, current.id))
            .returning({ id: messages.id })
        : await tx
            .insert(messages)
            .values({
              threadId: randomUUID(),
              ...fields,
              ownerSub: owner,
              folder: 'drafts',
              read: true,
              toAddresses: [],
              ccAddresses: [],
              createdAt: now,
            })
            .returning({ id: messages.id });
      const draftId = row!.id;
      await unlinkAttachments(
        tx,
        draftId,
        attached.filter((a) => removing.has(a.id)).map((a) => a.id),
      );
      const stored = await storeAttachments(tx, clock, files);
      const nextPosition = Math.max(-1, ...attached.map((a) => a.position)) + 1;
      await linkAttachments(tx, [draftId], stored, nextPosition);
      const [message] = await hydrate(tx, owner, [await ownedRow(tx, owner, draftId)]);
      return message!;
    });
  }

  return {
    /** `POST /api/drafts`. */
    createDraft: (sender: Address, input: DraftInput) => save(sender, undefined, input),
    /** `PUT /api/drafts/:id`: given fields replace the draft's; files are added and removed. */
    updateDraft: (sender: Address, id: string, input: DraftInput) => save(sender, id, input),
  };
}

export type Drafts = ReturnType<typeof createDrafts>;
