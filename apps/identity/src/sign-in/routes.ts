import { signInApi, webauthnCredential } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { type Accounts, accountLocked, rolesOf, viewAccount } from '../accounts/index.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { randomToken } from '../crypto.js';
import type { AccountRow } from '../db/schema.js';
import type { HubEnv } from '../env.js';
import { AppError } from '../http/errors.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import { csrfTokenFor, type RequestOrigin, requestOrigin, type SessionCookie } from '../kernel/guards.js';
import type { Passkeys, RecoveryCodes } from '../passkeys/index.js';
import type { SecurityLog } from '../security/index.js';
import { mergeAmr, type Sessions } from '../sessions/index.js';
import { type SignInAttempts, tooManyAttempts } from './attempts.js';
import type { DeviceCookie } from './device-cookie.js';
import { SIGN_IN_ERRORS } from './errors.js';
import type { PendingSignIns } from './pending.js';
import type { createPasswordSignIn } from './sign-in.js';
import type { Throttle, ThrottleKey } from './throttle.js';

const PENDING_COOKIE = 'orbit_pending_sign_in';
const PENDING_PATH = '/api/sign-in/second-factor';
const CEREMONY_COOKIE = 'orbit_webauthn_ceremony';
const CEREMONY_PATH = '/api/sign-in/passkey';
const CEREMONY_MS = 5 * 60_000;

/** The browser's credential as `@simplewebauthn/browser` sends it (declared in `@orbit/contracts`). */
export const credentialResponse = webauthnCredential;

type Method = 'password' | 'password+passkey' | 'password+recovery_code' | 'passkey';

/**
 * Every way into a session: a password (complete at once, or the first of two factors when the account has a
 * passkey), then a passkey or a recovery code; or a passkey alone (passwordless, discoverable credential with
 * user verification), which is also what the sign-in form's autofill (conditional mediation) uses.
 */
