import { randomUUID } from 'node:crypto';
import type { MailDb, Queryable } from '../db/open.js';
import { type Address, messages } from '../db/schema.js';
import {
  attachmentsOfMessage,
  checkAttachmentSizes,
  deleteCopies,
  linkAttachments,
  type StoredAttachment,
  storeAttachments,
} from './attachments.js';
import type { Clock } from './clock.js';
import { idempotencyConflict, notFound, quotaExceeded } from './errors.js';
import { claimKey, findKey, type KeyRecord, requestHash } from './idempotency.js';
import type { SendInput } from './input.js';
import { type Directory, type LimitsOf, type MailLimits, type SendRate, toAddress } from './ports.js';
import { copySize, lockMailboxes, usageOf } from './quota.js';
import { countSend } from './rate-limit.js';
import { answeredMessage, findOwned, messageOf } from './reading.js';
import { resolveRecipients } from './recipients.js';
import { prepareBody, snippetOf } from './sanitize.js';
import { participantsOf, searchDocument } from './search.js';
import type { FullRow, Message } from './views.js';

export interface SendDeps {
  db: MailDb;
  clock: Clock;
  directory: Directory;
  limits: LimitsOf;
  rate: SendRate;
}

export interface SendResult {
  /** The sender's Sent copy. */
  message: Message;
  /** True when the key had already been used for this request: nothing was delivered this time. */
  replayed: boolean;
}

async function replay(db: Queryable, owner: string, earlier: KeyRecord, hash: string): Promise<SendResult> {
  if (earlier.requestHash !== hash) throw idempotencyConflict();
  return { message: await messageOf(db, owner, earlier.messageId), replayed: true };
}

/** Files from the draft being sent and the message being forwarded, each once, in that order. */
async function carriedFiles(
  tx: Queryable,
  owner: string,
  draft: FullRow | undefined,
  forwardOf: string | undefined,
): Promise<StoredAttachment[]> {
  const files: StoredAttachment[] = [];
  if (draft) {
    // Sent while another request sent or deleted it: there is no draft left to send.
    if ((await findOwned(tx, owner, draft.id, 'update'))?.folder !== 'drafts') throw notFound();
    files.push(...(await attachmentsOfMessage(tx, draft.id)));
  }
  if (forwardOf !== undefined) {
    const original = await findOwned(tx, owner, forwardOf);
    if (!original?.sendId) throw notFound();
    files.push(...(await attachmentsOfMessage(tx, original.id)));
  }
  const seen = new Set<string>();
  return files
    .filter((f) => !seen.has(f.id) && seen.add(f.id))
    .map(({ id, size, filename }) => ({ id, size, filename }));
}

/** Refuses the send when the sender's mailbox or any recipient's cannot take its copy. */
async function checkQuotas(
  tx: Queryable,
  sender: Address,
  recipients: Address[],
  limits: Map<string, MailLimits>,
  size: number,
  freedBytes: number,
): Promise<void> {
  const needed = new Map<string, number>([[sender.sub, size - freedBytes]]);
  for (const r of recipients) needed.set(r.sub, (needed.get(r.sub) ?? 0) + size);
  const usage = await usageOf(tx, [...needed.keys()]);
  const over = (sub: string) => (usage.get(sub) ?? 0) + (needed.get(sub) ?? 0) > limits.get(sub)!.quotaBytes;
  if (over(sender.sub)) throw quotaExceeded('sender', limits.get(sender.sub)!.quotaBytes);
  const full = recipients.filter((r) => r.sub !== sender.sub && over(r.sub));
  if (full.length > 0) {
    throw quotaExceeded(
      full.map((r) => r.handle),
      Math.min(...full.map((r) => limits.get(r.sub)!.quotaBytes)),
    );
  }
}

/**
 * Sending: one transaction writes the sender's Sent copy and one Inbox copy per distinct recipient, or nothing.
 * The idempotency key is claimed first inside it, so of several concurrent requests with one key exactly one
 * delivers; the others answer its result.
 */
