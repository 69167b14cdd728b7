import type { AccountLifecycle } from '../../account-lifecycle/index.js';
import type { Clock } from '../../clock.js';
import type { IdentityDb } from '../../kernel/db.js';
import type { Grants } from '../../oidc/index.js';
import type { Passkeys, RecoveryCodes } from '../../passkeys/index.js';
import type { EmailVerification, PasswordReset } from '../../recovery/index.js';
import type { SecurityLog } from '../../security/index.js';
import type { Sessions } from '../../sessions/index.js';
import type { AuditLog } from '../audit.js';
import { createAccountDetail } from './detail.js';
import { createAccountListing } from './listing.js';
import { createAccountLock } from './lock.js';
import { createAccountManagement } from './manage.js';

/**
 * Staff's account management, wired once (`createServices`): finding accounts, reading one, locking, and the other
 * writes. No HTTP here; `routes.ts` is its API, and the CLI may call the same functions.
 */
export function createAccountAdministration(deps: {
  db: IdentityDb;
  clock: Clock;
  sessions: Sessions;
  grants: Grants;
  securityLog: SecurityLog;
  audit: AuditLog;
  recoveryCodes: RecoveryCodes;
  passkeys: Passkeys;
  passwordReset: PasswordReset;
  emailVerification: EmailVerification;
  lifecycle: AccountLifecycle;
}) {
  const listing = createAccountListing({ db: deps.db });
  return {
    listing,
    detail: createAccountDetail({ ...deps, listing }),
    lock: createAccountLock(deps),
    manage: createAccountManagement(deps),
  };
}

export type AccountAdministration = ReturnType<typeof createAccountAdministration>;
