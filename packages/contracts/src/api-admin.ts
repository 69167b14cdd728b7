/**
 * The staff console's endpoints (`/api/admin`, docs/admin-console.md, docs/roles-and-audit.md, docs/clients.md):
 * accounts and every write on one, roles, the audit log, and OIDC clients. Each needs its permission; every write
 * needs the staff passkey step-up. The hub's `admin` module implements them; the portal calls them through the
 * typed client.
 */
import { z } from 'zod';
import {
  accountDeleted,
  accountExportQuery,
  accountListQuery,
  accountReasonInput,
  accountRoles,
  adminAccountAnswer,
  adminAccountPage,
  adminClientView,
  adminProfilePatch,
  auditPage,
  auditQuery,
  clientChanges,
  clientFilters,
  clientRotation,
  clientRotationInput,
  clientWithSecret,
  lockedAnswer,
  newClientInput,
  passkeyRemovedAnswer,
  passwordResetSent,
  recoveryCodesResetAnswer,
  roleInput,
  sessionsRevokedAnswer,
  unlockedAnswer,
  verificationResent,
} from './admin.js';
import { endpoint } from './endpoint.js';

/** An account's id in a path: a UUID; anything else names no account (404 `account.not_found`). */
const uuid = z.string().meta({ format: 'uuid' });
const accountParam = z.object({ id: uuid });
const clientParam = z.object({ id: z.string() });

const accountsTag = ['admin accounts'] as const;
const rolesTag = ['admin roles'] as const;
const auditTag = ['admin audit'] as const;
const clientsTag = ['admin clients'] as const;

export const adminAccountsApi = {
  list: endpoint({
    method: 'get',
    path: '/api/admin/accounts',
    summary: 'A page of the accounts matching the filters, newest first (best match first when searching)',
    tags: accountsTag,
    auth: 'session',
    query: accountListQuery,
    responses: { 200: adminAccountPage },
  }),
  exportCsv: endpoint({
    method: 'get',
    path: '/api/admin/accounts.csv',
    summary: 'Every account matching the filters, as a CSV download',
    tags: accountsTag,
    auth: 'session',
    query: accountExportQuery,
    responses: {
      200: {
        description: 'The CSV file (UTF-8, a header row first).',
        type: 'text/csv',
        headers: {
          'X-Orbit-Export-Total': 'How many accounts match the filters.',
          'X-Orbit-Export-Truncated': 'Present when more match than one export holds: the rows it holds.',
        },
      },
    },
  }),
  get: endpoint({
    method: 'get',
    path: '/api/admin/accounts/:id',
    summary: 'An account’s page: the summary, the profile and what protects it',
    tags: accountsTag,
    auth: 'session',
    params: accountParam,
    responses: { 200: adminAccountAnswer },
  }),
  lock: endpoint({
    method: 'post',
    path: '/api/admin/accounts/:id/lock',
    summary: 'Lock an account: signed out everywhere, every sign-in refused until unlocked',
    tags: accountsTag,
    auth: 'session',
    stepUp: true,
    params: accountParam,
    body: accountReasonInput,
    responses: { 200: lockedAnswer },
  }),
  unlock: endpoint({
    method: 'post',
    path: '/api/admin/accounts/:id/unlock',
    summary: 'Lift staff’s lock and the sign-in throttle’s lockouts',
    tags: accountsTag,
    auth: 'session',
    stepUp: true,
    params: accountParam,
    body: accountReasonInput,
    responses: { 200: unlockedAnswer },
  }),
  revokeAllSessions: endpoint({
    method: 'post',
    path: '/api/admin/accounts/:id/sessions/revoke-all',
    summary: 'Sign the account out everywhere',
    tags: accountsTag,
    auth: 'session',
    stepUp: true,
    params: accountParam,
    responses: { 200: sessionsRevokedAnswer },
  }),
  sendPasswordReset: endpoint({
    method: 'post',
    path: '/api/admin/accounts/:id/password-reset',
    summary: 'Mail the account’s verified address a password-reset link',
    tags: accountsTag,
    auth: 'session',
    stepUp: true,
    params: accountParam,
    responses: { 200: passwordResetSent },
  }),
  resendVerification: endpoint({
    method: 'post',
    path: '/api/admin/accounts/:id/resend-verification',
    summary: 'Send the address waiting for verification a fresh link',
    tags: accountsTag,
    auth: 'session',
    stepUp: true,
    params: accountParam,
    responses: { 200: verificationResent },
  }),
  removePasskey: endpoint({
    method: 'delete',
    path: '/api/admin/accounts/:id/passkeys/:passkeyId',
    summary: 'Remove one of the account’s passkeys',
    tags: accountsTag,
    auth: 'session',
    stepUp: true,
    params: z.object({ id: uuid, passkeyId: uuid }),
    responses: { 200: passkeyRemovedAnswer },
  }),
  resetRecoveryCodes: endpoint({
    method: 'post',
    path: '/api/admin/accounts/:id/recovery-codes/reset',
    summary: 'Make the account’s recovery codes stop working (the owner makes new ones)',
    tags: accountsTag,
    auth: 'session',
    stepUp: true,
    params: accountParam,
    responses: { 200: recoveryCodesResetAnswer },
  }),
  updateProfile: endpoint({
    method: 'patch',
    path: '/api/admin/accounts/:id',
    summary: 'Change an account’s profile',
    tags: accountsTag,
    auth: 'session',
    stepUp: true,
    params: accountParam,
    body: adminProfilePatch,
    responses: { 200: adminAccountAnswer },
  }),
  remove: endpoint({
    method: 'delete',
    path: '/api/admin/accounts/:id',
    summary: 'Delete an account as its owner’s own deletion would',
    tags: accountsTag,
    auth: 'session',
    stepUp: true,
    params: accountParam,
    body: accountReasonInput,
    responses: { 200: accountDeleted },
  }),
};

