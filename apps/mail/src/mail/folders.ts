import { and, asc, count, desc, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { MailDb } from '../db/open.js';
import { messages } from '../db/schema.js';
import { decodeCursor, encodeCursor, isUuid } from './cursor.js';
import { notFound } from './errors.js';
import type { FolderView } from './input.js';
import { hydrate, ownedRow } from './reading.js';
import { SNIPPET_LENGTH } from './sanitize.js';
import { matches, resultSnippet, snippetSource } from './search.js';
import { type Message, type MessageSummary, messageColumns, summaryColumns, toSummary } from './views.js';

export interface ListOptions {
  /** A folder, or `all` for every folder but the trash. Default `inbox`. */
  folder?: FolderView | undefined;
  /** Starred messages in every folder but the trash, whatever `folder` says. */
  starred?: boolean | undefined;
  /** Full-text search within the folder. */
  q?: string | undefined;
  cursor?: string | undefined;
  /** 1 to 100, default 50. */
  limit?: number | undefined;
}

export interface Page {
  messages: MessageSummary[];
  nextCursor: string | null;
}

const DEFAULT_PAGE = 50;
const MAX_PAGE = 100;

/** Reading a mailbox: listings by folder, star or search, newest first; single messages; threads. */
export function createFolders({ db }: { db: MailDb }) {
  return {
    /** `GET /api/messages`: newest first, paged by an opaque cursor of the last (date, id) shown. */
    async list(owner: string, options: ListOptions = {}): Promise<Page> {
      const limit = Math.min(MAX_PAGE, Math.max(1, Math.trunc(options.limit ?? DEFAULT_PAGE)));
      const folder = options.folder ?? 'inbox';
      const where: (SQL | undefined)[] = [eq(messages.ownerSub, owner)];
      if (options.starred) where.push(eq(messages.starred, true), ne(messages.folder, 'trash'));
      else if (folder === 'all') where.push(ne(messages.folder, 'trash'));
      else where.push(eq(messages.folder, folder));
      if (options.q) where.push(matches(options.q));
      if (options.cursor) {
        const after = decodeCursor(options.cursor);
        // Raw SQL parameters carry no column type, hence the casts.
        where.push(
          sql`(${messages.date}, ${messages.id}) < (${after.date.toISOString()}::timestamptz, ${after.id}::uuid)`,
        );
      }
      const rows = await db
        .select({ ...summaryColumns, snippetSource: options.q ? snippetSource : sql<null>`null` })
        .from(messages)
        .where(and(...where))
        .orderBy(desc(messages.date), desc(messages.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        messages: page.map((row) => {
          const summary = toSummary(row);
          // A search result shows the passage the query matched, when it is in the body.
          const found =
            options.q && row.snippetSource && resultSnippet(row.snippetSource, options.q, SNIPPET_LENGTH);
          return found ? { ...summary, snippet: found } : summary;
        }),
        nextCursor: rows.length > limit && last ? encodeCursor({ date: last.date, id: last.id }) : null,
      };
    },

    /** Unread messages in the inbox (also the launcher's badge). */
    async unreadCount(owner: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(messages)
        .where(and(eq(messages.ownerSub, owner), eq(messages.folder, 'inbox'), eq(messages.read, false)));
      return row?.n ?? 0;
    },

    /** `GET /api/messages/:id`: the whole message, marked read. */
    async openMessage(owner: string, id: string): Promise<Message> {
      const row = await ownedRow(db, owner, id);
      if (!row.read) {
        await db
          .update(messages)
          .set({ read: true })
          .where(and(eq(messages.ownerSub, owner), eq(messages.id, id)));
        row.read = true;
      }
      const [message] = await hydrate(db, owner, [row]);
      return message!;
    },

    /** `GET /api/threads/:threadId`: the owner's copies in the thread, oldest first, trash left out. */
    async thread(owner: string, threadId: string): Promise<Message[]> {
      if (!isUuid(threadId)) throw notFound();
      const rows = await db
        .select(messageColumns)
        .from(messages)
        .where(
          and(eq(messages.ownerSub, owner), eq(messages.threadId, threadId), ne(messages.folder, 'trash')),
        )
        .orderBy(asc(messages.date), asc(messages.id));
      if (rows.length === 0) throw notFound();
      return hydrate(db, owner, rows);
    },
  };
}

export type Folders = ReturnType<typeof createFolders>;
