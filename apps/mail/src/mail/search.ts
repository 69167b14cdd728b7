import { snippet, toTsvector } from '@orbit/search';
import { searchMatches } from '@orbit/search/drizzle';
import { asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { MailDb, MigrationLog } from '../db/open.js';
import { type Address, attachments, messageAttachments, messages } from '../db/schema.js';

/**
 * Search in Mail is `@orbit/search`: words for alphabetic text, bigrams over Chinese, Japanese and Korean
 * runs, so `中文` finds `这是中文内容测试`. Each copy stores its document in `messages.search`, written with the
 * copy; queries take web-search syntax (quotes, `-word`, `or`) and the last word as a prefix.
 */

/** The body is tokenized up to here: enough for any real mail, and a bound on the work per write. */
const BODY_INDEXED = 200_000;

export interface Searchable {
  subject: string;
  participants: string;
  bodyText: string;
  /** Attachment file names, each its own text (no phrase spans two). */
  filenames: readonly string[];
}

/** The tsvector text of one copy: the subject weighs most, then people and file names, then the body. */
export function searchDocument(m: Searchable): string {
  return toTsvector([
    { text: m.subject, weight: 'A' },
    { text: m.participants, weight: 'B' },
    { text: m.filenames, weight: 'B' },
    { text: m.bodyText.slice(0, BODY_INDEXED), weight: 'C' },
  ]);
}

/** The condition a message matches `q` on, or undefined when `q` holds nothing searchable. */
export function matches(q: string): SQL | undefined {
  return searchMatches(messages.search, q);
}

/**
 * The start of the body a search result's snippet is cut from. Tokenizing it costs ~0.5 ms per 1 000
 * characters, per result; a match further in leaves the result its usual snippet.
 */
export const snippetSource = sql<string>`left(${messages.bodyText}, 5000)`;

/**
 * A result's snippet: the passage around the first match in the body, or undefined when the body holds none
 * (the match was in the subject, a name or a file name) and the usual snippet fits.
 */
export function resultSnippet(body: string, q: string, length: number): string | undefined {
  const parts = snippet(body, q, { length });
  return parts.some((p) => p.match) ? parts.map((p) => p.text).join('') : undefined;
}

/** The names, handles and account numbers a message is found by; drafts add their recipients as typed. */
export function participantsOf(addresses: Address[], typed: string[] = []): string {
  return [...addresses.flatMap((a) => [a.displayName, a.handle, a.accountNumber]), ...typed].join(' ');
}

/**
 * Writes the search document of every copy that has none: those from before migration 0003, or all of them
 * after a migration that resets the column because tokens changed. Runs at start-up, a batch per
 * transaction; the rows are locked and skipped by another instance doing the same, and a copy saved
 * meanwhile waits for its batch, then writes its own document. Returns how many copies it indexed.
 */
export async function backfillSearch(
  db: MailDb,
  log?: Pick<MigrationLog, 'info'>,
  batchSize = 200,
): Promise<number> {
  let indexed = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const pending = await tx
        .select({
          id: messages.id,
          subject: messages.subject,
          participants: messages.participants,
          bodyText: messages.bodyText,
        })
        .from(messages)
        .where(isNull(messages.search))
        .orderBy(asc(messages.id))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      if (pending.length === 0) return 0;
      const files = await tx
        .select({ messageId: messageAttachments.messageId, filename: attachments.filename })
        .from(messageAttachments)
        .innerJoin(attachments, eq(attachments.id, messageAttachments.attachmentId))
        .where(
          inArray(
            messageAttachments.messageId,
            pending.map((p) => p.id),
          ),
        )
        .orderBy(messageAttachments.position);
      for (const row of pending) {
        const filenames = files.filter((f) => f.messageId === row.id).map((f) => f.filename);
        await tx
          .update(messages)
          .set({ search: searchDocument({ ...row, filenames }) })
          .where(eq(messages.id, row.id));
      }
      return pending.length;
    });
    if (done === 0) break;
    indexed += done;
    log?.info({ indexed }, 'search documents written');
  }
  return indexed;
}