export const adminRolesApi = {
  grant: endpoint({
    method: 'post',
    path: '/api/admin/accounts/:id/roles',
    summary: 'Grant a role (201 when granted now, 200 when already held)',
    tags: rolesTag,
    auth: 'session',
    stepUp: true,
    params: accountParam,
    body: roleInput,
    responses: { 201: accountRoles, 200: accountRoles },
  }),
  revoke: endpoint({
    method: 'delete',
    path: '/api/admin/accounts/:id/roles/:role',
    summary: 'Revoke a role (409 `role.last_admin` for the last administrator)',
    tags: rolesTag,
    auth: 'session',
    stepUp: true,
    params: z.object({ id: uuid, role: z.string() }),
    responses: { 200: accountRoles },
  }),
};

export const adminAuditApi = {
  search: endpoint({
    method: 'get',
    path: '/api/admin/audit',
    summary: 'The audit log of staff actions, newest first',
    tags: auditTag,
    auth: 'session',
    query: auditQuery,
    responses: { 200: auditPage },
  }),
};

const client = z.object({ client: adminClientView });

export const adminClientsApi = {
  list: endpoint({
    method: 'get',
    path: '/api/admin/clients',
    summary: 'Every OIDC client matching the filters',
    tags: clientsTag,
    auth: 'session',
    query: clientFilters,
    responses: { 200: z.object({ clients: z.array(adminClientView) }) },
  }),
  create: endpoint({
    method: 'post',
    path: '/api/admin/clients',
    summary: 'Register a client (its secret, when it has one, is answered this once)',
    tags: clientsTag,
    auth: 'session',
    stepUp: true,
    body: newClientInput,
    responses: { 201: clientWithSecret },
  }),
  get: endpoint({
    method: 'get',
    path: '/api/admin/clients/:id',
    summary: 'One client',
    tags: clientsTag,
    auth: 'session',
    params: clientParam,
    responses: { 200: client },
  }),
  update: endpoint({
    method: 'patch',
    path: '/api/admin/clients/:id',
    summary: 'Change a standalone client’s settings',
    tags: clientsTag,
    auth: 'session',
    stepUp: true,
    params: clientParam,
    body: clientChanges,
    responses: { 200: clientWithSecret },
  }),
  disable: endpoint({
    method: 'post',
    path: '/api/admin/clients/:id/disable',
    summary: 'Disable a client: no sign-ins, no tokens, its grants revoked',
    tags: clientsTag,
    auth: 'session',
    stepUp: true,
    params: clientParam,
    responses: { 200: client },
  }),
  enable: endpoint({
    method: 'post',
    path: '/api/admin/clients/:id/enable',
    summary: 'Enable a client again',
    tags: clientsTag,
    auth: 'session',
    stepUp: true,
    params: clientParam,
    responses: { 200: client },
  }),
  rotateSecret: endpoint({
    method: 'post',
    path: '/api/admin/clients/:id/rotate-secret',
    summary: 'A new secret, answered this once; the old one works on for the grace hours',
    description: 'The body may be left out: the default grace (24 hours).',
    tags: clientsTag,
    auth: 'session',
    stepUp: true,
    params: clientParam,
    body: clientRotationInput,
    responses: { 200: clientRotation },
  }),
  remove: endpoint({
    method: 'delete',
    path: '/api/admin/clients/:id',
    summary: 'Delete a standalone client',
    tags: clientsTag,
    auth: 'session',
    stepUp: true,
    params: clientParam,
    responses: { 204: null },
  }),
};
