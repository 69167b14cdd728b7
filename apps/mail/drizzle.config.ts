import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/db/schema.ts', './src/db/sessions.ts'],
  out: './drizzle',
  schemaFilter: ['mail'],
  casing: 'snake_case',
});
