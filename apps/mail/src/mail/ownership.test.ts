import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Address, messages } from '../db/schema.js';
import { openTestMailbox, type TestMailbox } from './test-mailbox.js';
import type { Message } from './views.js';

const notFound = { status: 404, code: 'mail.not_found' };

describe('each account sees only its own mailbox', () => {
  let t: TestMailbox;
  let alice: Address;
  let bob: Address;
  let mallory: Address;
  let aliceSent: Message;
  let bobCopy: Message;
  let aliceDraft: Message;
  let keys = 0;
  const key = () => `owner-key-${++keys}-x`;

  beforeAll(async () => {
    t = await openTestMailbox();
    alice = t.account('alice');
    bob = t.account('bob');
    mallory = t.account('mallory');
    aliceSent = (
      await t.mailbox.send(
        alice,
        {
          to: [bob.handle],
          subject: 'Private',
          bodyText: 'for Bob only',
          attachments: [{ filename: 'secret.txt', contentType: 'text/plain', data: Buffer.from('s3cret') }],
        },
        key(),
      )
    ).message;
    const [copy] = (await t.mailbox.list(bob.sub)).messages;
    bobCopy = await t.mailbox.openMessage(bob.sub, copy!.id);
    aliceDraft = await t.mailbox.createDraft(alice, { to: [bob.handle], subject: 'Unsent' });
  });
  afterAll(async () => {
    await t.close();
  });

  const othersIds = () => [aliceSent.id, bobCopy.id, aliceDraft.id];

  it('another account’s message is not found when read', async () => {
    for (const id of othersIds())
      await expect(t.mailbox.openMessage(mallory.sub, id)).rejects.toMatchObject(notFound);
  });

  it('another account’s thread is not found', async () => {
    await expect(t.mailbox.thread(mallory.sub, aliceSent.threadId)).rejects.toMatchObject(notFound);
  });

  it('another account’s message cannot be flagged, and stays as it was', async () => {
    for (const id of othersIds()) {
      await expect(t.mailbox.setFlags(mallory.sub, id, { starred: true, read: true })).rejects.toMatchObject(
        notFound,
      );
    }
    const [row] = await t.handle.db.select().from(messages).where(eq(messages.id, bobCopy.id));
    expect(row?.starred).toBe(false);
  });

  it('another account’s message cannot be trashed, restored or deleted', async () => {
    for (const id of othersIds()) {
      await expect(t.mailbox.trash(mallory.sub, id)).rejects.toMatchObject(notFound);
      await expect(t.mailbox.restore(mallory.sub, id)).rejects.toMatchObject(notFound);
      await expect(t.mailbox.deleteForever(mallory.sub, id)).rejects.toMatchObject(notFound);
    }
    await t.mailbox.trash(alice.sub, aliceSent.id);
    await expect(t.mailbox.deleteForever(mallory.sub, aliceSent.id)).rejects.toMatchObject(notFound);
    expect(await t.mailbox.emptyTrash(mallory.sub)).toBe(0);
    expect((await t.mailbox.restore(alice.sub, aliceSent.id)).folder).toBe('sent');
  });

  it('another account’s message cannot be answered or forwarded', async () => {
    for (const id of othersIds()) {
      await expect(
        t.mailbox.send(mallory, { to: [mallory.handle], subject: 'Re', bodyText: 'x', inReplyTo: id }, key()),
      ).rejects.toMatchObject(notFound);
      await expect(
        t.mailbox.send(
          mallory,
          { to: [mallory.handle], subject: 'Fwd', bodyText: 'x', forwardOf: id },
          key(),
        ),
      ).rejects.toMatchObject(notFound);
      await expect(t.mailbox.createDraft(mallory, { inReplyTo: id })).rejects.toMatchObject(notFound);
    }
    expect((await t.mailbox.list(mallory.sub, { folder: 'all' })).messages).toEqual([]);
  });

  it('another account’s draft cannot be edited or sent', async () => {
    await expect(
      t.mailbox.updateDraft(mallory, aliceDraft.id, { subject: 'mine now' }),
    ).rejects.toMatchObject(notFound);
    await expect(t.mailbox.send(mallory, { draftId: aliceDraft.id }, key())).rejects.toMatchObject(notFound);
    expect((await t.mailbox.openMessage(alice.sub, aliceDraft.id)).subject).toBe('Unsent');
  });

  it('another account’s attachments cannot be downloaded or removed', async () => {
    const fileId = aliceSent.attachments[0]!.id;
    await expect(t.mailbox.downloadAttachment(mallory.sub, fileId)).rejects.toMatchObject(notFound);
    const draft = await t.mailbox.createDraft(mallory, { subject: 'x' });
    await t.mailbox.updateDraft(mallory, draft.id, { removeAttachmentIds: [fileId] });
    expect((await t.mailbox.downloadAttachment(bob.sub, fileId)).data.toString()).toBe('s3cret');
  });

  it('an id that is not a uuid is simply not found', async () => {
    await expect(t.mailbox.openMessage(alice.sub, "1' or '1'='1")).rejects.toMatchObject(notFound);
    await expect(t.mailbox.downloadAttachment(alice.sub, 'x')).rejects.toMatchObject(notFound);
    await expect(t.mailbox.thread(alice.sub, '')).rejects.toMatchObject(notFound);
    await expect(t.mailbox.setFlags(alice.sub, 'nope', { read: true })).rejects.toMatchObject(notFound);
  });

  it('a replayed key belongs to its account: the same key from another sender sends that sender’s message', async () => {
    const sharedKey = 'owner-shared-key';
    const first = await t.mailbox.send(alice, { to: [bob.handle], subject: 'A', bodyText: 'a' }, sharedKey);
    const other = await t.mailbox.send(mallory, { to: [bob.handle], subject: 'M', bodyText: 'm' }, sharedKey);
    expect(other.replayed).toBe(false);
    expect(other.message.id).not.toBe(first.message.id);
    expect(other.message.from).toEqual(mallory);
  });
});
