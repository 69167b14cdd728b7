import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, openDatabase } from '@orbit/db';
import { createTestDatabase } from '@orbit/db/testing';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openMailDatabase } from '../db/open.js';
import { type Address, messages } from '../db/schema.js';
import type { FolderView } from './input.js';
import { backfillSearch, matches } from './search.js';
import { openTestMailbox, type TestMailbox } from './test-mailbox.js';

const file = (filename: string) => ({
  filename,
  contentType: 'application/pdf',
  data: Buffer.from(`%PDF ${filename}`),
});

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
    await send(carol, alice, '会议纪要', '这是中文内容测试。下周一上午十点开会。');
    await send(bob, alice, '東京出張', '来週、東京都に行きます。ラーメンを食べましょう。');
    await send(carol, alice, '회의 안내', '한국어 검색 엔진을 테스트합니다.');
    await t.mailbox.send(
      bob,
      {
        to: [alice.handle],
        subject: 'Scans',
        bodyText: 'See the files.',
        attachments: [file('Budget_2027-Q1.pdf'), file('季度报告.pdf')],
      },
      'search-scans-key',
    );
    const binned = await send(carol, alice, 'Old invoice', 'Ignore this one.');
    const [copy] = (await t.mailbox.list(alice.sub)).messages.filter((m) => m.subject === 'Old invoice');
    await t.mailbox.trash(alice.sub, copy!.id);
    expect(binned.replayed).toBe(false);
  });
  afterAll(async () => {
    await t.close();
  });

  const subjects = async (q: string, folder: FolderView = 'inbox') =>
    (await t.mailbox.list(alice.sub, { q, folder })).messages.map((m) => m.subject).sort();

  it('finds words in the subject and the body, whatever their case', async () => {
    expect(await subjects('INVOICE')).toEqual(['Quarterly invoice']);
    expect(await subjects('lisbon hotel')).toEqual(['Travel plans']);
  });

  it('finds messages by the sender’s name and handle', async () => {
    expect(await subjects('Carol')).toEqual(['Garden party', '会议纪要', '회의 안내']);
    expect(await subjects(bob.handle)).toEqual(['Quarterly invoice', 'Scans', 'Travel plans', '東京出張']);
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
    const dave = t.account('dave');
    for (const q of ['中文', '季度', 'budget', 'invoice', '東京', '검색', carol.handle]) {
      expect((await t.mailbox.list(dave.sub, { q, folder: 'all' })).messages).toEqual([]);
    }
  });

  it('finds Chinese text by any part of it, not only whole runs', async () => {
    expect(await subjects('中文')).toEqual(['会议纪要']);
    expect(await subjects('内容测试')).toEqual(['会议纪要']);
    expect(await subjects('十点')).toEqual(['会议纪要']);
    expect(await subjects('纪要')).toEqual(['会议纪要']);
    expect(await subjects('开')).toEqual(['会议纪要']);
    // Characters that are all there, but not in a row, are not a match.
    expect(await subjects('中测')).toEqual([]);
  });

  it('finds Japanese and Korean, and mixes scripts in one query', async () => {
    expect(await subjects('京都')).toEqual(['東京出張']);
    expect(await subjects('ラーメン')).toEqual(['東京出張']);
    expect(await subjects('검색')).toEqual(['회의 안내']);
    expect(await subjects('中文 carol')).toEqual(['会议纪要']);
    expect(await subjects('中文 bob')).toEqual([]);
  });

  it('finds attachments by their file names, whole or in part', async () => {
    expect(await subjects('Budget_2027-Q1.pdf')).toEqual(['Scans']);
    expect(await subjects('budget')).toEqual(['Scans']);
    expect(await subjects('2027')).toEqual(['Scans']);
    expect(await subjects('季度')).toEqual(['Scans']);
    expect(await subjects('报告')).toEqual(['Scans']);
    expect(await subjects('pdf', 'sent')).toEqual([]);
  });

  it('finds a draft by the files it carries now, and a forward by the files it carried over', async () => {
    const draft = await t.mailbox.createDraft(alice, {
      subject: 'Draft with scan',
      attachments: [file('合同扫描件.pdf')],
    });
    expect(await subjects('扫描', 'drafts')).toEqual(['Draft with scan']);
    await t.mailbox.updateDraft(alice, draft.id, {
      removeAttachmentIds: draft.attachments.map((a) => a.id),
      attachments: [file('invoice-copy.pdf')],
    });
    expect(await subjects('扫描', 'drafts')).toEqual([]);
    expect(await subjects('copy', 'drafts')).toEqual(['Draft with scan']);

    const [scans] = (await t.mailbox.list(alice.sub, { q: 'scans' })).messages;
    await t.mailbox.send(
      alice,
      { to: [carol.handle], subject: 'Fwd: files', forwardOf: scans!.id },
      'search-forward',
    );
    const carolFinds = async (q: string) =>
      (await t.mailbox.list(carol.sub, { q })).messages.map((m) => m.subject);
    expect(await carolFinds('季度报告')).toEqual(['Fwd: files']);
  });

  it('shows the passage that matched as the result’s snippet', async () => {
    const long = `${'Filler words before the point. '.repeat(20)}The secret passphrase is marmalade. ${'More.'.repeat(50)}`;
    await t.mailbox.send(bob, { to: [alice.handle], subject: 'Long one', bodyText: long }, 'search-long');
    const [found] = (await t.mailbox.list(alice.sub, { q: 'marmalade' })).messages;
    expect(found!.snippet).toContain('passphrase is marmalade');
    expect(found!.snippet.startsWith('…')).toBe(true);
    const [plain] = (await t.mailbox.list(alice.sub, { q: 'long one' })).messages;
    expect(plain!.snippet.startsWith('Filler words')).toBe(true);
  });

  it('writes the search document of copies that have none at start-up', async () => {
    const db = t.handle.db;
    await db.execute(sql`update ${messages} set search = null where ${messages.ownerSub} = ${alice.sub}`);
    expect(await subjects('中文')).toEqual([]);
    const indexed = await backfillSearch(db, undefined, 3);
    expect(indexed).toBeGreaterThan(6);
    expect(await db.select({ id: messages.id }).from(messages).where(isNull(messages.search))).toEqual([]);
    expect(await subjects('中文')).toEqual(['会议纪要']);
    expect(await subjects('季度')).toEqual(['Scans']);
    expect(await subjects('INVOICE')).toEqual(['Quarterly invoice']);
    expect(await backfillSearch(db)).toBe(0);
    const [row] = await db
      .select({ search: messages.search })
      .from(messages)
      .where(eq(messages.subject, 'Scans'));
    expect(row!.search).toContain("'季度'");
  });
});

