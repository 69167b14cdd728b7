import { identitySchema } from './db/schema.js';
import { oidcSchema } from './oidc/schema.js';

/** Every table the hub owns, across its Postgres schemas (`identity`, `oidc`). */
export const schema = { ...identitySchema, ...oidcSchema };
export type IdentitySchema = typeof schema;
