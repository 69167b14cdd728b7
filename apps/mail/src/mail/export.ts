import { toCsv } from '@orbit/contracts';
import type { ExportFile, ServiceExport } from '@orbit/sdk';
import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '../db/open.js';
import { type Address, attachments, messageAttachments, messages } from '../db/schema.js';

/** A file name kept from an attachment's own, at most this long (its extension kept). */
const MAX_NAME = 120;

/**
 * An attachment's name as a file in the archive: its own, without path separators, control characters or a
 * leading dot (nothing a zip tool could place outside its folder or hide), at most `MAX_NAME` characters with
 * its extension kept, and `attachment` when nothing is left.
 */
export function safeFileName(name: string): string {
  const cleaned = name
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes.
    .replace(/[/\\\u0000-\u001f\u007f:*?"<>|]/g, '_')
    .trim()
    .replace(/^[.\s]+/, '');
  if (!cleaned) return 'attachment';
  if (cleaned.length <= MAX_NAME) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : '';
  return `${cleaned.slice(0, MAX_NAME - extension.length)}${extension}`;
}

/** `report.pdf`, then `report (2).pdf`, … for names already taken in one folder. */
function unique(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
    const dot = name.lastIndexOf('.');
    candidate = dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

const addressText = (a: Address) => `${a.displayName} <${a.accountNumber}>`;

/**
 * Mail's part of the account's data export (docs/data-rights.md): every message of the mailbox `owner` — every
 * folder, drafts and trash too — with its addresses, subject, bodies, flags, folder, thread and dates, as
 * `messages.json` and a one-line-per-message `messages.csv`, and every attachment as its original bytes under
 * `attachments/<message id>/<file name>`.
 */
export async function exportMailbox(db: Queryable, owner: string): Promise<ServiceExport> {
  const rows = await db
    .select({
      id: messages.id,
      folder: messages.folder,
      previousFolder: messages.previousFolder,
      read: messages.read,
      starred: messages.starred,
      threadId: messages.threadId,
      sendId: messages.sendId,
      inReplyToSendId: messages.inReplyToSendId,
      from: messages.fromAddress,
      to: messages.toAddresses,
      cc: messages.ccAddresses,
      draftTo: messages.draftTo,
      draftCc: messages.draftCc,
      subject: messages.subject,
      bodyText: messages.bodyText,
      bodyHtml: messages.bodyHtml,
      size: messages.size,
      date: messages.date,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .where(eq(messages.ownerSub, owner))
    .orderBy(asc(messages.date), asc(messages.id));
  const files = await db
    .select({
      messageId: messageAttachments.messageId,
      id: attachments.id,
      filename: attachments.filename,
      contentType: attachments.contentType,
      size: attachments.size,
      data: attachments.data,
    })
    .from(messageAttachments)
    .innerJoin(messages, eq(messages.id, messageAttachments.messageId))
    .innerJoin(attachments, eq(attachments.id, messageAttachments.attachmentId))
    .where(eq(messages.ownerSub, owner))
    .orderBy(asc(messageAttachments.messageId), asc(messageAttachments.position), asc(attachments.id));

  const attachmentFiles: ExportFile[] = [];
  const listed = new Map<
    string,
    { id: string; filename: string; contentType: string; size: number; file: string }[]
  >();
  const taken = new Map<string, Set<string>>();
  for (const file of files) {
    const names = taken.get(file.messageId) ?? new Set<string>();
    taken.set(file.messageId, names);
    const path = `attachments/${file.messageId}/${unique(safeFileName(file.filename), names)}`;
    attachmentFiles.push({ path, data: new Uint8Array(file.data), contentType: file.contentType });
    const list = listed.get(file.messageId) ?? [];
    list.push({
      id: file.id,
      filename: file.filename,
      contentType: file.contentType,
      size: file.size,
      file: path,
    });
    listed.set(file.messageId, list);
  }

  const all = rows.map((row) => ({
    ...row,
    date: row.date.toISOString(),
    createdAt: row.createdAt.toISOString(),
    attachments: listed.get(row.id) ?? [],
  }));
  return {
    describe: {
      'messages.json':
        'Every message in your mailbox (inbox, sent, drafts and trash): addresses, subject, text and HTML bodies, read and star flags, folder, thread and dates.',
      'messages.csv': 'One line per message: folder, date, from, to, subject, flags and attachments.',
      'attachments/': 'Each attachment as the file that was sent, in a folder named after its message’s id.',
    },
    files: [
      { path: 'messages.json', data: all },
      {
        path: 'messages.csv',
        data: toCsv(
          ['id', 'folder', 'date', 'from', 'to', 'cc', 'subject', 'read', 'starred', 'thread', 'attachments'],
          all.map((m) => [
            m.id,
            m.folder,
            m.date,
            addressText(m.from),
            m.to.map(addressText).join('; '),
            m.cc.map(addressText).join('; '),
            m.subject,
            m.read,
            m.starred,
            m.threadId,
            m.attachments.length,
          ]),
        ),
      },
      ...attachmentFiles,
    ],
  };
}
