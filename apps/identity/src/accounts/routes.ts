import { accountsApi } from '@orbit/contracts';
import { endpointRoutes, limitBody } from '@orbit/http';
import { z } from 'zod';
import type { HubEnv } from '../env.js';
import { AppError } from '../http/errors.js';
import type { IdentityDb } from '../kernel/db.js';
import {
  authOf,
  csrfTokenFor,
  requestOrigin,
  requireSession,
  requireStepUp,
  type SessionCookie,
} from '../kernel/guards.js';
import type { Grants } from '../oidc/index.js';
import type { StepUpCheck } from '../passkeys/index.js';
import type { EmailVerification } from '../recovery/index.js';
import type { SecurityLog } from '../security/index.js';
import type { Sessions } from '../sessions/index.js';
import type { createPasswordSignIn, DeviceCookie, SignUpLimit } from '../sign-in/index.js';
import { type Accounts, viewAccount } from './accounts.js';
import { sniffImageType } from './avatar.js';
import { ACCOUNTS_ERRORS } from './errors.js';

export const AVATAR_MAX_BYTES = 256 * 1024;

/** Sign-up, the signed-in user's own profile, avatar and password, and public avatars. */
export function accountRoutes(deps: {
  db: IdentityDb;
  accounts: Accounts;
  sessions: Sessions;
  cookie: SessionCookie;
  signInWithPassword: ReturnType<typeof createPasswordSignIn>;
  stepUpCheck: StepUpCheck;
  securityLog: SecurityLog;
  emailVerification: EmailVerification;
  signUpLimit: SignUpLimit;
  deviceCookie: DeviceCookie;
  grants: Grants;
}) {
  const { signUpLimit, deviceCookie, grants } = deps;
  const { db, accounts, sessions, cookie, signInWithPassword, stepUpCheck, securityLog, emailVerification } =
    deps;
  return endpointRoutes<HubEnv>('/api')
    .on(accountsApi.signUp, async (c, { body }) => {
      await signUpLimit.admit(c.get('clientIp'));
      // The account and its first session are made together, or not at all.
      const { account, token, session } = await db.transaction(async (tx) => {
        await signUpLimit.count(c.get('clientIp'), tx);
        // A given address waits for its link (and stays off the account if another account has it): the answer
        // is the same either way, so sign-up can't be used to learn which addresses are registered.
        const created = await accounts.create({ ...body, email: null }, tx);
        const account = body.email
          ? await emailVerification.offerAtSignUp(created, body.email, requestOrigin(c), tx)
          : created;
        const started = await sessions.start(
          account.id,
          ['pwd'],
          { userAgent: c.req.header('user-agent') ?? '', ip: c.get('clientIp') },
          tx,
        );
        await securityLog.record({ ...requestOrigin(c), accountId: account.id, type: 'account.created' }, tx);
        await securityLog.record(
          {
            ...requestOrigin(c),
            accountId: account.id,
            type: 'sign_in.succeeded',
            details: { method: 'password', amr: ['pwd'], sessionId: started.session.id },
          },
          tx,
        );
        return { account, ...started };
      });
      const previous = c.get('auth');
      if (previous) await sessions.revokeByToken(previous.token);
      cookie.set(c, token, session.expiresAt);
      deviceCookie.remember(c, account.id);
      c.get('log').info({ accountId: account.id }, 'account created');
      return c.json({ account: viewAccount(account, []), csrfToken: csrfTokenFor(token) }, 201);
    })
    .on(accountsApi.me, requireSession, (c) => {
      const auth = authOf(c);
      return c.json({ account: viewAccount(auth.account, auth.roles) });
    })
    .on(accountsApi.updateProfile, requireSession, async (c, { body: { email, ...profile } }) => {
      const auth = authOf(c);
      let account = auth.account;
      const same = (a: string | null) => a !== null && a.toLowerCase() === email?.toLowerCase();
      const emailChanges =
        email === null
          ? account.email !== null || account.pendingEmail !== null
          : email !== undefined && !same(account.email) && !same(account.pendingEmail);
      // Changing the email is a sensitive action (it is how an account is found and reached). The new address
      // takes effect only once its link is used (recovery/email-verification.ts); the current one again cancels.
      if (emailChanges) await stepUpCheck.assert(account.id, auth.session);
      if (emailChanges || (same(account.email) && account.pendingEmail !== null)) {
        account = await emailVerification.requestChange(account, email ?? null, requestOrigin(c));
      }
      if (Object.keys(profile).length > 0) account = await accounts.updateProfile(account.id, profile);
      return c.json({ account: viewAccount(account, auth.roles) });
    })
    .on(
      accountsApi.setAvatar,
      requireSession,
      limitBody({
        maxSize: AVATAR_MAX_BYTES,
        onError: () => {
          throw new AppError(
            413,
            'request.too_large',
            `An avatar may be at most ${AVATAR_MAX_BYTES / 1024} KiB.`,
          );
        },
      }),
      async (c) => {
        const data = Buffer.from(await c.req.arrayBuffer());
        const declared = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
        const actual = sniffImageType(data);
        if (!actual || actual !== declared) {
          throw ACCOUNTS_ERRORS.avatarUnsupportedType.error();
        }
        const auth = authOf(c);
        const account = await accounts.setAvatar(auth.account.id, actual, data);
        return c.json({ account: viewAccount(account, auth.roles) });
      },
    )
    .on(accountsApi.removeAvatar, requireSession, async (c) => {
      const auth = authOf(c);
      const account = await accounts.removeAvatar(auth.account.id);
      return c.json({ account: viewAccount(account, auth.roles) });
    })
    .on(accountsApi.changePassword, requireSession, requireStepUp(stepUpCheck), async (c, { body }) => {
      const auth = authOf(c);
      // Re-checks the current password through the throttled sign-in path, so it can't be brute-forced here.
      await signInWithPassword({
        identifier: String(auth.account.accountNumber),
        password: body.currentPassword,
        ...requestOrigin(c),
        devices: deviceCookie.read(c),
      });
      await db.transaction(async (tx) => {
        await accounts.changePassword(auth.account.id, body.newPassword, tx);
        // Whoever knew the old password loses what it got them: other sessions and every refresh token.
        await sessions.revokeOthers(auth.account.id, auth.session.id, tx);
        await grants.revokeAllOfAccount(auth.account.id, 'password_changed', tx);
        await sessions.passwordEntered(auth.session.id, tx);
        await securityLog.record(
          { ...requestOrigin(c), accountId: auth.account.id, type: 'password.changed' },
          tx,
        );
      });
      await sessions.ended();
      return c.body(null, 204);
    })
    .on(accountsApi.avatar, async (c, { params }) => {
      const id = z.uuid().safeParse(params.id);
      const avatar = id.success ? await accounts.avatar(id.data) : undefined;
      if (!avatar) throw ACCOUNTS_ERRORS.avatarNotFound.error();
      return c.body(new Uint8Array(avatar.data), 200, {
        'Content-Type': avatar.contentType,
        'Cache-Control': 'public, max-age=86400',
        'Content-Security-Policy': "default-src 'none'",
        // Every service's header shows it (the service shell), from the service's own origin.
        'Cross-Origin-Resource-Policy': 'cross-origin',
      });
    }).app;
}
