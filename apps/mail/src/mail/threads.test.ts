import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestMailbox, type TestMailbox } from './test-mailbox.js';

describe('replies, forwards and threads', () => {
  let t: TestMailbox;
  beforeAll(async () => {
    t = await openTestMailbox();
  });
  afterAll(async () => {
    await t.close();
  });
  let keys = 0;
  const key = () => `thread-key-${++keys}-x`;
  const inboxOf = async (sub: string) => (await t.mailbox.list(sub)).messages;

  it('a reply joins the thread of the message it answers, in every mailbox', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const { message: question } = await t.mailbox.send(
      alice,
      { to: [bob.handle], subject: 'Question', bodyText: '?' },
      key(),
    );
    t.clock.advance(1000);
    const [received] = await inboxOf(bob.sub);
    const { message: answer } = await t.mailbox.send(
      bob,
      { to: [alice.handle], subject: 'Re: Question', bodyText: '!', inReplyTo: received!.id },
      key(),
    );
    expect(answer.threadId).toBe(question.threadId);
    expect(answer.inReplyTo).toBe(received!.id);

    const [reply] = await inboxOf(alice.sub);
    expect(reply!.threadId).toBe(question.threadId);
    // In Alice's mailbox the reply answers her own Sent copy.
    expect((await t.mailbox.openMessage(alice.sub, reply!.id)).inReplyTo).toBe(question.id);

    const aliceThread = await t.mailbox.thread(alice.sub, question.threadId);
    expect(aliceThread.map((m) => [m.folder, m.subject])).toEqual([
      ['sent', 'Question'],
      ['inbox', 'Re: Question'],
    ]);
    const bobThread = await t.mailbox.thread(bob.sub, question.threadId);
    expect(bobThread.map((m) => m.id)).toEqual([received!.id, answer.id]);
  });

  it('a message that answers nothing starts a new thread', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const one = await t.mailbox.send(alice, { to: [bob.handle], subject: 'A', bodyText: 'a' }, key());
    const two = await t.mailbox.send(alice, { to: [bob.handle], subject: 'A', bodyText: 'a' }, key());
    expect(one.message.threadId).not.toBe(two.message.threadId);
  });

  it('shows no answered message once the reader has deleted it for good', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const { message: first } = await t.mailbox.send(
      alice,
      { to: [bob.handle], subject: 'x', bodyText: 'x' },
      key(),
    );
    const [received] = await inboxOf(bob.sub);
    await t.mailbox.send(
      bob,
      { to: [alice.handle], subject: 'y', bodyText: 'y', inReplyTo: received!.id },
      key(),
    );
    await t.mailbox.trash(alice.sub, first.id);
    const [reply] = await inboxOf(alice.sub);
    expect((await t.mailbox.openMessage(alice.sub, reply!.id)).inReplyTo).toBe(first.id);
    await t.mailbox.deleteForever(alice.sub, first.id);
    expect((await t.mailbox.openMessage(alice.sub, reply!.id)).inReplyTo).toBeNull();
  });

  it('leaves trashed copies out of a thread', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const { message } = await t.mailbox.send(alice, { to: [bob.handle], subject: 'T', bodyText: 't' }, key());
    const [received] = await inboxOf(bob.sub);
    const reply = await t.mailbox.send(
      bob,
      { to: [alice.handle], subject: 'Re: T', bodyText: 'r', inReplyTo: received!.id },
      key(),
    );
    await t.mailbox.trash(bob.sub, received!.id);
    expect((await t.mailbox.thread(bob.sub, message.threadId)).map((m) => m.id)).toEqual([reply.message.id]);
    await t.mailbox.trash(bob.sub, reply.message.id);
    await expect(t.mailbox.thread(bob.sub, message.threadId)).rejects.toMatchObject({
      code: 'mail.not_found',
    });
  });

  it('a draft reply belongs to the thread and keeps its place when sent', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const { message } = await t.mailbox.send(alice, { to: [bob.handle], subject: 'D', bodyText: 'd' }, key());
    const [received] = await inboxOf(bob.sub);
    const draft = await t.mailbox.createDraft(bob, { to: [alice.handle], inReplyTo: received!.id });
    expect(draft).toMatchObject({ threadId: message.threadId, inReplyTo: received!.id });
    const { message: sent } = await t.mailbox.send(bob, { draftId: draft.id, bodyText: 'ok' }, key());
    expect(sent).toMatchObject({ threadId: message.threadId, inReplyTo: received!.id });
  });

  it('forwarding copies the original’s files into the new message', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const carol = t.account('carol');
    const data = Buffer.from('%PDF-1.7 report');
    await t.mailbox.send(
      alice,
      {
        to: [bob.handle],
        subject: 'Report',
        bodyText: 'see attached',
        attachments: [{ filename: 'report.pdf', contentType: 'application/pdf', data }],
      },
      key(),
    );
    const [received] = await inboxOf(bob.sub);
    const { message: forward } = await t.mailbox.send(
      bob,
      {
        to: [carol.handle],
        subject: 'Fwd: Report',
        bodyText: 'fyi',
        forwardOf: received!.id,
        attachments: [{ filename: 'note.txt', contentType: 'text/plain', data: Buffer.from('n') }],
      },
      key(),
    );
    expect(forward.attachments.map((a) => a.filename)).toEqual(['report.pdf', 'note.txt']);
    expect(forward.size).toBe(Buffer.byteLength('Fwd: Report') + 3 + 10 + data.byteLength + 1);
    expect(forward.threadId).not.toBe(received!.threadId);
    const [forwarded] = await inboxOf(carol.sub);
    const copy = await t.mailbox.openMessage(carol.sub, forwarded!.id);
    const download = await t.mailbox.downloadAttachment(carol.sub, copy.attachments[0]!.id);
    expect(download.data.equals(data)).toBe(true);

    // The file outlives the copies it came with while the forward still carries it.
    await t.mailbox.trash(bob.sub, received!.id);
    await t.mailbox.emptyTrash(bob.sub);
    await t.mailbox.trash(bob.sub, forward.id);
    await t.mailbox.emptyTrash(bob.sub);
    expect((await t.mailbox.downloadAttachment(carol.sub, copy.attachments[0]!.id)).size).toBe(
      data.byteLength,
    );
  });

  it('cannot answer or forward a draft', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const draft = await t.mailbox.createDraft(alice, { subject: 'unsent' });
    for (const input of [{ inReplyTo: draft.id }, { forwardOf: draft.id }]) {
      await expect(
        t.mailbox.send(alice, { to: [bob.handle], subject: 's', ...input }, key()),
      ).rejects.toMatchObject({ code: 'mail.not_found' });
    }
  });
});
