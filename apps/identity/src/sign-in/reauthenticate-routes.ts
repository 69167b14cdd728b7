import { signInApi } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import type { HubEnv } from '../env.js';
import type { IdentityDb } from '../kernel/db.js';
import { authOf, requestOrigin, requireSession } from '../kernel/guards.js';
import { REAUTHENTICATION_MAX_AGE_SECONDS } from '../passkeys/index.js';
import type { SecurityLog } from '../security/index.js';
import type { Sessions } from '../sessions/index.js';
import type { DeviceCookie } from './device-cookie.js';
import type { createPasswordSignIn } from './sign-in.js';

/**
 * `POST /api/me/reauthenticate`: the signed-in user enters the password again, for the actions that need it
 * recent (adding a first passkey). Checked through the throttled sign-in path, so it can't be used to guess.
 */
export function reauthenticateRoutes(deps: {
  db: IdentityDb;
  sessions: Sessions;
  signInWithPassword: ReturnType<typeof createPasswordSignIn>;
  deviceCookie: DeviceCookie;
  securityLog: SecurityLog;
}) {
  const { db, sessions, signInWithPassword, deviceCookie, securityLog } = deps;
  return endpointRoutes<HubEnv>('/api').on(
    signInApi.reauthenticate,
    requireSession,
    async (c, { body: { password } }) => {
      const auth = authOf(c);
      const origin = requestOrigin(c);
      await signInWithPassword({
        identifier: String(auth.account.accountNumber),
        password,
        ...origin,
        devices: deviceCookie.read(c),
      });
      const session = await db.transaction(async (tx) => {
        const updated = await sessions.passwordEntered(auth.session.id, tx);
        await securityLog.record(
          { ...origin, accountId: auth.account.id, type: 'password.reauthenticated' },
          tx,
        );
        return updated;
      });
      const passwordAt = session.passwordAt ?? new Date();
      return c.json({
        passwordAt: passwordAt.toISOString(),
        validUntil: new Date(passwordAt.getTime() + REAUTHENTICATION_MAX_AGE_SECONDS * 1000).toISOString(),
      });
    },
  ).app;
}
