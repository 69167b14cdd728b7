import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GenerateError, generateMigration } from './generate.js';

/** The repository's node_modules, so the service folder below finds drizzle-kit and drizzle-orm. */
const NODE_MODULES = fileURLToPath(new URL('../../../node_modules', import.meta.url));
/** The command as `npm run db:generate` runs it: built (the test task builds the package first). */
const CLI = fileURLToPath(new URL('../dist/generate-cli.js', import.meta.url));

const schemaOf = (columns: string) => `import { pgSchema, text, uuid } from 'drizzle-orm/pg-core';
export const schema = pgSchema('gen_test');
export const notes = schema.table('notes', { id: uuid('id').primaryKey(), ${columns} });
`;

describe('generateMigration', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'orbit-db-generate-'));
    await symlink(NODE_MODULES, join(dir, 'node_modules'), 'dir');
    await writeFile(
      join(dir, 'drizzle.config.ts'),
      `import { defineConfig } from 'drizzle-kit';
export default defineConfig({ dialect: 'postgresql', schema: ['./schema.ts'], out: './drizzle', schemaFilter: ['gen_test'] });
`,
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const migrations = async () =>
    (await readdir(join(dir, 'drizzle'))).filter((f) => f.endsWith('.sql')).sort();

  it('writes a migration named after what it does', async () => {
    await writeFile(join(dir, 'schema.ts'), schemaOf("body: text('body').notNull()"));
    expect(await generateMigration({ name: 'create_notes', cwd: dir })).toEqual({
      status: 'created',
      file: join(dir, 'drizzle', '0000_create_notes.sql'),
    });
    expect(await readFile(join(dir, 'drizzle', '0000_create_notes.sql'), 'utf8')).toContain(
      'CREATE TABLE "gen_test"."notes"',
    );
  });

  it('writes nothing when the schema did not change', async () => {
    expect(await generateMigration({ name: 'nothing_new', cwd: dir })).toEqual({ status: 'unchanged' });
    expect(await migrations()).toEqual(['0000_create_notes.sql']);
  });

  it('adds the next migration for an added column', async () => {
    await writeFile(join(dir, 'schema.ts'), schemaOf("body: text('body').notNull(), tag: text('tag')"));
    const result = await generateMigration({ name: 'add_note_tag', cwd: dir });
    expect(result).toEqual({ status: 'created', file: join(dir, 'drizzle', '0001_add_note_tag.sql') });
    expect(await readFile(join(dir, 'drizzle', '0001_add_note_tag.sql'), 'utf8')).toContain(
      'ADD COLUMN "tag" text',
    );
  });

  it('fails with what to do, instead of prompting, when a change could be a rename', async () => {
    await writeFile(join(dir, 'schema.ts'), schemaOf("text: text('text').notNull(), tag: text('tag')"));
    const attempt = generateMigration({ name: 'rename_body', cwd: dir });
    await expect(attempt).rejects.toBeInstanceOf(GenerateError);
    await expect(attempt).rejects.toThrow(
      /renamed .* Nothing was written\. Either make the change in two steps/s,
    );
    expect(await migrations()).toEqual(['0000_create_notes.sql', '0001_add_note_tag.sql']);
  });

  it('refuses a name that says nothing, before running drizzle-kit', async () => {
    for (const name of ['', 'x', 'Add-Tags', '0001_tags', 'tags; rm -rf /']) {
      await expect(generateMigration({ name, cwd: dir })).rejects.toThrow(/is not a migration name/);
    }
  });

  it('runs as a command that needs --name and exits non-zero on a refusal', async () => {
    const cli = (args: string[]) =>
      promisify(execFile)(process.execPath, [CLI, ...args], { cwd: dir }).then(
        (done) => ({ code: 0, out: done.stdout }),
        (error: { code: number; stderr: string }) => ({ code: error.code, out: error.stderr }),
      );
    expect(await cli([])).toMatchObject({ code: 2, out: expect.stringContaining('needs a name') });
    expect(await cli(['--name', 'rename_body'])).toMatchObject({
      code: 1,
      out: expect.stringContaining('would ask in a terminal'),
    });
  });
});
