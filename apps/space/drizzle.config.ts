import { defineConfig } from 'drizzle-kit';

/**
 * `npm run db:generate -- --name what_changed` writes a new SQL migration into drizzle/ after a change to
 * src/schema.ts (`@orbit/db`'s generate-cli runs drizzle-kit with this file, never prompting).
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/schema.ts'],
  out: './drizzle',
  schemaFilter: ['space'],
});
