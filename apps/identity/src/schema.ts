import { accountLifecycleSchema } from './account-lifecycle/index.js';
import { accountsSchema } from './accounts/index.js';
import { adminSchema } from './admin/index.js';
import { dataExportSchema } from './data-export/index.js';
import { identitySchema } from './db/schema.js';
import { emailSchema } from './email/index.js';
import { membershipSchema } from './membership/index.js';
import { notificationsSchema } from './notifications/index.js';
import { oidcSchema } from './oidc/index.js';
import { passkeySchema } from './passkeys/index.js';
import { recoverySchema } from './recovery/index.js';
import { securitySchema } from './security/index.js';
import { platformSchema } from './services/index.js';
import { socialSchema } from './social/index.js';

/** Every table the hub owns, across its Postgres schemas (`identity`, `oidc`, `platform`, `membership`, `social`, `notifications`). */
export const schema = {
  ...identitySchema,
  ...accountsSchema,
  ...accountLifecycleSchema,
  ...adminSchema,
  ...passkeySchema,
  ...securitySchema,
  ...recoverySchema,
  ...oidcSchema,
  ...platformSchema,
  ...membershipSchema,
  ...emailSchema,
  ...socialSchema,
  ...notificationsSchema,
  ...dataExportSchema,
};
export type IdentitySchema = typeof schema;
