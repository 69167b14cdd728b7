import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, messages } from '../db/schema.js';
import { openTestMailbox, type TestMailbox } from './test-mailbox.js';

const file = (filename: string, bytes: number) => ({
  filename,
  contentType: 'application/pdf',
  data: Buffer.alloc(bytes, 7),
});

describe('drafts', () => {
  let t: TestMailbox;
  beforeAll(async () => {
    t = await openTestMailbox();
  });
  afterAll(async () => {
    await t.close();
  });
  let keys = 0;
  const key = () => `draft-send-${++keys}-key`;
  const fileCount = async () => (await t.handle.db.select({ n: count() }).from(attachments))[0]?.n ?? 0;

  it('keeps recipients as typed, without asking the directory, until sent', async () => {
    const alice = t.account('alice');
    const calls = t.directory.calls.length;
    const draft = await t.mailbox.createDraft(alice, {
      to: [' Somebody ', 'not-yet-an-account', ''],
      cc: ['12345'],
      subject: 'Plans',
      bodyText: 'Draft text',
    });
    expect(t.directory.calls.length).toBe(calls);
    expect(draft).toMatchObject({
      folder: 'drafts',
      from: alice,
      to: [],
      cc: [],
      draftTo: ['Somebody', 'not-yet-an-account'],
      draftCc: ['12345'],
      subject: 'Plans',
      bodyText: 'Draft text',
      bodyHtml: '<p>Draft text</p>',
      date: t.clock.now().toISOString(),
    });
    expect((await t.mailbox.list(alice.sub, { folder: 'drafts' })).messages.map((m) => m.id)).toEqual([
      draft.id,
    ]);
  });

  it('replaces only the fields an update gives, and dates the draft when last saved', async () => {
    const alice = t.account('alice');
    const draft = await t.mailbox.createDraft(alice, { to: ['bob'], subject: 'One', bodyHtml: '<b>x</b>' });
    t.clock.advance(60_000);
    const updated = await t.mailbox.updateDraft(alice, draft.id, { subject: 'Two' });
    expect(updated).toMatchObject({
      id: draft.id,
      subject: 'Two',
      bodyHtml: '<b>x</b>',
      draftTo: ['bob'],
      date: t.clock.now().toISOString(),
    });
    const cleared = await t.mailbox.updateDraft(alice, draft.id, { to: [], bodyText: '' });
    expect(cleared).toMatchObject({ draftTo: [], bodyText: '', bodyHtml: '' });
  });

  it('adds and removes files, counting them against the quota, and deletes a removed file', async () => {
    const alice = t.account('alice');
    const before = await fileCount();
    const draft = await t.mailbox.createDraft(alice, { subject: 'F', attachments: [file('a.pdf', 300)] });
    const withTwo = await t.mailbox.updateDraft(alice, draft.id, { attachments: [file('b.pdf', 200)] });
    expect(withTwo.attachments.map((a) => a.filename)).toEqual(['a.pdf', 'b.pdf']);
    expect(withTwo.size).toBe(1 + 500);
    expect((await t.mailbox.overview(alice.sub)).quota.usedBytes).toBe(501);
    const first = withTwo.attachments[0]!;
    const withOne = await t.mailbox.updateDraft(alice, draft.id, { removeAttachmentIds: [first.id] });
    expect(withOne.attachments.map((a) => a.filename)).toEqual(['b.pdf']);
    expect(withOne.size).toBe(201);
    expect(await fileCount()).toBe(before + 1);
    await expect(t.mailbox.downloadAttachment(alice.sub, first.id)).rejects.toMatchObject({
      code: 'mail.not_found',
    });
  });

  it('refuses a file over the attachment limit and a draft that would overfill the mailbox', async () => {
    const alice = t.account('alice', { attachmentBytes: 100, quotaBytes: 250 });
    await expect(t.mailbox.createDraft(alice, { attachments: [file('big.pdf', 101)] })).rejects.toMatchObject(
      {
        status: 413,
        code: 'mail.attachment_too_large',
      },
    );
    const draft = await t.mailbox.createDraft(alice, {
      attachments: [file('a.pdf', 100), file('b.pdf', 100)],
    });
    await expect(
      t.mailbox.updateDraft(alice, draft.id, { attachments: [file('c.pdf', 100)] }),
    ).rejects.toMatchObject({ status: 413, code: 'mail.quota_exceeded', details: { who: 'sender' } });
    expect((await t.mailbox.openMessage(alice.sub, draft.id)).attachments).toHaveLength(2);
  });

  it('sends a draft: recipients resolved then, the draft gone, its files carried over', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const draft = await t.mailbox.createDraft(alice, {
      to: [bob.handle],
      subject: 'From a draft',
      bodyText: 'Body',
      attachments: [file('plan.pdf', 120)],
    });
    const { message } = await t.mailbox.send(alice, { draftId: draft.id }, key());
    expect(message).toMatchObject({ folder: 'sent', subject: 'From a draft', to: [bob], bodyText: 'Body' });
    expect(message.attachments.map((a) => a.id)).toEqual(draft.attachments.map((a) => a.id));
    await expect(t.mailbox.openMessage(alice.sub, draft.id)).rejects.toMatchObject({
      code: 'mail.not_found',
    });
    const [received] = (await t.mailbox.list(bob.sub)).messages;
    expect(received).toMatchObject({ subject: 'From a draft', attachmentCount: 1 });
    expect((await t.mailbox.overview(alice.sub)).quota.usedBytes).toBe(message.size);
  });

  it('lets a send override the draft’s fields and refuses a draft with unknown recipients, keeping it', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const draft = await t.mailbox.createDraft(alice, { to: ['nobody-at-all'], subject: 'Old' });
    await expect(t.mailbox.send(alice, { draftId: draft.id }, key())).rejects.toMatchObject({
      code: 'mail.unknown_recipients',
      details: { unknown: ['nobody-at-all'] },
    });
    const { message } = await t.mailbox.send(
      alice,
      { draftId: draft.id, to: [bob.handle], subject: 'New' },
      key(),
    );
    expect(message).toMatchObject({ subject: 'New', to: [bob] });
  });

  it('cannot update or send a message that is not a draft', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const { message } = await t.mailbox.send(alice, { to: [bob.handle], subject: 's', bodyText: 'x' }, key());
    await expect(t.mailbox.updateDraft(alice, message.id, { subject: 'edit' })).rejects.toMatchObject({
      code: 'mail.not_found',
    });
    await expect(t.mailbox.send(alice, { draftId: message.id }, key())).rejects.toMatchObject({
      code: 'mail.not_found',
    });
    const draft = await t.mailbox.createDraft(alice, { to: [bob.handle] });
    await t.mailbox.trash(alice.sub, draft.id);
    await expect(t.mailbox.updateDraft(alice, draft.id, { subject: 'x' })).rejects.toMatchObject({
      code: 'mail.not_found',
    });
    const restored = await t.mailbox.restore(alice.sub, draft.id);
    expect(restored.folder).toBe('drafts');
    const rows = await t.handle.db.select().from(messages).where(eq(messages.id, draft.id));
    expect(rows[0]?.previousFolder).toBeNull();
  });
});
