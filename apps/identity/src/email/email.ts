import { randomUUID } from 'node:crypto';
import { type JobHandler, type JobQueue, PermanentJobError } from '@orbit/jobs';
import { and, eq, gt } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { accounts, type Locale } from '../db/schema.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import type { SecretBox } from '../oidc/index.js';
import { createOutbox, formatForTerminal, openBody } from './outbox.js';
import { emailMessages } from './schema.js';
import { type RenderedEmail, renderEmail, type TemplateData, type TemplateName } from './templates.js';
import { createSmtpTransport } from './transport.js';

export { type TemplateData, type TemplateName, templateNames } from './templates.js';

export const EMAIL_QUEUE = 'email.send';
/**
 * Attempts before a message is given up: with the queue's backoff (2^n s, capped at an hour) the last is about
 * three hours after the first. Notices and reset links are stale by then (a reset link lives 30 minutes), and a
 * mail server down that long is an outage the operator sees in Admin → Outbox.
 */
const MAX_ATTEMPTS = 14;
/** Rows (with any body still kept) go this long after the message was queued, once sent or failed (housekeeping). */
export const EMAIL_RETENTION_MS = 30 * 24 * 60 * 60_000;

export interface EmailInput<T extends TemplateName> {
  to: string;
  locale: Locale;
  template: T;
  data: TemplateData[T];
  /** The account the message is about, when there is one (kept with the record). */
  accountId?: string | undefined;
  /** The IANA zone times are written in; UTC unless given. */
  timeZone?: string | undefined;
}

interface SealedBody {
  text: string;
  html: string;
}

/**
 * Outgoing mail (docs/email.md). `send` renders a message, records it with its body sealed, and queues its
 * delivery in the caller's transaction, so a message exists exactly when the change that caused it commits.
 * The worker (`deliver`) hands it to SMTP when `ORBIT_SMTP_URL` is set, else to the development outbox: printed
 * in the terminal and kept for admins.
 */
