import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, messages } from '../db/schema.js';
import type { SendInput } from './input.js';
import { openTestMailbox, type TestMailbox } from './test-mailbox.js';

const file = (filename: string, bytes: number, fill = 'x') => ({
  filename,
  contentType: 'text/plain',
  data: Buffer.alloc(bytes, fill),
});

describe('sending', () => {
  let t: TestMailbox;
  beforeAll(async () => {
    t = await openTestMailbox();
  });
  afterAll(async () => {
    await t.close();
  });

  const copiesOf = async (owner: string) =>
    t.handle.db.select().from(messages).where(eq(messages.ownerSub, owner));
  let keys = 0;
  const key = () => `test-key-${++keys}-padding`;

  it('writes the sender a Sent copy and each recipient an Inbox copy, with address snapshots', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const carol = t.account('carol');
    const input: SendInput = {
      to: [bob.handle],
      cc: [`@${carol.handle.toUpperCase()}`],
      subject: 'Lunch',
      bodyText: 'At noon?',
    };
    const { message, replayed } = await t.mailbox.send(alice, input, key());
    expect(replayed).toBe(false);
    expect(message).toMatchObject({
      folder: 'sent',
      read: true,
      from: alice,
      to: [bob],
      cc: [carol],
      subject: 'Lunch',
      bodyText: 'At noon?',
      bodyHtml: '<p>At noon?</p>',
      snippet: 'At noon?',
      date: t.clock.now().toISOString(),
      inReplyTo: null,
      attachments: [],
    });
    for (const recipient of [bob, carol]) {
      const { messages: inbox } = await t.mailbox.list(recipient.sub);
      expect(inbox).toHaveLength(1);
      expect(inbox[0]).toMatchObject({
        folder: 'inbox',
        read: false,
        from: alice,
        threadId: message.threadId,
      });
      expect(inbox[0]!.id).not.toBe(message.id);
    }
    expect(await copiesOf(alice.sub)).toHaveLength(1);
  });

  it('stores only the address snapshot of the signed-in user, not the rest of their session', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const user = { ...alice, picture: null, sid: 'session-id', amr: ['pwd'], authTime: 1 };
    const { message } = await t.mailbox.send(user, { to: [bob.handle], subject: 'Me', bodyText: 'x' }, key());
    const draft = await t.mailbox.createDraft(user, { subject: 'Draft' });
    const rows = await copiesOf(bob.sub);
    expect(rows[0]?.fromAddress).toEqual(alice);
    expect(message.from).toEqual(alice);
    expect(draft.from).toEqual(alice);
  });

  it('delivers once to a recipient named twice, by handle and by account number, in to and cc', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const { message } = await t.mailbox.send(
      alice,
      { to: [bob.handle, bob.accountNumber], cc: [bob.handle], subject: 'Once', bodyText: 'x' },
      key(),
    );
    expect(message.to).toEqual([bob]);
    expect(message.cc).toEqual([]);
    expect(await copiesOf(bob.sub)).toHaveLength(1);
  });

  it('gives a sender who writes to themselves both a Sent and an Inbox copy', async () => {
    const alice = t.account('alice');
    await t.mailbox.send(alice, { to: [alice.handle], subject: 'Note to self', bodyText: 'milk' }, key());
    const copies = await copiesOf(alice.sub);
    expect(copies.map((c) => c.folder).sort()).toEqual(['inbox', 'sent']);
    expect(await t.mailbox.unreadCount(alice.sub)).toBe(1);
  });

  it('refuses unknown recipients, naming them as typed, and stores nothing', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const send = t.mailbox.send(
      alice,
      { to: [bob.handle, 'Nobody-Here'], cc: ['99999999'], subject: 's', bodyText: 'b' },
      key(),
    );
    await expect(send).rejects.toMatchObject({
      status: 400,
      code: 'mail.unknown_recipients',
      details: { unknown: ['Nobody-Here', '99999999'] },
    });
    expect(await copiesOf(alice.sub)).toHaveLength(0);
    expect(await copiesOf(bob.sub)).toHaveLength(0);
  });

  it('refuses a send with no recipient or more than fifty', async () => {
    const alice = t.account('alice');
    await expect(t.mailbox.send(alice, { to: [], subject: 's' }, key())).rejects.toMatchObject({
      status: 400,
      code: 'request.invalid',
    });
    const many = Array.from({ length: 51 }, (_, i) => `someone${i}`);
    await expect(t.mailbox.send(alice, { to: many, subject: 's' }, key())).rejects.toMatchObject({
      code: 'request.invalid',
    });
  });

  it('stores sanitised HTML and the text derived from it', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const { message } = await t.mailbox.send(
      alice,
      {
        to: [bob.handle],
        subject: 'Look',
        bodyHtml:
          '<p>Hi <a href="javascript:alert(1)">there</a></p><img src=x onerror=alert(1)><script>x()</script>',
      },
      key(),
    );
    expect(message.bodyHtml).toBe(
      '<p>Hi <a rel="noopener noreferrer nofollow" target="_blank">there</a></p>',
    );
    expect(message.bodyText).toBe('Hi there');
    const [copy] = (await t.mailbox.list(bob.sub)).messages;
    expect((await t.mailbox.openMessage(bob.sub, copy!.id)).bodyHtml).toBe(message.bodyHtml);
  });

  it('shares the files of one send between its copies, each counted against its owner', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const { message } = await t.mailbox.send(
      alice,
      {
        to: [bob.handle],
        subject: 'Files',
        bodyText: '',
        attachments: [file('a.txt', 1000), file('b.txt', 500)],
      },
      key(),
    );
    expect(message.attachments.map((a) => [a.filename, a.size])).toEqual([
      ['a.txt', 1000],
      ['b.txt', 500],
    ]);
    expect(message.attachmentCount).toBe(2);
    expect(message.size).toBe(Buffer.byteLength('Files') + 1500);
    const [copy] = (await t.mailbox.list(bob.sub)).messages;
    expect(copy!.size).toBe(message.size);
    expect((await t.mailbox.openMessage(bob.sub, copy!.id)).attachments.map((a) => a.id)).toEqual(
      message.attachments.map((a) => a.id),
    );
    expect((await t.mailbox.overview(bob.sub)).quota.usedBytes).toBe(message.size);
    const download = await t.mailbox.downloadAttachment(bob.sub, message.attachments[0]!.id);
    expect(download).toMatchObject({ filename: 'a.txt', contentType: 'text/plain', size: 1000 });
    expect(download.data.equals(Buffer.alloc(1000, 'x'))).toBe(true);
  });

  it('refuses a file over the attachment limit and stores nothing', async () => {
    const alice = t.account('alice', { attachmentBytes: 100 });
    const bob = t.account('bob');
    const before = await t.handle.db.select({ n: count() }).from(attachments);
    const send = t.mailbox.send(
      alice,
      { to: [bob.handle], subject: 'Big', attachments: [file('ok.txt', 100), file('big.bin', 101)] },
      key(),
    );
    await expect(send).rejects.toMatchObject({
      status: 413,
      code: 'mail.attachment_too_large',
      details: { filename: 'big.bin', limitBytes: 100 },
    });
    expect(await copiesOf(bob.sub)).toHaveLength(0);
    expect(await t.handle.db.select({ n: count() }).from(attachments)).toEqual(before);
  });

  it('refuses a send that does not fit in the sender’s mailbox, storing nothing', async () => {
    const alice = t.account('alice', { quotaBytes: 1500 });
    const bob = t.account('bob');
    const input = (n: number) => ({ to: [bob.handle], subject: 's', bodyText: 'y'.repeat(n) });
    // Subject, text and the HTML made from it: 1 + 600 + 607 bytes used, 292 left; the next needs 408.
    await t.mailbox.send(alice, input(600), key());
    await expect(t.mailbox.send(alice, input(200), key())).rejects.toMatchObject({
      status: 413,
      code: 'mail.quota_exceeded',
      details: { who: 'sender', limitBytes: 1500 },
    });
    expect(await copiesOf(alice.sub)).toHaveLength(1);
    expect(await copiesOf(bob.sub)).toHaveLength(1);
  });

  it('refuses a send that does not fit in a recipient’s mailbox, naming them, and delivers to no one', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const carol = t.account('carol', { quotaBytes: 50 });
    const send = t.mailbox.send(
      alice,
      { to: [bob.handle, carol.handle], subject: 's', bodyText: 'z'.repeat(40) },
      key(),
    );
    await expect(send).rejects.toMatchObject({
      status: 413,
      code: 'mail.quota_exceeded',
      details: { who: [carol.handle], limitBytes: 50 },
    });
    expect(await copiesOf(alice.sub)).toHaveLength(0);
    expect(await copiesOf(bob.sub)).toHaveLength(0);
  });
});
