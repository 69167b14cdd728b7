import { outboxApi } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import { z } from 'zod';
import type { HubEnv } from '../env.js';
import { authOf, requirePermission, requireSession } from '../kernel/guards.js';
import { hasPermission } from '../kernel/permissions.js';
import { EMAIL_ERRORS } from './errors.js';
import type { Outbox } from './outbox.js';

const messageId = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

const notFound = () => EMAIL_ERRORS.outboxNotFound.error();

/**
 * Admin → Outbox: the development outbox (messages with their bodies) or, with SMTP, delivery status without
 * bodies. Bodies hold live links: never cached.
 */
export function emailAdminRoutes({ outbox }: { outbox: Outbox }) {
  return endpointRoutes<HubEnv>('/api')
    .on(outboxApi.list, requireSession, requirePermission('outbox:read'), async (c, { query }) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await outbox.list(query));
    })
    .on(outboxApi.get, requireSession, requirePermission('outbox:read'), async (c, { params }) => {
      c.header('Cache-Control', 'no-store');
      // A path segment that can't be an id names no message: 404, like an id that doesn't exist.
      const id = messageId.safeParse(params.id);
      const message = id.success ? await outbox.get(id.data) : undefined;
      if (!message) throw notFound();
      // Bodies carry live links (password resets, verification): only staff who may change accounts anyway read
      // them. Support sees who got what and whether it went out; a reset link for an admin would be a way up.
      if (message.text !== null && !hasPermission(authOf(c).roles, 'accounts:write')) {
        return c.json({ message: { ...message, text: null, html: null, bodyWithheld: true } });
      }
      return c.json({ message: { ...message, bodyWithheld: false } });
    }).app;
}
