import { and, desc, eq, sql } from 'drizzle-orm';
import type { TemplateName } from '../email/index.js';
import { emailMessages } from '../email/index.js';
import type { TestHub } from './hub.js';

/** The templates of every message to an address, oldest first. */
export async function templatesTo(hub: Pick<TestHub, 'db'>, to: string): Promise<string[]> {
  const rows = await hub.db
    .select({ template: emailMessages.template })
    .from(emailMessages)
    .where(sql`lower(${emailMessages.to}) = lower(${to})`)
    .orderBy(emailMessages.id);
  return rows.map((r) => r.template);
}

/**
 * The link in the newest `template` message to `to`, read from the development outbox as an admin sees it (its
 * text body), so tests take links the way a person would.
 */
export async function linkIn(
  hub: Pick<TestHub, 'db' | 'services'>,
  to: string,
  template: TemplateName,
): Promise<string> {
  const [row] = await hub.db
    .select({ id: emailMessages.id })
    .from(emailMessages)
    .where(and(sql`lower(${emailMessages.to}) = lower(${to})`, eq(emailMessages.template, template)))
    .orderBy(desc(emailMessages.id))
    .limit(1);
  if (!row) throw new Error(`no ${template} message to ${to}`);
  const message = await hub.services.email.outbox.get(row.id);
  const link = /https?:\/\/[^\s<>"]+[?&]token=[\w-]+/.exec(message?.text ?? '')?.[0];
  if (!link) throw new Error(`no link in the ${template} message to ${to}`);
  return link;
}

/** The token a link carries. */
export const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

/** Verifies an address through the link the hub mailed it (the test's shortcut for a person clicking it). */
export async function verifyEmail(hub: Pick<TestHub, 'db' | 'services'>, to: string): Promise<void> {
  const token = tokenOf(await linkIn(hub, to, 'email_verify'));
  await hub.services.emailVerification.verify(token, { ip: null, userAgent: '' });
}