export function createSender({ db, clock, directory, limits, rate }: SendDeps) {
  return {
    /**
     * `POST /api/send`. Unknown recipients, a file over the attachment limit, a full mailbox or the send rate
     * refuse the whole send; sending a draft deletes it.
     *
     * @example
     * const { message, replayed } = await mailbox.send(user, input, c.req.header('idempotency-key'));
     * return c.json({ message }, replayed ? 200 : 201);
     */
    async send(sender: Address, input: SendInput, idempotencyKey: string): Promise<SendResult> {
      const owner = sender.sub;
      const hash = requestHash(input);
      const earlier = await findKey(db, owner, idempotencyKey);
      if (earlier) return replay(db, owner, earlier, hash);

      const draft = input.draftId === undefined ? undefined : await findOwned(db, owner, input.draftId);
      if (input.draftId !== undefined && draft?.folder !== 'drafts') throw notFound();
      const recipients = await resolveRecipients(
        directory,
        input.to ?? draft?.draftTo ?? [],
        input.cc ?? draft?.draftCc ?? [],
      );
      const files = input.attachments ?? [];
      const subs = [...new Set([owner, ...recipients.all.map((r) => r.sub)])];
      const limitsBySub = new Map(
        await Promise.all(subs.map(async (sub) => [sub, await limits(sub)] as const)),
      );
      checkAttachmentSizes(files, limitsBySub.get(owner)!.attachmentBytes);
      const givesBody = input.bodyHtml !== undefined || input.bodyText !== undefined;
      const body = givesBody || !draft ? prepareBody(input) : { html: draft.bodyHtml, text: draft.bodyText };
      const subject = input.subject ?? draft?.subject ?? '';

      return db.transaction(async (tx) => {
        const now = clock.now();
        const sentId = randomUUID();
        const claim = await claimKey(
          tx,
          owner,
          idempotencyKey,
          { requestHash: hash, messageId: sentId },
          now,
        );
        if (!claim.claimed) return replay(tx, owner, claim.earlier, hash);
        await countSend(tx, owner, now, rate);

        const answered =
          input.inReplyTo !== undefined
            ? await answeredMessage(tx, owner, input.inReplyTo)
            : draft?.inReplyToSendId
              ? { threadId: draft.threadId, sendId: draft.inReplyToSendId }
              : undefined;
        const carried = await carriedFiles(tx, owner, draft, input.forwardOf);
        await lockMailboxes(tx, subs);
        const size = copySize(subject, body, [
          ...carried.map((f) => f.size),
          ...files.map((f) => f.data.byteLength),
        ]);
        await checkQuotas(tx, sender, recipients.all, limitsBySub, size, draft?.size ?? 0);

        const stored = await storeAttachments(tx, clock, files);
        const sendId = randomUUID();
        const participants = participantsOf([sender, ...recipients.all]);
        const copy = {
          threadId: answered?.threadId ?? draft?.threadId ?? randomUUID(),
          sendId,
          inReplyToSendId: answered?.sendId ?? null,
          fromAddress: toAddress(sender),
          toAddresses: recipients.to,
          ccAddresses: recipients.cc,
          subject,
          bodyHtml: body.html,
          bodyText: body.text,
          snippet: snippetOf(body.text),
          participants,
          search: searchDocument({
            subject,
            participants,
            bodyText: body.text,
            filenames: [...carried, ...stored].map((f) => f.filename),
          }),
          size,
          date: now,
          createdAt: now,
        };
        const copies = await tx
          .insert(messages)
          .values([
            { ...copy, id: sentId, ownerSub: owner, folder: 'sent' as const, read: true },
            ...recipients.all.map((r) => ({
              ...copy,
              ownerSub: r.sub,
              folder: 'inbox' as const,
              read: false,
            })),
          ])
          .returning({ id: messages.id });
        await linkAttachments(
          tx,
          copies.map((c) => c.id),
          [...carried, ...stored],
        );
        if (draft) await deleteCopies(tx, owner, [draft.id]);
        return { message: await messageOf(tx, owner, sentId), replayed: false };
      });
    },
  };
}

export type Sender = ReturnType<typeof createSender>;
