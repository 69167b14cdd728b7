import { AppError } from '@orbit/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address } from '../db/schema.js';
import type { Mailbox } from './mailbox.js';
import { openTestMailbox, type TestMailbox } from './test-mailbox.js';

describe('the send rate', () => {
  let t: TestMailbox;
  let mailbox: Mailbox;
  beforeAll(async () => {
    t = await openTestMailbox();
    mailbox = t.withRate({ perMinute: 3, perDay: 5 });
  });
  afterAll(async () => {
    await t.close();
  });
  let keys = 0;
  const send = (from: Address, to: Address) =>
    mailbox.send(from, { to: [to.handle], subject: 's', bodyText: 'x' }, `rate-key-${++keys}-x`);
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  };

  it('refuses the send past the per-minute limit with the seconds until the minute ends', async () => {
    t.clock.set(new Date('2025-03-03T10:00:15.000Z'));
    const alice = t.account('alice');
    const bob = t.account('bob');
    for (let i = 0; i < 3; i++) await send(alice, bob);
    const error = await refusal(send(alice, bob));
    expect(error).toMatchObject({
      status: 429,
      code: 'mail.rate_limited',
      details: { retryAfterSeconds: 45 },
    });
    expect(error.headers).toEqual({ 'Retry-After': '45' });
    expect((await t.mailbox.list(bob.sub)).messages).toHaveLength(3);

    t.clock.set(new Date('2025-03-03T10:01:00.000Z'));
    await expect(send(alice, bob)).resolves.toMatchObject({ replayed: false });
  });

  it('refuses the send past the daily limit until the next UTC day', async () => {
    t.clock.set(new Date('2025-03-04T23:50:00.000Z'));
    const alice = t.account('alice');
    const bob = t.account('bob');
    for (let i = 0; i < 5; i++) {
      await send(alice, bob);
      t.clock.advance(61_000);
    }
    const error = await refusal(send(alice, bob));
    expect(error).toMatchObject({ code: 'mail.rate_limited' });
    const expected = Math.ceil((Date.parse('2025-03-05T00:00:00.000Z') - t.clock.now().getTime()) / 1000);
    expect(error.details).toEqual({ retryAfterSeconds: expected });
    t.clock.set(new Date('2025-03-05T00:00:00.000Z'));
    await expect(send(alice, bob)).resolves.toMatchObject({ replayed: false });
  });

  it('counts each account on its own', async () => {
    t.clock.set(new Date('2025-03-06T08:00:00.000Z'));
    const alice = t.account('alice');
    const dave = t.account('dave');
    const bob = t.account('bob');
    for (let i = 0; i < 3; i++) await send(alice, bob);
    await expect(send(dave, bob)).resolves.toMatchObject({ replayed: false });
  });

  it('does not count refused sends, nor retries answered from an earlier send', async () => {
    t.clock.set(new Date('2025-03-07T08:00:00.000Z'));
    const alice = t.account('alice');
    const bob = t.account('bob');
    const full = t.account('full', { quotaBytes: 1 });
    // Refused inside the transaction, after the send was counted: the count rolls back with it.
    for (let i = 0; i < 5; i++) {
      await expect(
        mailbox.send(alice, { to: [full.handle], subject: 's', bodyText: 'x' }, `refused-${i}-key`),
      ).rejects.toMatchObject({ code: 'mail.quota_exceeded' });
    }
    const input = { to: [bob.handle], subject: 'same', bodyText: 'x' };
    for (let i = 0; i < 5; i++) await mailbox.send(alice, input, 'same-rate-key');
    await send(alice, bob);
    await send(alice, bob);
    await expect(send(alice, bob)).rejects.toMatchObject({ code: 'mail.rate_limited' });
  });
});
