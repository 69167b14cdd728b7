import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address } from '../db/schema.js';
import { openTestMailbox, type TestMailbox } from './test-mailbox.js';

describe('folders and listings', () => {
  let t: TestMailbox;
  beforeAll(async () => {
    t = await openTestMailbox();
  });
  afterAll(async () => {
    await t.close();
  });
  let keys = 0;
  const key = () => `folder-key-${++keys}-x`;
  const sendMany = async (from: Address, to: Address, n: number, sameTime = false) => {
    for (let i = 0; i < n; i++) {
      if (!sameTime) t.clock.advance(1000);
      await t.mailbox.send(from, { to: [to.handle], subject: `Message ${i}`, bodyText: `${i}` }, key());
    }
  };

  it('lists the inbox newest first and pages through it with a cursor', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    await sendMany(alice, bob, 7);
    const first = await t.mailbox.list(bob.sub, { limit: 3 });
    expect(first.messages.map((m) => m.subject)).toEqual(['Message 6', 'Message 5', 'Message 4']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await t.mailbox.list(bob.sub, { limit: 3, cursor: first.nextCursor! });
    expect(second.messages.map((m) => m.subject)).toEqual(['Message 3', 'Message 2', 'Message 1']);
    const third = await t.mailbox.list(bob.sub, { limit: 3, cursor: second.nextCursor! });
    expect(third.messages.map((m) => m.subject)).toEqual(['Message 0']);
    expect(third.nextCursor).toBeNull();
  });

  it('pages without gaps or repeats through messages sent at the same moment', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    await sendMany(alice, bob, 9, true);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.mailbox.list(bob.sub, { limit: 2, cursor });
      seen.push(...page.messages.map((m) => m.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
  });

  it('keeps the page size between 1 and 100', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    await sendMany(alice, bob, 2);
    expect((await t.mailbox.list(bob.sub, { limit: 0 })).messages).toHaveLength(1);
    expect((await t.mailbox.list(bob.sub, { limit: 1000 })).messages).toHaveLength(2);
  });

  it('refuses a cursor it did not make', async () => {
    const bob = t.account('bob');
    for (const cursor of ['nonsense', Buffer.from('2025-01-01|x').toString('base64url')]) {
      await expect(t.mailbox.list(bob.sub, { cursor })).rejects.toMatchObject({
        status: 400,
        code: 'request.invalid',
      });
    }
  });

  it('lists each folder on its own, and all of them but the trash', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    await t.mailbox.send(bob, { to: [alice.handle], subject: 'In', bodyText: 'x' }, key());
    await t.mailbox.send(alice, { to: [bob.handle], subject: 'Out', bodyText: 'x' }, key());
    await t.mailbox.createDraft(alice, { subject: 'Draft' });
    const { message: gone } = await t.mailbox.send(
      alice,
      { to: [bob.handle], subject: 'Gone', bodyText: 'x' },
      key(),
    );
    await t.mailbox.trash(alice.sub, gone.id);
    const subjects = async (folder: 'inbox' | 'sent' | 'drafts' | 'trash' | 'all') =>
      (await t.mailbox.list(alice.sub, { folder })).messages.map((m) => m.subject).sort();
    expect(await subjects('inbox')).toEqual(['In']);
    expect(await subjects('sent')).toEqual(['Out']);
    expect(await subjects('drafts')).toEqual(['Draft']);
    expect(await subjects('trash')).toEqual(['Gone']);
    expect(await subjects('all')).toEqual(['Draft', 'In', 'Out']);
  });

  it('lists starred messages from every folder but the trash', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    await t.mailbox.send(bob, { to: [alice.handle], subject: 'Keep', bodyText: 'x' }, key());
    const { message: sent } = await t.mailbox.send(
      alice,
      { to: [bob.handle], subject: 'Mine', bodyText: 'x' },
      key(),
    );
    const { message: binned } = await t.mailbox.send(
      alice,
      { to: [bob.handle], subject: 'Bin', bodyText: 'x' },
      key(),
    );
    const [kept] = (await t.mailbox.list(alice.sub)).messages;
    for (const id of [kept!.id, sent.id, binned.id])
      await t.mailbox.setFlags(alice.sub, id, { starred: true });
    await t.mailbox.trash(alice.sub, binned.id);
    const starred = await t.mailbox.list(alice.sub, { starred: true });
    expect(starred.messages.map((m) => m.subject).sort()).toEqual(['Keep', 'Mine']);
    expect(starred.messages.every((m) => m.starred)).toBe(true);
  });

  it('counts unread inbox messages; opening one marks it read', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    await sendMany(alice, bob, 3);
    expect(await t.mailbox.unreadCount(bob.sub)).toBe(3);
    expect(await t.mailbox.unreadCount(alice.sub)).toBe(0);
    const [newest] = (await t.mailbox.list(bob.sub)).messages;
    expect(newest!.read).toBe(false);
    const opened = await t.mailbox.openMessage(bob.sub, newest!.id);
    expect(opened.read).toBe(true);
    expect(await t.mailbox.unreadCount(bob.sub)).toBe(2);
    expect((await t.mailbox.overview(bob.sub)).unread).toEqual({ inbox: 2 });
  });

  it('marks read and unread, stars and unstars', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    await sendMany(alice, bob, 1);
    const [message] = (await t.mailbox.list(bob.sub)).messages;
    expect(await t.mailbox.setFlags(bob.sub, message!.id, { read: true, starred: true })).toMatchObject({
      read: true,
      starred: true,
    });
    expect(await t.mailbox.setFlags(bob.sub, message!.id, { read: false })).toMatchObject({
      read: false,
      starred: true,
    });
    expect(await t.mailbox.setFlags(bob.sub, message!.id, { starred: false })).toMatchObject({
      starred: false,
    });
    expect(await t.mailbox.setFlags(bob.sub, message!.id, {})).toMatchObject({ read: false, starred: false });
  });

  it('shows the quota used, the limits, and the unread count', async () => {
    const alice = t.account('alice', { quotaBytes: 5000, attachmentBytes: 700 });
    const bob = t.account('bob');
    const { message } = await t.mailbox.send(bob, { to: [alice.handle], subject: 'q', bodyText: 'q' }, key());
    expect(await t.mailbox.overview(alice.sub)).toEqual({
      quota: { usedBytes: message.size, limitBytes: 5000 },
      limits: { attachmentBytes: 700, maxRecipients: 50 },
      unread: { inbox: 1 },
    });
  });
});
