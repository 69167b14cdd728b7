import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKeys, messages } from '../db/schema.js';
import { IDEMPOTENCY_KEY_TTL_MS } from './idempotency.js';
import { openTestMailbox, type TestMailbox } from './test-mailbox.js';

describe('idempotent sending', () => {
  let t: TestMailbox;
  beforeAll(async () => {
    t = await openTestMailbox();
  });
  afterAll(async () => {
    await t.close();
  });

  const inboxSize = async (owner: string) =>
    (
      await t.handle.db
        .select({ n: count() })
        .from(messages)
        .where(and(eq(messages.ownerSub, owner), eq(messages.folder, 'inbox')))
    )[0]?.n;

  it('a retried send never delivers twice, and answers the first result', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const input = {
      to: [bob.handle],
      subject: 'Once only',
      bodyText: 'hi',
      attachments: [{ filename: 'a.txt', contentType: 'text/plain', data: Buffer.from('abc') }],
    };
    const first = await t.mailbox.send(alice, input, 'retry-key-0001');
    t.clock.advance(5_000);
    const again = await t.mailbox.send(alice, input, 'retry-key-0001');
    expect(first.replayed).toBe(false);
    expect(again.replayed).toBe(true);
    expect(again.message).toEqual(first.message);
    expect(await inboxSize(bob.sub)).toBe(1);
  });

  it('refuses the same key for a different request and delivers nothing for it', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    await t.mailbox.send(alice, { to: [bob.handle], subject: 'First', bodyText: 'a' }, 'conflict-key-01');
    await expect(
      t.mailbox.send(alice, { to: [bob.handle], subject: 'Second', bodyText: 'a' }, 'conflict-key-01'),
    ).rejects.toMatchObject({ status: 409, code: 'mail.idempotency_conflict' });
    expect(await inboxSize(bob.sub)).toBe(1);
  });

  it('keeps keys per account: another sender may use the same key', async () => {
    const alice = t.account('alice');
    const dave = t.account('dave');
    const bob = t.account('bob');
    const input = { to: [bob.handle], subject: 'Hi', bodyText: 'x' };
    expect((await t.mailbox.send(alice, input, 'shared-key-0001')).replayed).toBe(false);
    expect((await t.mailbox.send(dave, input, 'shared-key-0001')).replayed).toBe(false);
    expect(await inboxSize(bob.sub)).toBe(2);
  });

  it('delivers once when ten requests with one key arrive at the same time', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const input = { to: [bob.handle], subject: 'Race', bodyText: 'go' };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => t.mailbox.send(alice, input, 'parallel-key-01')),
    );
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect(await inboxSize(bob.sub)).toBe(1);
    const sent = await t.mailbox.list(alice.sub, { folder: 'sent' });
    expect(sent.messages).toHaveLength(1);
  });

  it('lets a key be used again once a refused send rolled back', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    await expect(
      t.mailbox.send(alice, { to: ['no-such-person'], subject: 's', bodyText: 'x' }, 'refused-key-01'),
    ).rejects.toMatchObject({ code: 'mail.unknown_recipients' });
    const sent = await t.mailbox.send(
      alice,
      { to: [bob.handle], subject: 's', bodyText: 'x' },
      'refused-key-01',
    );
    expect(sent.replayed).toBe(false);
  });

  it('forgets keys after a day', async () => {
    const alice = t.account('alice');
    const bob = t.account('bob');
    const input = { to: [bob.handle], subject: 'Daily', bodyText: 'x' };
    await t.mailbox.send(alice, input, 'daily-key-0001');
    t.clock.advance(IDEMPOTENCY_KEY_TTL_MS + 1000);
    expect(await t.mailbox.pruneIdempotencyKeys()).toBeGreaterThanOrEqual(1);
    const remaining = await t.handle.db
      .select({ n: count() })
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.ownerSub, alice.sub));
    expect(remaining[0]?.n).toBe(0);
    expect((await t.mailbox.send(alice, input, 'daily-key-0001')).replayed).toBe(false);
    expect(await inboxSize(bob.sub)).toBe(2);
  });
});
