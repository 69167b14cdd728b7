import { adminSchema } from './admin/schema.js';
import { identitySchema } from './db/schema.js';
import { emailSchema } from './email/schema.js';
import { membershipSchema } from './membership/schema.js';
import { oidcSchema } from './oidc/schema.js';
import { passkeySchema } from './passkeys/schema.js';
import { recoverySchema } from './recovery/schema.js';
import { securitySchema } from './security/schema.js';
import { platformSchema } from './services/schema.js';

/** Every table the hub owns, across its Postgres schemas (`identity`, `oidc`, `platform`, `membership`). */
export const schema = {
  ...identitySchema,
  ...adminSchema,
  ...passkeySchema,
  ...securitySchema,
  ...recoverySchema,
  ...oidcSchema,
  ...platformSchema,
  ...membershipSchema,
  ...emailSchema,
};
export type IdentitySchema = typeof schema;
