/**
 * Why search documents are a `tsvector` and not a `text[]` of tokens:
 * `node packages/search/dist/bench.js [postgres://…/postgres] [documents]`. Makes a throw-away database with N
 * documents (150 random common Han characters and 20 Latin words each), stores the same tokens both ways with
 * a GIN index on each, and prints both index sizes and the mean time of a few queries on each, with the rows
 * they return. Without a URL it runs on in-memory PGlite.
 */
import { randomBytes } from 'node:crypto';
import { openDatabase, rowsOf } from '@orbit/db';
import { createTestDatabase } from '@orbit/db/testing';
import { sql } from 'drizzle-orm';
import { toTsvector } from './document.js';
import { parseQuery, toTsquery } from './query.js';
import { terms } from './tokenize.js';

const HAN =
  '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坏兴切米';
const WORDS = [
  'invoice',
  'meeting',
  'report',
  'garden',
  'travel',
  'lisbon',
  'friday',
  'budget',
  'review',
  'plan',
];

const serverUrl = process.argv[2]?.startsWith('postgres') ? process.argv[2] : undefined;
const DOCUMENTS = Number(process.argv.find((a) => /^\d+$/u.test(a)) ?? 20_000);
const pick = (s: string) => s[randomBytes(2).readUInt16BE() % s.length]!;
const pickWord = () => `${WORDS[randomBytes(1)[0]! % WORDS.length]}${randomBytes(2).readUInt16BE() % 500}`;

/** A text[] from a JSON parameter: drizzle would spread a JavaScript array into a row. */
const textArray = (items: string[]) =>
  sql`array(select json_array_elements_text(${JSON.stringify(items)}::json))`;

const testDb = await createTestDatabase(serverUrl);
const { db, close } = await openDatabase({ url: testDb.url, dataDir: testDb.dataDir, schema: {} });
try {
  await db.execute(sql`create table docs (id serial primary key, v tsvector not null, a text[] not null)`);
  for (let batch = 0; batch < DOCUMENTS / 500; batch++) {
    const rows = Array.from({ length: 500 }, () => {
      const text = `${Array.from({ length: 150 }, () => pick(HAN)).join('')} ${Array.from({ length: 20 }, pickWord).join(' ')}`;
      return sql`(${toTsvector([{ text }])}::tsvector, ${textArray([...new Set(terms(text))])})`;
    });
    await db.execute(sql`insert into docs (v, a) values ${sql.join(rows, sql`, `)}`);
  }
  await db.execute(sql`create index docs_v on docs using gin (v)`);
  await db.execute(sql`create index docs_a on docs using gin (a)`);
  await db.execute(sql`analyze docs`);
  const [sizes] = rowsOf<{ v: string; a: string }>(
    await db.execute(
      sql`select pg_size_pretty(pg_relation_size('docs_v')) v, pg_size_pretty(pg_relation_size('docs_a')) a`,
    ),
  );
  console.log(`${DOCUMENTS} documents on ${testDb.kind}; GIN on tsvector ${sizes!.v}, on text[] ${sizes!.a}`);
  const time = async (query: ReturnType<typeof sql>) => {
    await db.execute(query);
    const started = performance.now();
    let rows = 0;
    for (let i = 0; i < 20; i++) rows = rowsOf(await db.execute(query)).length;
    return `${((performance.now() - started) / 20).toFixed(2)} ms, ${rows} rows`;
  };
  // The array side gets the same terms, without the positions that make a CJK run a phrase, and without
  // prefixes, which it cannot look up: it finds `中` and `inv` only as whole terms.
  for (const q of ['中文', '中文内容', '"invoice12"', '中', 'inv']) {
    const tsquery = toTsquery(q)!;
    const array = parseQuery(q).clauses.flatMap((items) => items[0]!.sequence.map((t) => t.term));
    const v = await time(sql`select id from docs where v @@ ${tsquery}::tsquery`);
    const a = await time(sql`select id from docs where a @> ${textArray(array)}`);
    console.log(`${q.padEnd(10)} tsvector ${tsquery}: ${v} | text[] {${array}}: ${a}`);
  }
} finally {
  await close();
  await testDb.drop();
}
