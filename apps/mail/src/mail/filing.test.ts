import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments } from '../db/schema.js';
import { openTestMailbox, type TestMailbox } from './test-mailbox.js';

describe('the trash and deleting for good', () => {
  let t: TestMailbox;
  beforeAll(async () => {
    t = await openTestMailbox();
  });
  afterAll(async () => {
    await t.close();
  });
  let keys = 0;
  const key = () => `filing-key-${++keys}-x`;
  const fileExists = async (id: string) =>
    (await t.handle.db.select({ id: attachments.id }).from(attachments).where(eq(attachments.id, id)))
      .length > 0;

  it('trashes a message and restores it to the folder it came from', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const { message: sent } = await t.mailbox.send(
      alice,
      { to: [bob.handle], subject: 's', bodyText: 'x' },
      key(),
    );
    const draft = await t.mailbox.createDraft(alice, { subject: 'd' });
    await t.mailbox.send(bob, { to: [alice.handle], subject: 'i', bodyText: 'x' }, key());
    const [received] = (await t.mailbox.list(alice.sub)).messages;
    for (const [id, folder] of [
      [sent.id, 'sent'],
      [draft.id, 'drafts'],
      [received!.id, 'inbox'],
    ] as const) {
      expect((await t.mailbox.trash(alice.sub, id)).folder).toBe('trash');
      expect((await t.mailbox.trash(alice.sub, id)).folder).toBe('trash');
      expect((await t.mailbox.restore(alice.sub, id)).folder).toBe(folder);
      expect((await t.mailbox.restore(alice.sub, id)).folder).toBe(folder);
    }
  });

  it('deletes for good only from the trash', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const { message } = await t.mailbox.send(alice, { to: [bob.handle], subject: 's', bodyText: 'x' }, key());
    await expect(t.mailbox.deleteForever(alice.sub, message.id)).rejects.toMatchObject({
      status: 409,
      code: 'mail.not_in_trash',
    });
    await t.mailbox.trash(alice.sub, message.id);
    await t.mailbox.deleteForever(alice.sub, message.id);
    await expect(t.mailbox.openMessage(alice.sub, message.id)).rejects.toMatchObject({
      code: 'mail.not_found',
    });
    await expect(t.mailbox.deleteForever(alice.sub, message.id)).rejects.toMatchObject({
      code: 'mail.not_found',
    });
    expect((await t.mailbox.list(bob.sub)).messages).toHaveLength(1);
  });

  it('counts the trash against the quota until it is deleted, which frees the space', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const { message } = await t.mailbox.send(
      alice,
      { to: [bob.handle], subject: 's', bodyText: 'x'.repeat(100) },
      key(),
    );
    await t.mailbox.trash(alice.sub, message.id);
    expect((await t.mailbox.overview(alice.sub)).quota.usedBytes).toBe(message.size);
    await t.mailbox.deleteForever(alice.sub, message.id);
    expect((await t.mailbox.overview(alice.sub)).quota.usedBytes).toBe(0);
  });

  it('empties the trash, answering how many it deleted, and leaves other folders alone', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(
        (await t.mailbox.send(alice, { to: [bob.handle], subject: `${i}`, bodyText: 'x' }, key())).message.id,
      );
    }
    await t.mailbox.trash(alice.sub, ids[0]!);
    await t.mailbox.trash(alice.sub, ids[1]!);
    expect(await t.mailbox.emptyTrash(alice.sub)).toBe(2);
    expect(await t.mailbox.emptyTrash(alice.sub)).toBe(0);
    expect((await t.mailbox.list(alice.sub, { folder: 'sent' })).messages.map((m) => m.id)).toEqual([ids[2]]);
    expect((await t.mailbox.list(bob.sub)).messages).toHaveLength(3);
  });

  it('keeps a file while any copy carries it, and deletes it with the last', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const { message } = await t.mailbox.send(
      alice,
      {
        to: [bob.handle],
        subject: 'f',
        attachments: [{ filename: 'f.bin', contentType: 'application/octet-stream', data: Buffer.alloc(10) }],
      },
      key(),
    );
    const fileId = message.attachments[0]!.id;
    await t.mailbox.trash(alice.sub, message.id);
    await t.mailbox.deleteForever(alice.sub, message.id);
    expect(await fileExists(fileId)).toBe(true);
    await expect(t.mailbox.downloadAttachment(alice.sub, fileId)).rejects.toMatchObject({
      code: 'mail.not_found',
    });
    const [copy] = (await t.mailbox.list(bob.sub)).messages;
    await t.mailbox.trash(bob.sub, copy!.id);
    expect(await t.mailbox.emptyTrash(bob.sub)).toBe(1);
    expect(await fileExists(fileId)).toBe(false);
  });

  it('deletes a shared file when its last two copies are deleted at the same time', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const { message } = await t.mailbox.send(
      alice,
      {
        to: [bob.handle],
        subject: 'f',
        attachments: [{ filename: 'f.bin', contentType: 'application/octet-stream', data: Buffer.alloc(10) }],
      },
      key(),
    );
    const [copy] = (await t.mailbox.list(bob.sub)).messages;
    await t.mailbox.trash(alice.sub, message.id);
    await t.mailbox.trash(bob.sub, copy!.id);
    await Promise.all([t.mailbox.emptyTrash(alice.sub), t.mailbox.emptyTrash(bob.sub)]);
    expect(await fileExists(message.attachments[0]!.id)).toBe(false);
  });
});
