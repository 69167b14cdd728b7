import { openDatabase, rowsOf } from '@orbit/db';
import { createTestDatabase, type TestDatabase } from '@orbit/db/testing';
import { and, desc, eq, sql } from 'drizzle-orm';
import { integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toTsvector } from './document.js';
import { searchIndex, searchMatches, searchRank, searchVector } from './drizzle.js';

const notes = pgTable(
  'notes',
  {
    id: serial('id').primaryKey(),
    owner: integer('owner').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    search: searchVector('search').notNull(),
  },
  (t) => [searchIndex('notes_search_idx', t.search)],
);

const fixtures: [owner: number, title: string, body: string][] = [
  [1, '中文测试', '这是中文内容测试'],
  [1, 'Quarterly invoice', 'Please pay the attached invoice by Friday. Café at 3.14 pm.'],
  [1, '東京の旅', '東京都に行きます。ラーメンを食べました。'],
  [1, '회의', '한국어 검색 엔진을 테스트합니다'],
  [1, 'Contact', "Write to alice.smith@example.com or O'Brien\\backslash"],
  [1, 'Mixed', '用iPhone拍的照片 and ＦＵＬＬＷＩＤＴＨ text'],
  [2, 'Other owner', '这是中文内容测试 invoice'],
];

describe('search on the database', () => {
  let testDb: TestDatabase;
  let handle: Awaited<ReturnType<typeof openDatabase>>;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    handle = await openDatabase({ url: testDb.url, dataDir: testDb.dataDir, schema: {} });
    await handle.db.execute(sql`create table notes (
      id serial primary key, owner integer not null, title text not null, body text not null,
      search tsvector not null)`);
    await handle.db.execute(sql`create index notes_search_idx on notes using gin (search)`);
    await handle.db.insert(notes).values(
      fixtures.map(([owner, title, body]) => ({
        owner,
        title,
        body,
        search: toTsvector([{ text: title, weight: 'A' }, { text: body }]),
      })),
    );
  });
  afterAll(async () => {
    await handle?.close();
    await testDb?.drop();
  });

  const find = async (q: string, owner = 1) =>
    (
      await handle.db
        .select({ title: notes.title })
        .from(notes)
        .where(and(eq(notes.owner, owner), searchMatches(notes.search, q)))
        .orderBy(notes.id)
    ).map((r) => r.title);

  it('finds Chinese substrings of longer runs, and nothing that is not a substring', async () => {
    expect(await find('中文')).toEqual(['中文测试']);
    expect(await find('内容测试')).toEqual(['中文测试']);
    expect(await find('中')).toEqual(['中文测试']);
    expect(await find('试')).toEqual(['中文测试']);
    expect(await find('文测')).toEqual(['中文测试']); // only in the title: 中文测试
    expect(await find('内测')).toEqual([]);
    expect(await find('容中')).toEqual([]);
  });

  it('finds Japanese and Korean', async () => {
    expect(await find('京都')).toEqual(['東京の旅']);
    expect(await find('ラーメン')).toEqual(['東京の旅']);
    expect(await find('검색')).toEqual(['회의']);
    expect(await find('엔진을')).toEqual(['회의']);
  });

  it('finds Latin words whatever their case, accents or width, the last one by its start', async () => {
    expect(await find('INVOICE friday')).toEqual(['Quarterly invoice']);
    expect(await find('inv')).toEqual(['Quarterly invoice']);
    expect(await find('cafe')).toEqual(['Quarterly invoice']);
    expect(await find('fullwidth')).toEqual(['Mixed']);
    expect(await find('iphone 照片')).toEqual(['Mixed']);
    expect(await find('3.14')).toEqual(['Quarterly invoice']);
  });

  it('finds addresses whole or by part, and phrases only in a row', async () => {
    expect(await find('alice.smith@example.com')).toEqual(['Contact']);
    expect(await find('smith')).toEqual(['Contact']);
    expect(await find('"attached invoice"')).toEqual(['Quarterly invoice']);
    expect(await find('"invoice attached"')).toEqual([]);
    expect(await find('invoice or 京都')).toEqual(['Quarterly invoice', '東京の旅']);
    expect(await find('invoice -friday')).toEqual([]);
    expect(await find('-invoice')).toHaveLength(fixtures.length - 2);
  });

  it('takes quotes, backslashes and tsquery syntax as plain text', async () => {
    expect(await find("o'brien")).toEqual(['Contact']);
    expect(await find('backslash')).toEqual(['Contact']);
    for (const q of ["invoice' & !", 'inv:*', '(invoice', 'a | b', "'", '<->', '\\', "x') | ('y", '!!!']) {
      await expect(find(q)).resolves.toBeInstanceOf(Array);
    }
  });

  it('ranks the title above the body', async () => {
    await handle.db.insert(notes).values([
      {
        owner: 3,
        title: 'other',
        body: 'zebra',
        search: toTsvector([{ text: 'other', weight: 'A' }, { text: 'zebra' }]),
      },
      {
        owner: 3,
        title: 'zebra',
        body: 'other',
        search: toTsvector([{ text: 'zebra', weight: 'A' }, { text: 'other' }]),
      },
    ]);
    const rank = searchRank(notes.search, 'zebra');
    const rows = await handle.db
      .select({ title: notes.title, rank })
      .from(notes)
      .where(and(eq(notes.owner, 3), searchMatches(notes.search, 'zebra')))
      .orderBy(desc(rank));
    expect(rows.map((r) => r.title)).toEqual(['zebra', 'other']);
    expect(rows[0]!.rank).toBeGreaterThan(rows[1]!.rank);
    expect(searchMatches(notes.search, '!!!')).toBeUndefined();
  });

  it('stores very long documents: later words found, terms past 900 KB left out', async () => {
    const words = Array.from({ length: 150_000 }, (_, i) => `w${i}`).join(' ');
    const body = `${'长文 '.repeat(30_000)} 结尾标记 ${words}`;
    await handle.db.insert(notes).values({
      owner: 4,
      title: 'long',
      body: '',
      search: toTsvector([{ text: 'long', weight: 'A' }, { text: body }]),
    });
    expect(await find('结尾', 4)).toEqual(['long']);
    expect(await find('"w40000"', 4)).toEqual(['long']);
    expect(await find('"w149999"', 4)).toEqual([]);
  });

  it('uses the GIN index', async () => {
    await handle.db.execute(sql`set enable_seqscan = off`);
    const plan = rowsOf<Record<string, string>>(
      await handle.db.execute(sql`explain select id from notes where ${searchMatches(notes.search, '中文')}`),
    )
      .map((r) => Object.values(r)[0])
      .join('\n');
    await handle.db.execute(sql`set enable_seqscan = on`);
    expect(plan).toContain('notes_search_idx');
  });
});
