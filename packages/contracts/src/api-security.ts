/**
 * The security log's endpoints (the owner's, and any account's for staff) and Admin → Outbox (docs/email.md).
 * The hub's `security` and `email` modules implement them.
 */
import { z } from 'zod';
import { endpoint } from './endpoint.js';
import { outboxMessage, outboxPage, outboxQuery } from './outbox.js';
import { securityLogPage, securityLogQuery } from './security.js';

export const securityLogApi = {
  mine: endpoint({
    method: 'get',
    path: '/api/me/security-log',
    summary: 'The account’s own security log, newest first',
    tags: ['passkeys'],
    auth: 'session',
    query: securityLogQuery,
    responses: { 200: securityLogPage },
  }),
  account: endpoint({
    method: 'get',
    path: '/api/admin/accounts/:id/security-log',
    summary: 'An account’s security log, newest first (staff who read accounts)',
    tags: ['admin accounts'],
    auth: 'session',
    params: z.object({ id: z.string().meta({ format: 'uuid' }) }),
    query: securityLogQuery,
    responses: { 200: securityLogPage },
  }),
};

export const outboxApi = {
  list: endpoint({
    method: 'get',
    path: '/api/admin/outbox',
    summary: 'The hub’s mail, newest first (bodies only in the development outbox)',
    tags: ['admin outbox'],
    auth: 'session',
    query: outboxQuery,
    responses: { 200: outboxPage },
  }),
  get: endpoint({
    method: 'get',
    path: '/api/admin/outbox/:id',
    summary: 'One message; its body withheld from staff who may not change accounts',
    tags: ['admin outbox'],
    auth: 'session',
    params: z.object({ id: z.string() }),
    responses: { 200: z.object({ message: outboxMessage }) },
  }),
};
