import { eq, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { SessionRow } from '../db/schema.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { PASSKEYS_ERRORS } from './errors.js';
import { passkeys } from './schema.js';

/** A step-up counts for sensitive actions this long after the passkey assertion. */
export const STEP_UP_MAX_AGE_SECONDS = 5 * 60;

export const stepUpRequired = () =>
  PASSKEYS_ERRORS.stepUpRequired.error({ maxAgeSeconds: STEP_UP_MAX_AGE_SECONDS });

export const passkeyRequiredForStaff = () => PASSKEYS_ERRORS.adminPasskeyRequired.error();

/** Adding a first passkey needs the password entered this recently in the session. */
export const REAUTHENTICATION_MAX_AGE_SECONDS = 5 * 60;

export const reauthenticationRequired = () =>
  PASSKEYS_ERRORS.reauthenticationRequired.error({ maxAgeSeconds: REAUTHENTICATION_MAX_AGE_SECONDS });

/** Whether an account has passkey protection (at least one passkey). */
export async function hasPasskey(q: Queryable, accountId: string): Promise<boolean> {
  const [row] = await q
    .select({ n: sql<number>`count(*)::int` })
    .from(passkeys)
    .where(eq(passkeys.accountId, accountId));
  return (row?.n ?? 0) > 0;
}

/** Until when the session's last passkey assertion lets it do sensitive actions; null when it has none. */
export function stepUpExpiresAt(session: Pick<SessionRow, 'passkeyAt'>): Date | null {
  return session.passkeyAt ? new Date(session.passkeyAt.getTime() + STEP_UP_MAX_AGE_SECONDS * 1000) : null;
}

/**
 * The rule for sensitive actions: when the account has a passkey, the session must have made a passkey
 * assertion within the last five minutes. Accounts without a passkey pass (their actions have their own checks,
 * like the current password).
 */
export function createStepUpCheck({ db, clock }: { db: IdentityDb; clock: Clock }) {
  return {
    /** Throws `401 step_up_required` unless the session may do a sensitive action now. */
    async assert(accountId: string, session: Pick<SessionRow, 'passkeyAt'>): Promise<void> {
      const until = stepUpExpiresAt(session);
      if (until && until.getTime() > clock.now().getTime()) return;
      if (await hasPasskey(db, accountId)) throw stepUpRequired();
    },

    /**
     * The rule for staff writes (admin and support): unlike a user's own sensitive actions, an account without a
     * passkey does not pass — `403 admin.passkey_required` until it adds one — and with one, the session must have
     * made a passkey assertion within the last five minutes (`401 step_up_required`).
     */
    async assertStaff(accountId: string, session: Pick<SessionRow, 'passkeyAt'>): Promise<void> {
      if (!(await hasPasskey(db, accountId))) throw passkeyRequiredForStaff();
      const until = stepUpExpiresAt(session);
      if (until && until.getTime() > clock.now().getTime()) return;
      throw stepUpRequired();
    },

    /**
     * The rule for adding a passkey. A further one needs the passkey step-up. The first one needs the password
     * entered in the session within the last five minutes: the session alone must not be enough, or a stolen
     * session could enrol its own passkey, take the recovery codes and lock the owner out.
     */
    async assertMayAddPasskey(
      accountId: string,
      session: Pick<SessionRow, 'passkeyAt' | 'passwordAt'>,
    ): Promise<void> {
      if (await hasPasskey(db, accountId)) {
        const until = stepUpExpiresAt(session);
        if (until && until.getTime() > clock.now().getTime()) return;
        throw stepUpRequired();
      }
      const enteredAt = session.passwordAt?.getTime() ?? Number.NEGATIVE_INFINITY;
      if (clock.now().getTime() - enteredAt > REAUTHENTICATION_MAX_AGE_SECONDS * 1000) {
        throw reauthenticationRequired();
      }
    },
  };
}

export type StepUpCheck = ReturnType<typeof createStepUpCheck>;
