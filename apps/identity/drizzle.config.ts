import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/db/schema.ts', './src/oidc/schema.ts'],
  out: './drizzle',
  schemaFilter: ['identity', 'oidc'],
  casing: 'snake_case',
});
