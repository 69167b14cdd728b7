import { Hono } from 'hono';
import { z } from 'zod';
import type { HubEnv } from '../env.js';
import { AppError } from '../http/errors.js';
import { readQuery } from '../http/validate.js';
import { authOf, requirePermission, requireSession } from '../kernel/guards.js';
import { hasPermission } from '../kernel/permissions.js';
import type { Outbox } from './outbox.js';

/** An empty query parameter (`?before=`) counts as absent. */
const blankAsAbsent = (v: unknown) => (v === '' ? undefined : v);

const pageQuery = z.object({
  before: z.preprocess(blankAsAbsent, z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional()),
  limit: z.preprocess(blankAsAbsent, z.coerce.number().int().min(1).max(100).default(50)),
});

const messageId = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

const notFound = () => new AppError(404, 'outbox.not_found', 'No such message.');

/**
 * Admin → Outbox: the development outbox (messages with their bodies) or, with SMTP, delivery status without
 * bodies. Bodies hold live links: never cached.
 */
export function emailAdminRoutes({ outbox }: { outbox: Outbox }) {
  return new Hono<HubEnv>()
    .get('/admin/outbox', requireSession, requirePermission('outbox:read'), async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await outbox.list(readQuery(c, pageQuery)));
    })
    .get('/admin/outbox/:id', requireSession, requirePermission('outbox:read'), async (c) => {
      c.header('Cache-Control', 'no-store');
      // A path segment that can't be an id names no message: 404, like an id that doesn't exist.
      const id = messageId.safeParse(c.req.param('id'));
      const message = id.success ? await outbox.get(id.data) : undefined;
      if (!message) throw notFound();
      // Bodies carry live links (password resets, verification): only staff who may change accounts anyway read
      // them. Support sees who got what and whether it went out; a reset link for an admin would be a way up.
      if (message.text !== null && !hasPermission(authOf(c).roles, 'accounts:write')) {
        return c.json({ message: { ...message, text: null, html: null, bodyWithheld: true } });
      }
      return c.json({ message: { ...message, bodyWithheld: false } });
    });
}
