import { AppError, endpointRoutes, limitBody } from '@orbit/http';
import type { OrbitService, OrbitUser } from '@orbit/sdk';
import type { Context } from 'hono';
import { z } from 'zod';
import { mailApi } from '../contracts.js';
import {
  type Address,
  draftInputSchema,
  idempotencyKeySchema,
  type LimitsOf,
  type Mailbox,
  sendInputSchema,
} from '../mail/index.js';
import type { MailMembershipView } from './membership.js';

type MailEnv = { Variables: { user: OrbitUser } };

const messageId = z.uuid();

/** The signed-in user as the address Mail writes on their messages. */
const addressOf = (user: OrbitUser): Address => ({
  sub: user.sub,
  accountNumber: user.accountNumber,
  handle: user.handle,
  displayName: user.displayName,
});

const idParam = (value: string) => {
  const parsed = messageId.safeParse(value);
  // A malformed id can't name anything in the mailbox: the same answer as another account's id.
  if (!parsed.success) throw new AppError(404, 'mail.not_found', 'No such message in your mailbox.');
  return parsed.data;
};

/** RFC 6266 filename for downloads: ASCII fallback plus the UTF-8 name. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * A body limit sized to the user's own attachment allowance (base64 grows files by a third), so a VIP with
 * larger attachments can send them, and nobody can post an unbounded body.
 */
function messageBodyLimit(limits: LimitsOf) {
  return async (c: Context<MailEnv>, next: () => Promise<void>) => {
    const { attachmentBytes } = await limits(c.get('user').sub);
    const maxSize = Math.ceil((attachmentBytes * 4 * 4) / 3) + 2 * 1024 * 1024;
    return limitBody({
      maxSize,
      onError: () => {
        throw new AppError(
          413,
          'request.too_large',
          `The message is larger than ${Math.floor(maxSize / 1024 / 1024)} MiB in all; send large files in separate messages.`,
          { limitBytes: maxSize },
        );
      },
    })(c, next);
  };
}

/** Mail's JSON API (apps/mail/API.md). Every route reads and writes only the signed-in account's mailbox. */
export function mailRoutes({
  orbit,
  mailbox,
  limits,
  membership,
}: {
  orbit: OrbitService;
  mailbox: Mailbox;
  limits: LimitsOf;
  membership: MailMembershipView;
}) {
  const sized = messageBodyLimit(limits);
  // Emptying the trash can't be undone: it needs a passkey confirmation from the last 5 minutes.
  const confirmedWithPasskey = orbit.requireStepUp();
  const routes = endpointRoutes<MailEnv>('/api');
  routes.app.use('*', orbit.requireUser()).use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  routes
    .on(mailApi.me, async (c) => {
      const user = c.get('user');
      const [overview, mine] = await Promise.all([mailbox.overview(user.sub), membership.of(user.sub)]);
      return c.json({ user: addressOf(user), ...overview, membership: mine });
    })
    .on(mailApi.badges, async (c, { query }) => c.json({ badges: await membership.badges(query.subs) }))
    .on(mailApi.list, async (c, { query }) => c.json(await mailbox.list(c.get('user').sub, query)))
    .on(mailApi.message, async (c, { params }) =>
      c.json({ message: await mailbox.openMessage(c.get('user').sub, idParam(params.id)) }),
    )
    .on(mailApi.setFlags, async (c, { params, body }) => {
      const id = idParam(params.id);
      return c.json({ message: await mailbox.setFlags(c.get('user').sub, id, body) });
    })
    .on(mailApi.trash, async (c, { params }) =>
      c.json({ message: await mailbox.trash(c.get('user').sub, idParam(params.id)) }),
    )
    .on(mailApi.restore, async (c, { params }) =>
      c.json({ message: await mailbox.restore(c.get('user').sub, idParam(params.id)) }),
    )
    .on(mailApi.deleteForever, async (c, { params }) => {
      await mailbox.deleteForever(c.get('user').sub, idParam(params.id));
      return c.body(null, 204);
    })
    .on(mailApi.emptyTrash, confirmedWithPasskey, async (c) =>
      c.json({ deleted: await mailbox.emptyTrash(c.get('user').sub) }),
    )
    .on(mailApi.thread, async (c, { params }) =>
      c.json({ messages: await mailbox.thread(c.get('user').sub, idParam(params.threadId)) }),
    )
    // The declared body is validated first; the decoded form (attachment bytes) is parsed from what it let through.
    .on(mailApi.createDraft, sized, async (c, { body }) => {
      const input = draftInputSchema.parse(body);
      return c.json({ message: await mailbox.createDraft(addressOf(c.get('user')), input) }, 201);
    })
    .on(mailApi.updateDraft, sized, async (c, { params, body }) => {
      const id = idParam(params.id);
      const input = draftInputSchema.parse(body);
      return c.json({ message: await mailbox.updateDraft(addressOf(c.get('user')), id, input) });
    })
    .on(mailApi.send, sized, async (c, { body }) => {
      const key = idempotencyKeySchema.safeParse(c.req.header('idempotency-key'));
      if (!key.success) {
        throw new AppError(400, 'request.invalid', 'Send an Idempotency-Key header (8–200 characters).', [
          { path: 'Idempotency-Key', message: 'required, 8–200 characters' },
        ]);
      }
      const input = sendInputSchema.parse(body);
      const { message, replayed } = await mailbox.send(addressOf(c.get('user')), input, key.data);
      return c.json({ message }, replayed ? 200 : 201);
    })
    .on(mailApi.attachment, async (c, { params }) => {
      const file = await mailbox.downloadAttachment(c.get('user').sub, idParam(params.id));
      return c.body(new Uint8Array(file.data), 200, {
        'Content-Type': file.contentType,
        'Content-Length': String(file.size),
        'Content-Disposition': contentDisposition(file.filename),
        'X-Content-Type-Options': 'nosniff',
        // Even opened directly, a file can run nothing on Mail's origin.
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cache-Control': 'private, no-store',
      });
    });
  return routes.app.all('*', () => {
    throw new AppError(404, 'route.not_found', 'No such API route.');
  });
}