export function createEmail(deps: {
  db: IdentityDb;
  clock: Clock;
  queue: JobQueue;
  config: Config['email'];
  /** The product name messages carry (the WebAuthn relying party name, "Orbit" by default). */
  product: string;
  /** Seals bodies at rest: they hold live links. */
  box: SecretBox;
  /** Where the development outbox prints a delivered message (the terminal). */
  print: (block: string) => void;
}) {
  const { db, clock, queue, config, box } = deps;
  const smtp = config.smtpUrl ? createSmtpTransport(config.smtpUrl) : undefined;
  const messageIdHost = /@([^>\s]+)>?\s*$/.exec(config.from)?.[1] ?? 'orbit.invalid';

  async function send<T extends TemplateName>(input: EmailInput<T>, q: Queryable = db): Promise<number> {
    const rendered: RenderedEmail = renderEmail(input.template, input.locale, input.data, {
      product: deps.product,
      timeZone: input.timeZone,
    });
    const now = clock.now();
    const body: SealedBody = { text: rendered.text, html: rendered.html };
    const [row] = await q
      .insert(emailMessages)
      .values({
        accountId: input.accountId ?? null,
        to: input.to,
        locale: input.locale,
        template: input.template,
        subject: rendered.subject,
        bodySealed: box.seal(JSON.stringify(body)),
        messageId: `<${randomUUID()}@${messageIdHost}>`,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: emailMessages.id });
    if (!row) throw new Error('The message was not recorded.');
    await queue.enqueue(EMAIL_QUEUE, { messageId: row.id }, { tx: q, maxAttempts: MAX_ATTEMPTS });
    return row.id;
  }

  /**
   * Sends to the account's verified address, in the account's language and time zone. Nothing (undefined)
   * when the account has no verified address: mail only ever goes where its owner has proven they read it.
   */
  async function sendToAccount<T extends TemplateName>(
    accountId: string,
    template: T,
    data: TemplateData[T],
    q: Queryable = db,
  ): Promise<number | undefined> {
    const [account] = await q
      .select({
        email: accounts.email,
        verifiedAt: accounts.emailVerifiedAt,
        locale: accounts.locale,
        timeZone: accounts.timeZone,
      })
      .from(accounts)
      .where(eq(accounts.id, accountId));
    if (!account?.email || !account.verifiedAt) return undefined;
    return send(
      { to: account.email, locale: account.locale, template, data, accountId, timeZone: account.timeZone },
      q,
    );
  }

  /** Whether a message from `template` went to the account since `since` (the lock notice's hourly limit). */
  async function sentSince(accountId: string, template: TemplateName, since: Date, q: Queryable = db) {
    const [row] = await q
      .select({ id: emailMessages.id })
      .from(emailMessages)
      .where(
        and(
          eq(emailMessages.accountId, accountId),
          eq(emailMessages.template, template),
          gt(emailMessages.createdAt, since),
        ),
      )
      .limit(1);
    return row !== undefined;
  }

  /** Delivers one message; idempotent (a message already sent or given up is left alone). */
  const deliver: JobHandler<{ messageId: number }> = async (job) => {
    const [row] = await db.select().from(emailMessages).where(eq(emailMessages.id, job.payload.messageId));
    if (row?.status !== 'queued') return; // pruned with its account, or a repeated run
    const now = clock.now();
    const attempts = row.attempts + 1;
    // A body that is gone, or sealed with another key-encryption key than this hub's, can never be sent.
    const body = row.bodySealed ? openBody(box, row.bodySealed) : undefined;
    if (!body) {
      const reason = row.bodySealed
        ? 'The message body could not be opened (was ORBIT_KEY_ENCRYPTION_KEY changed?).'
        : 'The message body is gone.';
      await db
        .update(emailMessages)
        .set({ status: 'failed', attempts, lastError: reason, bodySealed: null, updatedAt: now })
        .where(eq(emailMessages.id, row.id));
      throw new PermanentJobError(reason);
    }
    if (!smtp) {
      // The development outbox keeps the body: showing it to the developer is the point.
      deps.print(formatForTerminal(row, body.text));
      await db
        .update(emailMessages)
        .set({ status: 'sent', transport: 'outbox', attempts, sentAt: now, updatedAt: now })
        .where(eq(emailMessages.id, row.id));
      return;
    }
    try {
      await smtp.send({
        from: config.from,
        to: row.to,
        subject: row.subject,
        text: body.text,
        html: body.html,
        messageId: row.messageId ?? `<${randomUUID()}@${messageIdHost}>`,
      });
    } catch (error) {
      const final = error instanceof PermanentJobError || job.attempts >= job.maxAttempts;
      await db
        .update(emailMessages)
        .set({
          status: final ? 'failed' : 'queued',
          transport: 'smtp',
          attempts,
          lastError: (error as Error).message,
          // Nothing will read a given-up body: its links go with it.
          ...(final ? { bodySealed: null } : {}),
          updatedAt: clock.now(),
        })
        .where(eq(emailMessages.id, row.id));
      throw error;
    }
    // SMTP has it now: the hub keeps no copy of the links it carried.
    await db
      .update(emailMessages)
      .set({ status: 'sent', transport: 'smtp', attempts, bodySealed: null, sentAt: now, updatedAt: now })
      .where(eq(emailMessages.id, row.id));
  };

  return {
    send,
    sendToAccount,
    sentSince,
    deliver,
    /** Delivers everything due now (tests, and catch-up). */
    deliverDue: (): Promise<number> => queue.runDue(EMAIL_QUEUE, deliver),
    /** What admins see: the development outbox with bodies, or SMTP delivery status without them. */
    outbox: createOutbox({ db, box, mode: smtp ? 'smtp' : 'outbox' }),
    /** Checks the SMTP settings by connecting and logging in (nothing to check for the development outbox). */
    verify: async (): Promise<void> => {
      await smtp?.verify();
    },
    close: () => smtp?.close(),
  };
}

export type Email = ReturnType<typeof createEmail>;
