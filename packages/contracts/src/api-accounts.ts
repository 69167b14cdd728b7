/**
 * The hub's account endpoints (`/api`): sign-up and the first admin's setup, the owner's profile, avatar and
 * password, taking one's data out and deleting the account, email verification and forgot password, and the
 * owner's passkeys and recovery codes. The hub's `accounts`, `recovery`, `setup` and `passkeys` modules implement
 * them.
 */
import { z } from 'zod';
import { accountView, passwordChange, passwordSchema, profilePatch, signUpBody } from './accounts.js';
import { webauthnCredential, webauthnOptions } from './api-sessions.js';
import { ACCOUNT_DELETION_GRACE_DAYS, accountDeletionScheduled } from './data-rights.js';
import { endpoint } from './endpoint.js';
import { subscriptionView } from './membership-views.js';

const instant = z.string().describe('ISO 8601 date-time');
const accountAnswer = z.object({ account: accountView });
/** An account just made, signed in: its session cookie is set and its CSRF token comes with it. */
const created = z.object({ account: accountView, csrfToken: z.string() });

/** Images an avatar may be; the bytes must be what the `Content-Type` says. */
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export const AVATAR_MAX_BYTES = 256 * 1024;
export const PASSKEY_NAME_MAX = 64;

/** A token from an emailed link: 43 URL-safe characters. */
const linkToken = z.string().regex(/^[\w-]{43}$/, 'Not a token from a link.');
const tokenBody = z.object({ token: linkToken });

/** One of the owner's passkeys. */
export const passkeyView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    createdAt: instant,
    lastUsedAt: instant.nullable(),
    deviceType: z.enum(['singleDevice', 'multiDevice']),
    backedUp: z.boolean(),
    /** A copy lives in the user's passkey provider (backed up), so it survives losing this device. */
    synced: z.boolean(),
    transports: z.array(z.string()),
    aaguid: z.string(),
  })
  .meta({ id: 'Passkey', description: 'One of the owner’s passkeys.' });
export type PasskeyView = z.infer<typeof passkeyView>;

export const recoveryCodesStatus = z.object({ remaining: z.number().int(), generatedAt: instant.nullable() });

/** `GET /api/me/security`: the account-center security page. */
export const securityOverview = z.object({
  /** Whether a password alone no longer signs in (the account has a passkey). */
  passkeyProtection: z.boolean(),
  passkeys: z.array(passkeyView),
  recoveryCodes: recoveryCodesStatus,
  /** A recovery code was used lately (in the last 30 days, since the notice was dismissed). */
  recoveryNotice: z.object({ usedAt: instant, ip: z.string().nullable(), device: z.string() }).nullable(),
  /** What a passkey added from this browser without a name is called. */
  suggestedPasskeyName: z.string(),
});
export type SecurityOverview = z.infer<typeof securityOverview>;

const passkeyName = z.string().trim().min(1).max(PASSKEY_NAME_MAX);

/** `GET /api/me/deletion-check`: what deleting the account would end. */
export const deletionCheck = z.object({
  /** Live purchased memberships: they end at once, unrefunded, and never renew. */
  paidMemberships: z.array(subscriptionView),
  /** Live memberships an admin granted: they end too. */
  complimentaryMemberships: z.array(subscriptionView),
  refund: z.literal('none'),
  /** A purchase or renewal is being charged right now: deletion waits for it (409 `account.payment_in_progress`). */
  paymentInProgress: z.boolean(),
});

/** `DELETE /api/me`: type the confirmation word; the password too when the account has no passkey. */
export const deletionBody = z.object({
  confirm: z.string().max(64),
  password: z.string().min(1).max(1024).optional(),
});

const accountsTag = ['accounts'] as const;
const recoveryTag = ['recovery'] as const;
const passkeysTag = ['passkeys'] as const;

