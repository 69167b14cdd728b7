#!/usr/bin/env node
/**
 * `orbit-db-generate --name <what_changed> [--config drizzle.config.ts] [--out drizzle]`: what a service's
 * `npm run db:generate -- --name add_note_tags` runs. Never prompts; see generate.ts.
 */
import { parseArgs } from 'node:util';
import { GenerateError, generateMigration } from './generate.js';

const USAGE = 'Usage: npm run db:generate -- --name <what_changed>   (e.g. --name add_note_tags)';

async function main(argv: string[]): Promise<number> {
  let values: { name?: string; config?: string; out?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { name: { type: 'string' }, config: { type: 'string' }, out: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.name) {
    console.error(`A migration needs a name that says what it does.\n${USAGE}`);
    return 2;
  }
  try {
    const result = await generateMigration({ name: values.name, config: values.config, out: values.out });
    console.log(
      result.status === 'created'
        ? `Wrote ${result.file}; it is applied when the service starts (review it first).`
        : 'No schema changes since the last migration: nothing written.',
    );
    return 0;
  } catch (error) {
    if (error instanceof GenerateError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
