import { type AccountDeletionScheduled, securityLogApi } from '@orbit/contracts';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { hub, request } from './client';
import type { Passkey, SecurityOverview, Session } from './types';

/**
 * Typed calls for passkeys, step-up, recovery codes, the security log and deleting the account (docs/passkeys.md).
 * Sensitive ones may first be refused with `step_up_required`; the client confirms with a passkey and sends
 * them again (see `onStepUpRequired`).
 */

const passkeyPath = (id: string) => `/api/me/passkeys/${encodeURIComponent(id)}`;

export interface AddedPasskey {
  passkey: Passkey;
  /** Ten new recovery codes, only when the account had no unused ones (its first passkey): shown once. */
  recoveryCodes?: string[];
}

export interface DeleteAccountInput {
  /** The account number, typed by the reader to confirm. */
  confirm: string;
  /** Required when the account has no passkey. */
  password?: string;
}

export const security = {
  overview: () => request<SecurityOverview>('GET', '/api/me/security'),

  /** Options for a step-up: a passkey assertion inside this session (`409 passkey.none` without a passkey). */
  stepUpOptions: async () =>
    (
      await request<{ options: PublicKeyCredentialRequestOptionsJSON }>(
        'POST',
        '/api/session/step-up/options',
      )
    ).options,

  stepUp: async (response: AuthenticationResponseJSON) =>
    (await request<{ session: Session }>('POST', '/api/session/step-up', { json: { response } })).session,

  registrationOptions: async () =>
    (
      await request<{ options: PublicKeyCredentialCreationOptionsJSON }>(
        'POST',
        '/api/me/passkeys/registration-options',
      )
    ).options,

  /**
   * Enters the password again in this session: adding a first passkey needs it within the last five minutes
   * (`401 reauthentication_required` otherwise).
   */
  reauthenticate: (password: string) =>
    request<{ passwordAt: string; validUntil: string }>('POST', '/api/me/reauthenticate', {
      json: { password },
    }),

  /** Saves a new passkey; without a name the hub picks one ("Passkey 2"). */
  addPasskey: (response: RegistrationResponseJSON, name?: string) =>
    request<AddedPasskey>('POST', '/api/me/passkeys', { json: name ? { name, response } : { response } }),

  renamePasskey: async (id: string, name: string) =>
    (await request<{ passkey: Passkey }>('PATCH', passkeyPath(id), { json: { name } })).passkey,

  /** Removing the last passkey turns passkey protection off and deletes the recovery codes. */
  removePasskey: (id: string) => request<void>('DELETE', passkeyPath(id)),

  /** Ten new recovery codes, answered this once; the old ones stop working. */
  regenerateRecoveryCodes: async () =>
    (await request<{ codes: string[] }>('POST', '/api/me/recovery-codes')).codes,

  dismissRecoveryNotice: () => request<void>('POST', '/api/me/recovery-notice/dismiss'),

  /** The account's own security log, newest first. */
  log: (before?: number, limit?: number) => hub.call(securityLogApi.mine, { query: { before, limit } }),

  /** Ends every session and schedules the deletion (signing in before `scheduledFor` cancels it). */
  deleteAccount: (input: DeleteAccountInput) =>
    request<AccountDeletionScheduled>('DELETE', '/api/me', { json: input }),
};