export function signInRoutes(deps: {
  db: IdentityDb;
  clock: Clock;
  accounts: Accounts;
  config: Pick<Config, 'secureCookies' | 'throttle'>;
  sessions: Sessions;
  cookie: SessionCookie;
  signInWithPassword: ReturnType<typeof createPasswordSignIn>;
  pendingSignIns: PendingSignIns;
  passkeys: Passkeys;
  recoveryCodes: RecoveryCodes;
  throttle: Throttle;
  attempts: SignInAttempts;
  deviceCookie: DeviceCookie;
  securityLog: SecurityLog;
  /**
   * Cancels the account's scheduled deletion, if any, in the transaction that starts the session; true when it
   * did (account-lifecycle's `cancelOnSignIn`): the answer then says so.
   */
  cancelDeletion: (tx: Queryable, accountId: string, origin: RequestOrigin) => Promise<boolean>;
}) {
  const { db, config, sessions, cookie, pendingSignIns, passkeys, recoveryCodes, throttle, securityLog } =
    deps;
  const { attempts, deviceCookie } = deps;
  const cookieBase = { httpOnly: true, sameSite: 'Strict', secure: config.secureCookies } as const;

  /** Starts the session (in one transaction with finishing a pending sign-in, when there is one) and answers it. */
  async function completeSignIn(
    c: Context<HubEnv>,
    account: AccountRow,
    amr: string[],
    method: Method,
    options: {
      passkeyAt?: Date;
      /** When the password of a two-step sign-in was entered (the pending sign-in's start). */
      passwordAt?: Date;
      pendingId?: string;
      extra?: Record<string, unknown>;
    } = {},
  ) {
    const origin = requestOrigin(c);
    const methods = mergeAmr(amr);
    const { token, session, deletionCancelled } = await db.transaction(async (tx) => {
      if (options.pendingId && !(await pendingSignIns.complete(options.pendingId, tx))) {
        throw SIGN_IN_ERRORS.signInPendingRequired.error();
      }
      const started = await sessions.start(account.id, methods, origin, tx, {
        ...(options.passkeyAt ? { passkeyAt: options.passkeyAt } : {}),
        ...(options.passwordAt ? { passwordAt: options.passwordAt } : {}),
      });
      await securityLog.record(
        {
          ...origin,
          accountId: account.id,
          type: 'sign_in.succeeded',
          details: { method, amr: methods, sessionId: started.session.id },
        },
        tx,
      );
      return { ...started, deletionCancelled: await deps.cancelDeletion(tx, account.id, origin) };
    });
    const previous = c.get('auth');
    if (previous) await sessions.revokeByToken(previous.token); // a sign-in always gets a new session id
    cookie.set(c, token, session.expiresAt);
    // This browser is now a known device of the account: failures from elsewhere won't lock it out.
    deviceCookie.remember(c, account.id);
    if (options.pendingId) deleteCookie(c, PENDING_COOKIE, { ...cookieBase, path: PENDING_PATH });
    return c.json({
      status: 'signed_in' as const,
      account: viewAccount(account, await rolesOf(db, account.id)),
      csrfToken: csrfTokenFor(token),
      ...(deletionCancelled ? { deletionCancelled: true as const } : {}),
      ...options.extra,
    });
  }

  async function pendingOf(c: Context<HubEnv>) {
    const pending = await pendingSignIns.resolve(getCookie(c, PENDING_COOKIE));
    if (!pending) {
      throw new AppError(
        401,
        'sign_in.pending_required',
        'Sign in with your password first; this sign-in has expired or was finished.',
      );
    }
    return pending;
  }

  /**
   * Second-factor attempts count like wrong passwords, under the same rules: against the browser's own device
   * when its device cookie vouches for the account, else against the account's shared limit and the address.
   */
  async function secondFactor<T>(
    c: Context<HubEnv>,
    accountId: string,
    attempt: () => Promise<T>,
  ): Promise<T> {
    const device = deviceCookie.read(c).find((entry) => entry.accountId === accountId)?.device;
    const admission = await attempts.admit({ ...requestOrigin(c), accountId, device });
    try {
      const result = await attempt();
      await attempts.succeeded(admission);
      return result;
    } catch (error) {
      if (error instanceof AppError && error.status === 401) await attempts.failed(admission);
      throw error;
    }
  }

  /** A passwordless passkey names no account until it is verified, so its failures count against the address. */
  async function throttledByAddress<T>(c: Context<HubEnv>, attempt: () => Promise<T>): Promise<T> {
    const ip = c.get('clientIp');
    const keys: ThrottleKey[] = ip ? [{ key: `ip:${ip}`, limit: config.throttle.ipLimit }] : [];
    const locked = await throttle.retryAfter(keys);
    if (locked > 0) throw tooManyAttempts(locked);
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof AppError && error.status === 401) {
        const wait = await throttle.recordFailure(keys);
        if (wait > 0) throw tooManyAttempts(wait);
      }
      throw error;
    }
  }

  const accountOf = async (id: string) => {
    const account = await deps.accounts.byId(id);
    if (!account) throw new AppError(401, 'sign_in.pending_required', 'This account no longer exists.');
    // The credential was right (or the password was, for a pending sign-in): the lock may be told now.
    if (account.lockedAt) throw accountLocked();
    return account;
  };

  return endpointRoutes<HubEnv>('/api')
    .on(signInApi.password, async (c, { body }) => {
      const { account, secondFactorRequired } = await deps.signInWithPassword({
        ...body,
        ...requestOrigin(c),
        devices: deviceCookie.read(c),
      });
      if (!secondFactorRequired) return completeSignIn(c, account, ['pwd'], 'password');
      // Passkey protection: the password was right, and the sign-in now waits for its second factor.
      const { token, expiresAt } = await pendingSignIns.start(account.id, ['pwd']);
      setCookie(c, PENDING_COOKIE, token, { ...cookieBase, path: PENDING_PATH, expires: expiresAt });
      const { remaining } = await recoveryCodes.status(account.id);
      return c.json({
        status: 'second_factor_required' as const,
        methods: remaining > 0 ? ['passkey', 'recovery_code'] : ['passkey'],
        expiresAt: expiresAt.toISOString(),
      });
    })
    .on(signInApi.secondFactorOptions, async (c) => {
      const pending = await pendingOf(c);
      c.header('Cache-Control', 'no-store');
      return c.json({
        options: await passkeys.authenticationOptions('second_factor', pending.id, pending.accountId),
      });
    })
    .on(signInApi.secondFactorPasskey, async (c, { body: { response } }) => {
      const pending = await pendingOf(c);
      const verified = await secondFactor(c, pending.accountId, () =>
        passkeys.verifyAssertion(
          response as unknown as AuthenticationResponseJSON,
          'second_factor',
          pending.id,
          requestOrigin(c),
        ),
      );
      const account = await accountOf(pending.accountId);
      return completeSignIn(c, account, [...pending.methods, ...verified.amr], 'password+passkey', {
        passkeyAt: verified.passkey.lastUsedAt ?? new Date(),
        passwordAt: pending.createdAt,
        pendingId: pending.id,
      });
    })
    .on(signInApi.secondFactorRecoveryCode, async (c, { body: { code } }) => {
      const pending = await pendingOf(c);
      await accountOf(pending.accountId); // locked since the password was checked: keep the code unspent
      const origin = requestOrigin(c);
      const remaining = await secondFactor(c, pending.accountId, async () => {
        const left = await recoveryCodes.spend(pending.accountId, code);
        if (left === undefined) {
          await securityLog.record({
            ...origin,
            accountId: pending.accountId,
            type: 'sign_in.failed',
            details: { reason: 'recovery_code' },
          });
          throw SIGN_IN_ERRORS.recoveryCodeInvalid.error();
        }
        return left;
      });
      await securityLog.record({
        ...origin,
        accountId: pending.accountId,
        type: 'recovery_code.used',
        details: { remaining },
      });
      const account = await accountOf(pending.accountId);
      return completeSignIn(c, account, [...pending.methods, 'otp'], 'password+recovery_code', {
        passwordAt: pending.createdAt,
        pendingId: pending.id,
        extra: { recoveryCodesRemaining: remaining },
      });
    })
    .on(signInApi.passkeyOptions, async (c) => {
      // One ceremony cookie per browser, reused while it lasts, so the autofill request and a click on the
      // passkey button don't invalidate each other.
      let ceremony = getCookie(c, CEREMONY_COOKIE);
      if (!ceremony || !/^[\w-]{43}$/.test(ceremony)) ceremony = randomToken();
      setCookie(c, CEREMONY_COOKIE, ceremony, {
        ...cookieBase,
        path: CEREMONY_PATH,
        expires: new Date(deps.clock.now().getTime() + CEREMONY_MS),
      });
      c.header('Cache-Control', 'no-store');
      return c.json({ options: await passkeys.authenticationOptions('passwordless', ceremony, null) });
    })
    .on(signInApi.passkey, async (c, { body: { response } }) => {
      const ceremony = getCookie(c, CEREMONY_COOKIE);
      if (!ceremony) {
        throw new AppError(401, 'passkey.challenge_invalid', 'This passkey request has expired. Try again.');
      }
      const verified = await throttledByAddress(c, () =>
        passkeys.verifyAssertion(
          response as unknown as AuthenticationResponseJSON,
          'passwordless',
          ceremony,
          requestOrigin(c),
        ),
      );
      const account = await accountOf(verified.passkey.accountId);
      return completeSignIn(c, account, verified.amr, 'passkey', {
        passkeyAt: verified.passkey.lastUsedAt ?? new Date(),
      });
    }).app;
}
