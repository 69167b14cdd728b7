import { defineConfig } from 'drizzle-kit';

/** `npm run db:generate` writes a new SQL migration into drizzle/ after a change to src/schema.ts. */
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/schema.ts'],
  out: './drizzle',
  schemaFilter: ['__SERVICE_SCHEMA__'],
});