export const accountsApi = {
  signUp: endpoint({
    method: 'post',
    path: '/api/accounts',
    summary: 'Sign up: make an account and sign it in',
    tags: accountsTag,
    body: signUpBody,
    responses: { 201: created },
  }),
  me: endpoint({
    method: 'get',
    path: '/api/me',
    summary: 'The signed-in account',
    tags: accountsTag,
    auth: 'session',
    responses: { 200: accountAnswer },
  }),
  updateProfile: endpoint({
    method: 'patch',
    path: '/api/me',
    summary: 'Change the profile (a new email waits for its verification link)',
    tags: accountsTag,
    auth: 'session',
    body: profilePatch,
    responses: { 200: accountAnswer },
  }),
  setAvatar: endpoint({
    method: 'put',
    path: '/api/me/avatar',
    summary: 'Upload an avatar',
    tags: accountsTag,
    auth: 'session',
    rawBody: { types: AVATAR_TYPES, description: `The image, at most ${AVATAR_MAX_BYTES / 1024} KiB.` },
    responses: { 200: accountAnswer },
  }),
  removeAvatar: endpoint({
    method: 'delete',
    path: '/api/me/avatar',
    summary: 'Remove the avatar',
    tags: accountsTag,
    auth: 'session',
    responses: { 200: accountAnswer },
  }),
  changePassword: endpoint({
    method: 'post',
    path: '/api/me/password',
    summary: 'Change the password (other sessions and refresh tokens end)',
    tags: accountsTag,
    auth: 'session',
    stepUp: true,
    body: passwordChange,
    responses: { 204: null },
  }),
  avatar: endpoint({
    method: 'get',
    path: '/api/accounts/:id/avatar',
    summary: 'An account’s avatar image',
    tags: accountsTag,
    params: z.object({ id: z.string().meta({ format: 'uuid' }) }),
    responses: {
      200: { description: 'The image, cacheable for a day.', type: 'image/*' },
    },
  }),
  deletionCheck: endpoint({
    method: 'get',
    path: '/api/me/deletion-check',
    summary: 'What deleting the account would end',
    tags: accountsTag,
    auth: 'session',
    responses: { 200: deletionCheck },
  }),
  delete: endpoint({
    method: 'delete',
    path: '/api/me',
    summary: `Delete the account in ${ACCOUNT_DELETION_GRACE_DAYS} days (signing in before then cancels it)`,
    tags: accountsTag,
    auth: 'session',
    stepUp: true,
    body: deletionBody,
    responses: { 202: accountDeletionScheduled },
  }),
};

export const recoveryApi = {
  resendVerification: endpoint({
    method: 'post',
    path: '/api/me/email/verification',
    summary: 'Send the verification link again',
    tags: recoveryTag,
    auth: 'session',
    responses: { 202: z.object({ email: z.string(), expiresInHours: z.number() }) },
  }),
  checkVerification: endpoint({
    method: 'post',
    path: '/api/email/verify/check',
    summary: 'Whether a verification link is still good (spends nothing)',
    tags: recoveryTag,
    body: tokenBody,
    responses: { 200: z.object({ email: z.string(), expiresAt: instant }) },
  }),
  verify: endpoint({
    method: 'post',
    path: '/api/email/verify',
    summary: 'Verify an address with the link’s token',
    tags: recoveryTag,
    body: tokenBody,
    responses: { 200: z.object({ email: z.string().nullable(), emailVerified: z.literal(true) }) },
  }),
  checkUndo: endpoint({
    method: 'post',
    path: '/api/email/undo/check',
    summary: 'Whether an undo-email-change link is still good (spends nothing)',
    tags: recoveryTag,
    body: tokenBody,
    responses: { 200: z.object({ email: z.string(), expiresAt: instant }) },
  }),
  undo: endpoint({
    method: 'post',
    path: '/api/email/undo',
    summary: 'Undo an email change (every session of the account ends)',
    tags: recoveryTag,
    body: tokenBody,
    responses: { 200: z.object({ email: z.string().nullable() }) },
  }),
  requestReset: endpoint({
    method: 'post',
    path: '/api/password-reset',
    summary: 'Forgot password: mail a reset link (the same answer for any identifier)',
    tags: recoveryTag,
    body: z.object({ identifier: z.string().trim().min(1).max(320) }),
    responses: { 202: z.object({ status: z.literal('requested') }) },
  }),
  checkReset: endpoint({
    method: 'post',
    path: '/api/password-reset/check',
    summary: 'Whether a reset link is still good (spends nothing)',
    tags: recoveryTag,
    body: tokenBody,
    responses: { 200: z.object({ valid: z.literal(true), expiresAt: instant }) },
  }),
  confirmReset: endpoint({
    method: 'post',
    path: '/api/password-reset/confirm',
    summary: 'Set a new password with the link’s token (every session of the account ends)',
    tags: recoveryTag,
    body: z.object({ token: linkToken, password: passwordSchema }),
    responses: { 200: z.object({ status: z.literal('reset') }) },
  }),
};

