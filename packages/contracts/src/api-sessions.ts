/**
 * The hub's sign-in and session endpoints (`/api`): every way into a session, the current session, step-up, and
 * the account's list of sessions. The hub's `sign-in` and `sessions` modules implement them.
 */
import { z } from 'zod';
import { accountView } from './accounts.js';
import { endpoint } from './endpoint.js';
import { sessionAnswer, sessionView } from './sessions.js';

const instant = z.string().describe('ISO 8601 date-time');

/** The browser's WebAuthn credential as `@simplewebauthn/browser` sends it; the hub's verifier checks the rest. */
export const webauthnCredential = z
  .object({
    id: z.string().min(1).max(1024),
    rawId: z.string().min(1).max(1024),
    type: z.literal('public-key'),
    response: z.looseObject({ clientDataJSON: z.string().min(1).max(8192) }),
    clientExtensionResults: z.looseObject({}).optional().default({}),
    authenticatorAttachment: z.string().max(32).optional(),
  })
  .loose()
  .meta({ id: 'WebAuthnCredential', description: 'A WebAuthn credential response (JSON form).' });

/** A WebAuthn ceremony's options for `@simplewebauthn/browser` (`PublicKeyCredential*OptionsJSON`). */
export const webauthnOptions = z
  .object({ options: z.looseObject({ challenge: z.string() }) })
  .meta({ id: 'WebAuthnOptions', description: 'Options for the browser’s WebAuthn ceremony.' });

/** A passkey assertion, the body of every passkey sign-in and step-up. */
export const assertionBody = z.object({ response: webauthnCredential });

/** `POST /api/sessions`. */
export const signInBody = z.object({
  identifier: z.string().trim().min(1).max(320).describe('Account number, handle or verified email.'),
  password: z.string().min(1).max(1024),
});
export type SignInInput = z.input<typeof signInBody>;

/** A finished sign-in: the session cookie is set, and the CSRF token comes with it. */
export const signedIn = z
  .object({
    status: z.literal('signed_in'),
    account: accountView,
    csrfToken: z.string(),
    /** After a recovery code: how many are left. */
    recoveryCodesRemaining: z.number().int().optional(),
    /** The account was scheduled for deletion, and this sign-in cancelled it (docs/data-rights.md). */
    deletionCancelled: z.literal(true).optional(),
  })
  .meta({ id: 'SignedIn', description: 'A finished sign-in.' });
export type SignedIn = z.infer<typeof signedIn>;

/** The password was right and the account has a passkey: the sign-in waits for the second factor. */
export const secondFactorRequired = z.object({
  status: z.literal('second_factor_required'),
  methods: z.array(z.enum(['passkey', 'recovery_code'])),
  expiresAt: instant,
});
export const signInAnswer = z.discriminatedUnion('status', [signedIn, secondFactorRequired]);
export type SignInAnswer = z.infer<typeof signInAnswer>;

const sessionTag = ['sessions'] as const;
const signInTag = ['sign-in'] as const;

export const signInApi = {
  password: endpoint({
    method: 'post',
    path: '/api/sessions',
    summary: 'Sign in with a password',
    description:
      'Starts a session, or — when the account has a passkey — a pending sign-in that waits for its second factor (cookie `orbit_pending_sign_in`).',
    tags: signInTag,
    body: signInBody,
    responses: { 200: signInAnswer },
  }),
  secondFactorOptions: endpoint({
    method: 'post',
    path: '/api/sign-in/second-factor/options',
    summary: 'WebAuthn options for the pending sign-in’s passkey',
    tags: signInTag,
    responses: { 200: webauthnOptions },
  }),
  secondFactorPasskey: endpoint({
    method: 'post',
    path: '/api/sign-in/second-factor/passkey',
    summary: 'Finish a pending sign-in with a passkey',
    tags: signInTag,
    body: assertionBody,
    responses: { 200: signedIn },
  }),
  secondFactorRecoveryCode: endpoint({
    method: 'post',
    path: '/api/sign-in/second-factor/recovery-code',
    summary: 'Finish a pending sign-in with a recovery code',
    tags: signInTag,
    body: z.object({ code: z.string().trim().min(1).max(64) }),
    responses: { 200: signedIn },
  }),
  passkeyOptions: endpoint({
    method: 'post',
    path: '/api/sign-in/passkey/options',
    summary: 'WebAuthn options for a passwordless sign-in (also autofill)',
    tags: signInTag,
    responses: { 200: webauthnOptions },
  }),
  passkey: endpoint({
    method: 'post',
    path: '/api/sign-in/passkey',
    summary: 'Sign in with a passkey alone',
    tags: signInTag,
    body: assertionBody,
    responses: { 200: signedIn },
  }),
  reauthenticate: endpoint({
    method: 'post',
    path: '/api/me/reauthenticate',
    summary: 'Enter the password again (lets an account without passkeys add its first one)',
    tags: signInTag,
    auth: 'session',
    body: z.object({ password: z.string().min(1).max(1024) }),
    responses: { 200: z.object({ passwordAt: instant, validUntil: instant }) },
  }),
};

export const sessionsApi = {
  current: endpoint({
    method: 'get',
    path: '/api/session',
    summary: 'The signed-in account, its permissions, this session and its CSRF token',
    tags: sessionTag,
    auth: 'session',
    responses: { 200: sessionAnswer },
  }),
  stepUpOptions: endpoint({
    method: 'post',
    path: '/api/session/step-up/options',
    summary: 'WebAuthn options for a step-up',
    tags: sessionTag,
    auth: 'session',
    responses: { 200: webauthnOptions },
  }),
  stepUp: endpoint({
    method: 'post',
    path: '/api/session/step-up',
    summary: 'Step up: a passkey assertion raises this session’s assurance',
    tags: sessionTag,
    auth: 'session',
    body: assertionBody,
    responses: { 200: z.object({ session: sessionView }) },
  }),
  signOut: endpoint({
    method: 'delete',
    path: '/api/sessions/current',
    summary: 'Sign out (this session)',
    tags: sessionTag,
    auth: 'session',
    responses: { 204: null },
  }),
  list: endpoint({
    method: 'get',
    path: '/api/sessions',
    summary: 'The account’s sessions',
    tags: sessionTag,
    auth: 'session',
    responses: { 200: z.object({ sessions: z.array(sessionView) }) },
  }),
  revokeOthers: endpoint({
    method: 'post',
    path: '/api/me/sessions/revoke-others',
    summary: 'Sign out everywhere else',
    tags: sessionTag,
    auth: 'session',
    stepUp: true,
    responses: { 200: z.object({ revoked: z.number().int() }) },
  }),
  revoke: endpoint({
    method: 'delete',
    path: '/api/sessions/:id',
    summary: 'End one of the account’s sessions',
    tags: sessionTag,
    auth: 'session',
    // Not validated as a UUID here: an id that names no session of the account is a 404 `session.not_found`.
    params: z.object({ id: z.string().meta({ format: 'uuid' }) }),
    responses: { 204: null },
  }),
};