describe('migration 0003', () => {
  it('gives mail stored before it a search document when Mail starts', async () => {
    const testDb = await createTestDatabase();
    const temp = await mkdtemp(join(tmpdir(), 'orbit-mail-search-'));
    // Mail's migrations as they were before 0003, and a data folder that outlives a restart.
    const before = join(temp, 'drizzle');
    await cp(MIGRATIONS_FOLDER, before, { recursive: true });
    const journalPath = join(before, 'meta', '_journal.json');
    const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: { tag: string }[] };
    const upTo = journal.entries.findIndex((e) => e.tag.startsWith('0003_'));
    await writeFile(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }));
    const config = { databaseUrl: testDb.url, pgliteDir: testDb.url ? testDb.dataDir : join(temp, 'data') };
    try {
      const old = await openDatabase({ url: config.databaseUrl, dataDir: config.pgliteDir, schema: {} });
      await migrate(old.db, { app: 'mail', folder: before });
      const owner = '00000000-0000-4000-8000-000000000001';
      const from = { sub: owner, accountNumber: '10000001', handle: 'lin', displayName: '林' };
      await old.db.execute(sql`
        with m as (
          insert into mail.messages (owner_sub, folder, thread_id, from_address, to_addresses, cc_addresses,
            subject, body_html, body_text, snippet, participants, size, date, created_at)
          values (${owner}, 'inbox', gen_random_uuid(), ${JSON.stringify(from)}::jsonb, '[]', '[]',
            '周报', '', '这是中文内容测试', '这是中文内容测试', '林 lin 10000001', 10, now(), now())
          returning id),
        a as (
          insert into mail.attachments (filename, content_type, size, data, created_at)
          values ('季度报告.pdf', 'application/pdf', 3, '\\x010203', now()) returning id)
        insert into mail.message_attachments (message_id, attachment_id, position) select m.id, a.id, 0 from m, a`);
      await old.close();

      const logged: unknown[] = [];
      const handle = await openMailDatabase(config, { info: (details) => logged.push(details) });
      try {
        const find = async (q: string) =>
          (
            await handle.db
              .select({ subject: messages.subject })
              .from(messages)
              .where(and(eq(messages.ownerSub, owner), matches(q)))
          ).map((r) => r.subject);
        expect(logged).toEqual([
          expect.objectContaining({ applied: ['0003_search_tokens'] }),
          { indexed: 1 },
        ]);
        expect(await find('中文')).toEqual(['周报']);
        expect(await find('季度')).toEqual(['周报']);
        expect(await find('lin')).toEqual(['周报']);
      } finally {
        await handle.close();
      }
    } finally {
      await testDb.drop();
      await rm(temp, { recursive: true, force: true });
    }
  });
});
