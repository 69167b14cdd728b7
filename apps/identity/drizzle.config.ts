import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './src/db/schema.ts',
    './src/passkeys/schema.ts',
    './src/security/schema.ts',
    './src/oidc/schema.ts',
    './src/services/schema.ts',
    './src/membership/schema.ts',
    './src/recovery/schema.ts',
    './src/email/schema.ts',
    './src/social/schema.ts',
    './src/notifications/schema.ts',
  ],
  out: './drizzle',
  schemaFilter: ['identity', 'oidc', 'platform', 'membership', 'social', 'notifications'],
  casing: 'snake_case',
});
