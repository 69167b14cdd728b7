import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address } from '../db/schema.js';
import { openTestMailbox, type TestMailbox } from './test-mailbox.js';

describe('full-text search', () => {
  let t: TestMailbox;
  let alice: Address;
  let bob: Address;
  let carol: Address;
  beforeAll(async () => {
    t = await openTestMailbox();
    alice = t.account('alice');
    bob = t.account('bob');
    carol = t.account('carol');
    const send = (from: Address, to: Address, subject: string, bodyText: string) =>
      t.mailbox.send(from, { to: [to.handle], subject, bodyText }, `search-${subject}-key`);
    await send(bob, alice, 'Quarterly invoice', 'Please pay the attached invoice by Friday.');
    await send(carol, alice, 'Garden party', 'Bring strawberries and a hat.');
    await send(bob, alice, 'Travel plans', 'Flights to Lisbon are booked; the hotel is not.');
    await send(alice, carol, 'Strawberry jam recipe', 'Sugar, strawberries, lemon.');
    const binned = await send(carol, alice, 'Old invoice', 'Ignore this one.');
    const [copy] = (await t.mailbox.list(alice.sub)).messages.filter((m) => m.subject === 'Old invoice');
    await t.mailbox.trash(alice.sub, copy!.id);
    expect(binned.replayed).toBe(false);
  });
  afterAll(async () => {
    await t.close();
  });

  const subjects = async (q: string, folder: 'inbox' | 'sent' | 'trash' | 'all' = 'inbox') =>
    (await t.mailbox.list(alice.sub, { q, folder })).messages.map((m) => m.subject).sort();

  it('finds words in the subject and the body, whatever their case', async () => {
    expect(await subjects('INVOICE')).toEqual(['Quarterly invoice']);
    expect(await subjects('lisbon hotel')).toEqual(['Travel plans']);
  });

  it('finds messages by the sender’s name and handle', async () => {
    expect(await subjects('Carol')).toEqual(['Garden party']);
    expect(await subjects(bob.handle)).toEqual(['Quarterly invoice', 'Travel plans']);
  });

  it('finds by recipient in the Sent folder', async () => {
    expect(await subjects(carol.handle, 'sent')).toEqual(['Strawberry jam recipe']);
  });

  it('lets the last word be the start of a longer word, as it is typed', async () => {
    expect(await subjects('inv')).toEqual(['Quarterly invoice']);
    expect(await subjects('strawb', 'all')).toEqual(['Garden party', 'Strawberry jam recipe']);
    expect(await subjects('flights lis')).toEqual(['Travel plans']);
  });

  it('requires every word', async () => {
    expect(await subjects('invoice hat')).toEqual([]);
  });

  it('understands web-search syntax: phrases, or, and leaving words out', async () => {
    expect(await subjects('"attached invoice"')).toEqual(['Quarterly invoice']);
    expect(await subjects('"invoice attached"')).toEqual([]);
    expect(await subjects('lisbon or strawberries')).toEqual(['Garden party', 'Travel plans']);
    expect(await subjects('strawberries -hat', 'all')).toEqual(['Strawberry jam recipe']);
  });

  it('searches within one folder, or every folder but the trash', async () => {
    expect(await subjects('invoice', 'trash')).toEqual(['Old invoice']);
    expect(await subjects('invoice', 'all')).toEqual(['Quarterly invoice']);
    expect(await subjects('strawberries', 'sent')).toEqual(['Strawberry jam recipe']);
  });

  it('takes tsquery syntax in what users type as plain text', async () => {
    for (const q of ["invoice' & !", 'inv:*', '(invoice', 'a | b', "'", '!!!', '<->', '\\']) {
      await expect(t.mailbox.list(alice.sub, { q })).resolves.toBeDefined();
    }
    expect(await subjects('invoice:*')).toEqual(['Quarterly invoice']);
    expect(await subjects("invoice'")).toEqual(['Quarterly invoice']);
  });

  it('finds nothing in another account’s mail', async () => {
    expect((await t.mailbox.list(bob.sub, { q: 'strawberries', folder: 'all' })).messages).toEqual([]);
  });
});
