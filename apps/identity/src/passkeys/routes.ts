import { passkeysApi } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import { and, desc, eq, gt } from 'drizzle-orm';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { accounts } from '../db/schema.js';
import type { HubEnv } from '../env.js';
import { AppError } from '../http/errors.js';
import type { IdentityDb } from '../kernel/db.js';
import { describeDevice } from '../kernel/devices.js';
import {
  authOf,
  requestOrigin,
  requireMayAddPasskey,
  requireSession,
  requireStepUp,
} from '../kernel/guards.js';
import type { SecurityLog } from '../security/index.js';
import { securityEvents } from '../security/index.js';
import { defaultPasskeyName } from './device-names.js';
import { PASSKEYS_ERRORS } from './errors.js';
import { type Passkeys, viewPasskey } from './passkeys.js';
import type { RecoveryCodes } from './recovery-codes.js';
import { hasPasskey, type StepUpCheck } from './step-up.js';

const passkeyId = z.uuid();

/** A recovery code used to sign in stays on the security page this long, unless the user dismisses it. */
const RECOVERY_NOTICE_MS = 30 * 24 * 60 * 60_000;

/** The signed-in user's passkeys and recovery codes (docs/passkeys.md). */
export function passkeyRoutes(deps: {
  db: IdentityDb;
  clock: Clock;
  passkeys: Passkeys;
  recoveryCodes: RecoveryCodes;
  stepUpCheck: StepUpCheck;
  securityLog: SecurityLog;
}) {
  const { db, clock, passkeys, recoveryCodes, stepUpCheck, securityLog } = deps;
  // Removing a passkey needs a fresh passkey assertion; adding one needs that too, or, for the first one, the
  // password entered in the last five minutes.
  const stepUp = requireStepUp(stepUpCheck);
  const mayAddPasskey = requireMayAddPasskey(stepUpCheck);
  async function recoveryNotice(accountId: string, seenAt: Date | null) {
    const since = new Date(Math.max(clock.now().getTime() - RECOVERY_NOTICE_MS, seenAt?.getTime() ?? 0));
    const [used] = await db
      .select()
      .from(securityEvents)
      .where(
        and(
          eq(securityEvents.accountId, accountId),
          eq(securityEvents.type, 'recovery_code.used'),
          gt(securityEvents.createdAt, since),
        ),
      )
      .orderBy(desc(securityEvents.id))
      .limit(1);
    return used
      ? { usedAt: used.createdAt.toISOString(), ip: used.ip, device: describeDevice(used.userAgent) }
      : null;
  }

  const routes = endpointRoutes<HubEnv>('/api');
  routes.app.use('/me/passkeys/*', requireSession).use('/me/passkeys', requireSession);
  return routes
    .on(passkeysApi.security, requireSession, async (c) => {
      const { account } = authOf(c);
      const rows = await passkeys.list(account.id);
      c.header('Cache-Control', 'no-store');
      return c.json({
        passkeyProtection: rows.length > 0,
        passkeys: rows.map(viewPasskey),
        recoveryCodes: await recoveryCodes.status(account.id),
        recoveryNotice: await recoveryNotice(account.id, account.recoveryNoticeSeenAt),
        // What a passkey added from this browser without a name is called (a known provider's name wins).
        suggestedPasskeyName: defaultPasskeyName(
          { userAgent: c.req.header('user-agent') ?? '' },
          rows.map((row) => row.name),
        ),
      });
    })
    .on(passkeysApi.registrationOptions, mayAddPasskey, async (c) => {
      const auth = authOf(c);
      c.header('Cache-Control', 'no-store');
      return c.json({ options: await passkeys.registrationOptions(auth.account, auth.session.id) });
    })
    .on(passkeysApi.register, mayAddPasskey, async (c, { body }) => {
      const auth = authOf(c);
      const { passkey, recoveryCodes: codes } = await passkeys.register(
        auth.account,
        auth.session.id,
        body.response as unknown as RegistrationResponseJSON,
        body.name,
        requestOrigin(c),
      );
      c.header('Cache-Control', 'no-store');
      return c.json({ passkey: viewPasskey(passkey), ...(codes ? { recoveryCodes: codes } : {}) }, 201);
    })
    .on(passkeysApi.rename, async (c, { params, body: { name } }) => {
      const id = passkeyId.safeParse(params.id);
      if (!id.success) throw new AppError(404, 'passkey.not_found', 'No such passkey on this account.');
      const row = await passkeys.rename(authOf(c).account.id, id.data, name, requestOrigin(c));
      return c.json({ passkey: viewPasskey(row) });
    })
    .on(passkeysApi.remove, stepUp, async (c, { params }) => {
      const id = passkeyId.safeParse(params.id);
      if (!id.success) throw new AppError(404, 'passkey.not_found', 'No such passkey on this account.');
      await passkeys.remove(authOf(c).account.id, id.data, requestOrigin(c));
      return c.body(null, 204);
    })
    .on(passkeysApi.newRecoveryCodes, requireSession, stepUp, async (c) => {
      const { account } = authOf(c);
      const origin = requestOrigin(c);
      const codes = await db.transaction(async (tx) => {
        if (!(await hasPasskey(tx, account.id))) {
          throw PASSKEYS_ERRORS.passkeyNone.error();
        }
        const fresh = await recoveryCodes.generate(account.id, tx);
        await securityLog.record({ ...origin, accountId: account.id, type: 'recovery_codes.generated' }, tx);
        return fresh;
      });
      c.header('Cache-Control', 'no-store');
      return c.json({ codes });
    })
    .on(passkeysApi.dismissRecoveryNotice, requireSession, async (c) => {
      await db
        .update(accounts)
        .set({ recoveryNoticeSeenAt: clock.now() })
        .where(eq(accounts.id, authOf(c).account.id));
      return c.body(null, 204);
    }).app;
}
