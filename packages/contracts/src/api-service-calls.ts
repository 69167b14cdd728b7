/**
 * Calls between services in the admin console (docs/services.md, "Calling another service"): the grants that
 * let one service carry another's API scopes, recorded from manifests at registration; admins approve and revoke
 * them. The hub's `services` module implements them.
 */
import { z } from 'zod';
import { endpoint } from './endpoint.js';

/** Where a call grant stands: `approved` (tokens carry the scope), `pending` (an admin decides), `revoked`. */
export const CALL_GRANT_STATUSES = ['approved', 'pending', 'revoked'] as const;
export type CallGrantStatus = (typeof CALL_GRANT_STATUSES)[number];

/** One call grant as the console shows it. */
export const callGrantView = z
  .object({
    /** The calling service's id. */
    caller: z.string(),
    /** The service whose API it calls. */
    target: z.string(),
    scope: z.string(),
    status: z.enum(CALL_GRANT_STATUSES),
    /** Whether the target is registered and offers the scope now: a token can carry it only then. */
    offered: z.boolean(),
    /** What the scope lets the caller do, from the target's manifest; null when it offers no such scope. */
    description: z.object({ en: z.string(), 'zh-CN': z.string() }).nullable(),
    /** The admin who decided last; null when registration approved it. */
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'CallGrant' });
export type CallGrantView = z.infer<typeof callGrantView>;

/** Which grant an admin decides on. */
export const callGrantInput = z
  .object({ caller: z.string().min(1), target: z.string().min(1), scope: z.string().min(1) })
  .strict();
export type CallGrantInput = z.infer<typeof callGrantInput>;

const adminTag = ['admin services'] as const;
const decided = z.object({ grant: callGrantView });

export const adminServiceCallsApi = {
  list: endpoint({
    method: 'get',
    path: '/api/admin/service-calls',
    summary: 'Every call grant between services: who may call whom with which scope, and where it stands',
    tags: adminTag,
    auth: 'session',
    responses: { 200: z.object({ grants: z.array(callGrantView) }) },
  }),
  approve: endpoint({
    method: 'post',
    path: '/api/admin/service-calls/approve',
    summary: 'Approve a pending or revoked call grant: the caller’s next tokens carry the scope',
    tags: adminTag,
    auth: 'session',
    stepUp: true,
    body: callGrantInput,
    responses: { 200: decided },
  }),
  revoke: endpoint({
    method: 'post',
    path: '/api/admin/service-calls/revoke',
    summary: 'Revoke a call grant: tokens issued from now on leave the scope out, re-registration or not',
    tags: adminTag,
    auth: 'session',
    stepUp: true,
    body: callGrantInput,
    responses: { 200: decided },
  }),
};
