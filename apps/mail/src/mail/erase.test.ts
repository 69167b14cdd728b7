import { ACCOUNT_DELETION_GRACE_DAYS, type AccountDeletionView } from '@orbit/contracts';
import { type HttpBrowser, ShiftedClock } from '@orbit/testing';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, idempotencyKeys, messageAttachments, messages, sendCounts } from '../db/schema.js';
import { type MailPlatform, startMailPlatform } from '../test/platform.js';
import { eraseMailbox } from './erase.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const clock = new ShiftedClock();
let p: MailPlatform;
beforeAll(async () => {
  p = await startMailPlatform({}, clock);
});
afterAll(async () => {
  await p?.close();
});

const api = (path: string) => `${p.mail.url}/api${path}`;
const file = (filename: string, text: string) => ({
  filename,
  contentType: 'text/plain',
  dataBase64: Buffer.from(text).toString('base64'),
});
const send = (browser: HttpBrowser, body: unknown) =>
  browser.json('POST', api('/send'), body, { 'idempotency-key': crypto.randomUUID() });

/** Polls until `check` holds: the hub delivers from its job queue. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('deleting an account deletes its mailbox', () => {
  it('after the grace period the hub tells Mail, which deletes every row of the account and acknowledges', async () => {
    const alice = await p.person('Alice');
    const bob = await p.person('Bob');
    const sent = await send(alice.browser, {
      to: [bob.account.handle],
      subject: 'Report',
      bodyText: 'Attached.',
      attachments: [file('report.txt', 'Q3')],
    });
    expect(sent.status).toBe(201);
    const reply = await send(bob.browser, {
      to: [alice.account.handle],
      subject: 'Re: Report',
      bodyText: 'Thanks, notes attached.',
      attachments: [file('notes.txt', 'notes')],
    });
    expect(reply.status).toBe(201);
    const draft = await alice.browser.json('POST', api('/drafts'), {
      subject: 'Later',
      bodyText: 'Not sent yet.',
      attachments: [file('draft.txt', 'draft')],
    });
    expect(draft.status).toBe(201);
    const { db } = p.mail;
    const owned = (table: typeof idempotencyKeys | typeof sendCounts | typeof messages) =>
      db.select({ owner: table.ownerSub }).from(table).where(eq(table.ownerSub, alice.account.id));
    expect((await owned(messages)).length).toBe(3);
    expect((await owned(idempotencyKeys)).length).toBe(1);
    expect((await owned(sendCounts)).length).toBeGreaterThan(0);
    const files = async () =>
      new Map((await db.select().from(attachments)).map((row) => [row.filename, row.id] as const));
    const before = await files();

    const deletion = await alice.browser.json('DELETE', `${p.launched.url}/api/me`, {
      confirm: alice.account.accountNumber,
      password: alice.account.password,
    });
    expect(deletion.status).toBe(202);
    clock.advance(ACCOUNT_DELETION_GRACE_DAYS * DAY_MS + 60_000);
    const { accountLifecycle, deletionNotices } = p.launched.hub.services;
    expect(await accountLifecycle.deleteDue()).toBe(1);
    const record = async (): Promise<AccountDeletionView | undefined> =>
      (await deletionNotices.list()).find((d) => d.accountId === alice.account.id);
    await eventually(async () => (await record())?.state === 'done');
    expect((await record())?.services).toEqual([
      expect.objectContaining({
        serviceId: 'mail',
        attempts: 1,
        lastError: null,
        acknowledgedAt: expect.any(String),
      }),
    ]);

    // Nothing of Alice is left in Mail: her copies in every folder, her keys and counts, the files only she had.
    expect(await owned(messages)).toEqual([]);
    expect(await owned(idempotencyKeys)).toEqual([]);
    expect(await owned(sendCounts)).toEqual([]);
    const after = await files();
    expect(after.has('draft.txt')).toBe(false);
    // What Bob holds stays his: the copy he received (and its file), and his own sent copy.
    expect(after.get('report.txt')).toBe(before.get('report.txt'));
    expect(after.get('notes.txt')).toBe(before.get('notes.txt'));
    const bobs = await db.select().from(messages).where(eq(messages.ownerSub, bob.account.id));
    expect(bobs.map((m) => m.subject).sort()).toEqual(['Re: Report', 'Report']);
    expect(
      await db
        .select()
        .from(messageAttachments)
        .where(
          inArray(
            messageAttachments.messageId,
            bobs.map((m) => m.id),
          ),
        ),
    ).toHaveLength(2);

    // Idempotent: erasing again finds nothing.
    expect(await eraseMailbox(db, alice.account.id)).toEqual({ messages: 0 });
  });
});
