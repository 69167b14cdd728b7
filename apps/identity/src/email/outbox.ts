import type { OutboxMessage as ContractOutboxMessage, OutboxEntry } from '@orbit/contracts';
import { desc, eq, lt } from 'drizzle-orm';
import type { IdentityDb } from '../kernel/db.js';
import type { SecretBox } from '../oidc/index.js';
import { type EmailMessageRow, emailMessages } from './schema.js';

/** A message as admins see it in the list (`@orbit/contracts`). */
export type { OutboxEntry };

/** One message with its body: only ever for the development outbox (SMTP messages never show theirs). */
export type OutboxMessage = Omit<ContractOutboxMessage, 'bodyWithheld'>;

const entryOf = (row: EmailMessageRow): OutboxEntry => ({
  id: row.id,
  to: row.to,
  locale: row.locale,
  template: row.template,
  subject: row.subject,
  status: row.status,
  transport: row.transport,
  attempts: row.attempts,
  lastError: row.lastError,
  createdAt: row.createdAt.toISOString(),
  sentAt: row.sentAt?.toISOString() ?? null,
});

/**
 * The admin view of sent mail. In `outbox` mode (no SMTP) it is the development outbox and shows bodies, links
 * included, so a newcomer can finish every email flow locally. In `smtp` mode it shows delivery status only:
 * a body there would hand admins other people's reset links.
 */
export function createOutbox({ db, box, mode }: { db: IdentityDb; box: SecretBox; mode: 'smtp' | 'outbox' }) {
  return {
    mode,
    /** Newest first; `before` is the id of the last entry already shown. */
    async list({ before, limit }: { before?: number | undefined; limit: number }) {
      const rows = await db
        .select()
        .from(emailMessages)
        .where(before === undefined ? undefined : lt(emailMessages.id, before))
        .orderBy(desc(emailMessages.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      return {
        mode,
        messages: page.map(entryOf),
        nextBefore: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
      };
    },

    async get(id: number): Promise<OutboxMessage | undefined> {
      const [row] = await db.select().from(emailMessages).where(eq(emailMessages.id, id));
      if (!row) return undefined;
      const showBody = mode === 'outbox' && row.transport !== 'smtp' && row.bodySealed !== null;
      const body = showBody ? openBody(box, row.bodySealed as string) : undefined;
      return { ...entryOf(row), text: body?.text ?? null, html: body?.html ?? null };
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;

/** A sealed body, or nothing when it can't be opened (sealed under another key-encryption key). */
export function openBody(box: SecretBox, sealed: string): { text: string; html: string } | undefined {
  try {
    return JSON.parse(box.open(sealed)) as { text: string; html: string };
  } catch {
    return undefined;
  }
}

/**
 * The block the development outbox prints in the `npm start` terminal: plain lines (npm start prefixes each with
 * the process name), with the text body and its links whole, so they can be clicked or copied.
 */
export function formatForTerminal(row: Pick<EmailMessageRow, 'id' | 'to' | 'subject'>, text: string): string {
  const rule = '─'.repeat(72);
  return [
    '',
    `┌${rule}`,
    `│ Development outbox — message ${row.id} (not sent: ORBIT_SMTP_URL is not set)`,
    `│ To:      ${row.to}`,
    `│ Subject: ${row.subject}`,
    `├${rule}`,
    ...text
      .trimEnd()
      .split('\n')
      .map((line) => `│ ${line}`.trimEnd()),
    `└${rule}`,
    '',
    '',
  ].join('\n');
}
