import { eq } from 'drizzle-orm';
import { accounts, type Locale } from '../db/schema.js';
import { GOOD_PASSWORD, uniqueHandle } from '../test/client.js';
import type { TestHub } from '../test/hub.js';
import { emailMessages } from './schema.js';

/** An account whose address is verified (as B's link would leave it), in the given language. */
export async function verifiedAccount(
  hub: TestHub,
  { displayName = 'Ada Lovelace', locale = 'en' }: { displayName?: string; locale?: Locale } = {},
) {
  const handle = uniqueHandle('mail');
  const email = `${handle}@example.org`;
  const created = await hub.services.accounts.create({
    handle,
    displayName,
    password: GOOD_PASSWORD,
    locale,
  });
  await hub.db
    .update(accounts)
    .set({ email, emailVerifiedAt: hub.clock.now() })
    .where(eq(accounts.id, created.id));
  return { ...created, email, handle };
}

/** The messages recorded for an address, oldest first. */
export async function messagesTo(hub: TestHub, to: string) {
  const rows = await hub.db.select().from(emailMessages).where(eq(emailMessages.to, to));
  return rows.sort((a, b) => a.id - b.id);
}
