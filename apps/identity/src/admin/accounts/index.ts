import type { AccountLifecycle } from '../../accounts/lifecycle.js';
import type { Clock } from '../../clock.js';
import type { IdentityDb } from '../../kernel/db.js';
import type { Grants } from '../../oidc/grants.js';
import type { Passkeys } from '../../passkeys/passkeys.js';
import type { RecoveryCodes } from '../../passkeys/recovery-codes.js';
import type { EmailVerification } from '../../recovery/email-verification.js';
import type { PasswordReset } from '../../recovery/password-reset.js';
import type { SecurityLog } from '../../security/log.js';
import type { Sessions } from '../../sessions/sessions.js';
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
