import { uniqueViolation } from '@orbit/db';
import {
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { AccountRow } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import type { IdentityDb, Queryable } from '../kernel/db.js';
import type { RequestOrigin } from '../kernel/guards.js';
import type { SecurityLog } from '../security/index.js';
import { CHALLENGE_LIFETIME_MS, type Challenges } from './challenges.js';
import { defaultPasskeyName } from './device-names.js';
import { PASSKEYS_ERRORS } from './errors.js';
import type { RecoveryCodes } from './recovery-codes.js';
import { type PasskeyRow, passkeys } from './schema.js';

export const PASSKEY_NAME_MAX = 64;

export interface PasskeyView {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  deviceType: PasskeyRow['deviceType'];
  backedUp: boolean;
  /** A copy lives in the user's passkey provider (backed up), so it survives losing this device. */
  synced: boolean;
  transports: string[];
  aaguid: string;
}

export const viewPasskey = (row: PasskeyRow): PasskeyView => ({
  id: row.id,
  name: row.name,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  deviceType: row.deviceType,
  backedUp: row.backedUp,
  synced: row.backedUp,
  transports: row.transports,
  aaguid: row.aaguid,
});

/**
 * RFC 8176 `amr` values for a passkey assertion: `swk` for a synced (backup-eligible) key, `hwk` for one bound
 * to its device; `user` since every assertion tests user presence; `mfa` when the authenticator also verified
 * the user (PIN or biometrics: something the user has plus something they are or know).
 */
export function passkeyAmr(passkey: Pick<PasskeyRow, 'deviceType'>, userVerified: boolean): string[] {
  return [passkey.deviceType === 'multiDevice' ? 'swk' : 'hwk', 'user', ...(userVerified ? ['mfa'] : [])];
}

const failed = (message = 'The passkey could not be verified.') =>
  new AppError(401, 'passkey.verification_failed', message);
const unknownCredential = () => PASSKEYS_ERRORS.passkeyUnknownCredential.error();
const notFound = () => new AppError(404, 'passkey.not_found', 'No such passkey on this account.');

/** The WebAuthn user handle of an account: its uuid's 16 bytes (no personal data, WebAuthn §14.6.1). */
export const userHandleOf = (accountId: string) => Buffer.from(accountId.replaceAll('-', ''), 'hex');

export type AssertionPurpose = 'second_factor' | 'passwordless' | 'step_up';

export interface VerifiedAssertion {
  passkey: PasskeyRow;
  userVerified: boolean;
  amr: string[];
}

/**
 * Registering, listing, renaming and removing passkeys, and verifying assertions (WebAuthn §7.1 and §7.2, by
 * @simplewebauthn/server), with challenges from `challenges` and entries in the security log.
 */
export function createPasskeys(deps: {
  db: IdentityDb;
  clock: Clock;
  config: Config['webauthn'];
  challenges: Challenges;
  recoveryCodes: RecoveryCodes;
  securityLog: SecurityLog;
}) {
  const { db, clock, config, challenges, recoveryCodes, securityLog } = deps;

  const list = (accountId: string) =>
    db.select().from(passkeys).where(eq(passkeys.accountId, accountId)).orderBy(asc(passkeys.createdAt));

  const descriptors = (rows: PasskeyRow[]) =>
    rows.map((row) => ({
      id: row.credentialId,
      transports: row.transports as AuthenticatorTransport[],
    }));

  return {
    list,

    async registrationOptions(
      account: AccountRow,
      sessionId: string,
    ): Promise<PublicKeyCredentialCreationOptionsJSON> {
      const existing = await list(account.id);
      const challenge = await challenges.issue('register', sessionId, account.id);
      return generateRegistrationOptions({
        rpName: config.rpName,
        rpID: config.rpId,
        userName: account.handle,
        userDisplayName: account.displayName,
        userID: userHandleOf(account.id),
        challenge: Buffer.from(challenge, 'base64url'),
        timeout: CHALLENGE_LIFETIME_MS,
        attestationType: 'none',
        // The same authenticator can't be added twice (WebAuthn §5.4 excludeCredentials).
        excludeCredentials: descriptors(existing),
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
      });
    },

    /**
     * Verifies a registration and stores the passkey. On the account's first passkey (when it has no unused
     * recovery codes) it also makes ten recovery codes, answered once here and never again.
     */
    async register(
      account: AccountRow,
      sessionId: string,
      response: RegistrationResponseJSON,
      name: string | undefined,
      origin: RequestOrigin,
    ): Promise<{ passkey: PasskeyRow; recoveryCodes?: string[] }> {
      const { challenge, accountId } = await challenges.consume(
        response.response?.clientDataJSON,
        'register',
        sessionId,
      );
      if (accountId !== account.id) throw failed();
      let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
      try {
        verification = await verifyRegistrationResponse({
          response,
          expectedChallenge: challenge,
          expectedOrigin: config.origins,
          expectedRPID: config.rpId,
          requireUserVerification: false,
        });
      } catch (error) {
        throw failed(`The passkey could not be registered: ${(error as Error).message}`);
      }
      if (!verification.verified) throw failed();
      const info = verification.registrationInfo;
      const now = clock.now();
      try {
        return await db.transaction(async (tx) => {
          const taken = await tx
            .select({ name: passkeys.name })
            .from(passkeys)
            .where(eq(passkeys.accountId, account.id));
          const [passkey] = await tx
            .insert(passkeys)
            .values({
              accountId: account.id,
              credentialId: info.credential.id,
              publicKey: Buffer.from(info.credential.publicKey),
              counter: info.credential.counter,
              transports: info.credential.transports ?? response.response.transports ?? [],
              deviceType: info.credentialDeviceType,
              backedUp: info.credentialBackedUp,
              aaguid: info.aaguid,
              // Without a name, the provider or device it was made on: "iCloud Keychain", "Chrome on Linux (2)".
              name:
                name?.trim() ||
                defaultPasskeyName(
                  { userAgent: origin.userAgent, aaguid: info.aaguid },
                  taken.map((row) => row.name),
                ),
              createdAt: now,
            })
            .returning();
          if (!passkey) throw new Error('passkey insert returned nothing');
          await securityLog.record(
            {
              ...origin,
              accountId: account.id,
              type: 'passkey.added',
              details: { passkeyId: passkey.id, name: passkey.name },
            },
            tx,
          );
          const { remaining } = await recoveryCodes.status(account.id, tx);
          if (remaining > 0) return { passkey };
          const codes = await recoveryCodes.generate(account.id, tx);
          await securityLog.record(
            { ...origin, accountId: account.id, type: 'recovery_codes.generated' },
            tx,
          );
          return { passkey, recoveryCodes: codes };
        });
      } catch (error) {
        if (uniqueViolation(error)) {
          throw PASSKEYS_ERRORS.passkeyAlreadyRegistered.error();
        }
        throw error;
      }
    },

    async rename(accountId: string, id: string, name: string, origin: RequestOrigin): Promise<PasskeyRow> {
      return db.transaction(async (tx) => {
        const [before] = await tx
          .select({ name: passkeys.name })
          .from(passkeys)
          .where(and(eq(passkeys.id, id), eq(passkeys.accountId, accountId)));
        if (!before) throw notFound();
        const [row] = await tx
          .update(passkeys)
          .set({ name })
          .where(and(eq(passkeys.id, id), eq(passkeys.accountId, accountId)))
          .returning();
        if (!row) throw notFound();
        await securityLog.record(
          {
            ...origin,
            accountId,
            type: 'passkey.renamed',
            details: { passkeyId: id, from: before.name, name },
          },
          tx,
        );
        return row;
      });
    },

    /**
     * Removes a passkey; removing the last one turns passkey protection off and drops the recovery codes. Runs in
     * `q` when given (staff's removal, with its audit entry), else in a transaction of its own.
     */
    async remove(
      accountId: string,
      id: string,
      origin: RequestOrigin & { details?: Record<string, unknown> },
      q?: Queryable,
    ): Promise<{ protectionOff: boolean; name: string }> {
      const run = async (tx: Queryable) => {
        const [row] = await tx
          .delete(passkeys)
          .where(and(eq(passkeys.id, id), eq(passkeys.accountId, accountId)))
          .returning();
        if (!row) throw notFound();
        const { details, ...from } = origin;
        await securityLog.record(
          {
            ...from,
            accountId,
            type: 'passkey.removed',
            details: { ...details, passkeyId: id, name: row.name },
          },
          tx,
        );
        const [{ n } = { n: 0 }] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(passkeys)
          .where(eq(passkeys.accountId, accountId));
        if (n === 0) await recoveryCodes.deleteAll(accountId, tx);
        return { protectionOff: n === 0, name: row.name };
      };
      return q ? run(q) : db.transaction(run);
    },

    /**
     * Options for an assertion. With an account (second factor, step-up) its passkeys are listed; without one
     * (passwordless) none are, so the browser offers discoverable credentials, and user verification is required.
     */
    async authenticationOptions(
      purpose: AssertionPurpose,
      binding: string,
      accountId: string | null,
    ): Promise<PublicKeyCredentialRequestOptionsJSON> {
      const rows = accountId ? await list(accountId) : [];
      if (accountId && rows.length === 0) {
        throw new AppError(409, 'passkey.none', 'This account has no passkey.');
      }
      const challenge = await challenges.issue(purpose, binding, accountId);
      return generateAuthenticationOptions({
        rpID: config.rpId,
        challenge: Buffer.from(challenge, 'base64url'),
        timeout: CHALLENGE_LIFETIME_MS,
        allowCredentials: descriptors(rows),
        userVerification: purpose === 'passwordless' ? 'required' : 'preferred',
      });
    },

    /**
     * Verifies an assertion made for `purpose` by whatever `binding` names. The challenge is spent first. A
     * credential registered to another account than the one signing in is refused; so is a signature counter
     * that went backwards (a sign of a cloned authenticator, WebAuthn §6.1.1), which is also recorded.
     */
    async verifyAssertion(
      response: AuthenticationResponseJSON,
      purpose: AssertionPurpose,
      binding: string,
      origin: RequestOrigin,
    ): Promise<VerifiedAssertion> {
      const { challenge, accountId } = await challenges.consume(
        response?.response?.clientDataJSON,
        purpose,
        binding,
      );
      const credentialId = typeof response?.id === 'string' ? response.id : '';
      const [passkey] = credentialId
        ? await db.select().from(passkeys).where(eq(passkeys.credentialId, credentialId))
        : [];
      // A refusal is logged on the account it concerns, when that is known.
      const subject = accountId ?? passkey?.accountId;
      const refuse = async (error: AppError): Promise<never> => {
        if (subject) {
          await securityLog.record({
            ...origin,
            accountId: subject,
            type: purpose === 'step_up' ? 'step_up.failed' : 'sign_in.failed',
            details: { reason: 'passkey', code: error.code, ...(passkey ? { passkeyId: passkey.id } : {}) },
          });
        }
        throw error;
      };
      if (!passkey || (accountId !== null && passkey.accountId !== accountId))
        return refuse(unknownCredential());
      const requireUserVerification = purpose === 'passwordless';
      if (purpose === 'passwordless' && response.response.userHandle) {
        // The user handle names the account the authenticator holds the credential for (WebAuthn §7.2 step 6).
        const handle = Buffer.from(response.response.userHandle, 'base64url');
        if (!handle.equals(userHandleOf(passkey.accountId))) return refuse(unknownCredential());
      }
      let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>> | undefined;
      let problem = 'the response is not valid';
      try {
        verification = await verifyAuthenticationResponse({
          response,
          expectedChallenge: challenge,
          expectedOrigin: config.origins,
          expectedRPID: config.rpId,
          // The counter is compared below, once the signature is known to be genuine.
          credential: {
            id: passkey.credentialId,
            publicKey: new Uint8Array(passkey.publicKey),
            counter: 0,
            transports: passkey.transports as AuthenticatorTransport[],
          },
          requireUserVerification,
        });
      } catch (error) {
        problem = (error as Error).message;
      }
      if (!verification?.verified) return refuse(failed(`The passkey could not be verified: ${problem}`));
      const info = verification.authenticationInfo;
      if ((info.newCounter > 0 || passkey.counter > 0) && info.newCounter <= passkey.counter) {
        await securityLog.record({
          ...origin,
          accountId: passkey.accountId,
          type: 'passkey.counter_regression',
          details: {
            passkeyId: passkey.id,
            name: passkey.name,
            stored: passkey.counter,
            received: info.newCounter,
          },
        });
        return refuse(PASSKEYS_ERRORS.passkeyCounterRegression.error());
      }
      const now = clock.now();
      const [updated] = await db
        .update(passkeys)
        .set({ counter: info.newCounter, lastUsedAt: now, backedUp: info.credentialBackedUp })
        .where(
          and(
            eq(passkeys.id, passkey.id),
            // Two assertions racing: only the one with the higher counter may store it.
            or(eq(sql`${info.newCounter}::bigint`, 0), sql`${passkeys.counter} < ${info.newCounter}`),
          ),
        )
        .returning();
      if (!updated) {
        throw new AppError(401, 'passkey.counter_regression', 'This passkey was refused; try again.');
      }
      return {
        passkey: updated,
        userVerified: info.userVerified,
        amr: passkeyAmr(updated, info.userVerified),
      };
    },
  };
}

export type Passkeys = ReturnType<typeof createPasskeys>;