export const setupApi = {
  check: endpoint({
    method: 'get',
    path: '/api/setup/:token',
    summary: 'Whether a first-admin setup link is still good',
    tags: ['setup'],
    params: z.object({ token: z.string() }),
    responses: { 200: z.object({ valid: z.literal(true) }) },
  }),
  createFirstAdmin: endpoint({
    method: 'post',
    path: '/api/setup',
    summary: 'Make the first admin with the setup link’s token, signed in',
    tags: ['setup'],
    body: signUpBody.extend({ token: z.string().min(1).max(128) }),
    responses: { 201: created },
  }),
};

export const passkeysApi = {
  security: endpoint({
    method: 'get',
    path: '/api/me/security',
    summary: 'Passkeys, recovery codes and the recovery notice',
    tags: passkeysTag,
    auth: 'session',
    responses: { 200: securityOverview },
  }),
  registrationOptions: endpoint({
    method: 'post',
    path: '/api/me/passkeys/registration-options',
    summary: 'WebAuthn options to add a passkey',
    description:
      'Needs a step-up, or — for the first passkey — the password entered in the last five minutes.',
    tags: passkeysTag,
    auth: 'session',
    stepUp: true,
    responses: { 200: webauthnOptions },
  }),
  register: endpoint({
    method: 'post',
    path: '/api/me/passkeys',
    summary: 'Add a passkey (the first one comes with recovery codes)',
    tags: passkeysTag,
    auth: 'session',
    stepUp: true,
    body: z.object({ name: passkeyName.optional(), response: webauthnCredential }),
    responses: { 201: z.object({ passkey: passkeyView, recoveryCodes: z.array(z.string()).optional() }) },
  }),
  rename: endpoint({
    method: 'patch',
    path: '/api/me/passkeys/:id',
    summary: 'Rename a passkey',
    tags: passkeysTag,
    auth: 'session',
    params: z.object({ id: z.string().meta({ format: 'uuid' }) }),
    body: z.object({ name: passkeyName }),
    responses: { 200: z.object({ passkey: passkeyView }) },
  }),
  remove: endpoint({
    method: 'delete',
    path: '/api/me/passkeys/:id',
    summary: 'Remove a passkey',
    tags: passkeysTag,
    auth: 'session',
    stepUp: true,
    params: z.object({ id: z.string().meta({ format: 'uuid' }) }),
    responses: { 204: null },
  }),
  newRecoveryCodes: endpoint({
    method: 'post',
    path: '/api/me/recovery-codes',
    summary: 'Make new recovery codes (the old ones stop working)',
    tags: passkeysTag,
    auth: 'session',
    stepUp: true,
    responses: { 200: z.object({ codes: z.array(z.string()) }) },
  }),
  dismissRecoveryNotice: endpoint({
    method: 'post',
    path: '/api/me/recovery-notice/dismiss',
    summary: 'Dismiss the recovery-code notice',
    tags: passkeysTag,
    auth: 'session',
    responses: { 204: null },
  }),
};
