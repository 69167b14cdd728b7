import { privacyApi } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import type { MiddlewareHandler } from 'hono';
import type { HubEnv } from '../env.js';
import { AppError } from '../http/errors.js';
import { authOf, requireSession } from '../kernel/guards.js';
import type { Privacy } from './privacy.js';

/** Personal and changing with every block and friendship: never cached. */
const noStore: MiddlewareHandler<HubEnv> = async function noStore(c, next) {
  await next();
  c.header('Cache-Control', 'no-store');
};

/** Profile look-ups a caller may make (per account when signed in, else per address); more wait (429). */
export interface ProfileLimit {
  /** Seconds to wait, or 0 (and the look-up is counted). */
  take(key: string): Promise<number>;
}

/** The privacy centre (`/api/social/privacy`) and profiles as the caller may see them (`/api/people/:number`). */
export function privacyRoutes({ privacy, limit }: { privacy: Privacy; limit: ProfileLimit }) {
  return endpointRoutes<HubEnv>('/api')
    .on(privacyApi.privacy, requireSession, noStore, async (c) =>
      c.json(await privacy.privacy(authOf(c).account.id)),
    )
    .on(privacyApi.updatePrivacy, requireSession, async (c, { body }) =>
      c.json(await privacy.updatePrivacy(authOf(c).account.id, body)),
    )
    .on(privacyApi.profile, noStore, async (c, { params }) => {
      const viewer = c.get('auth')?.account.id ?? null;
      // Numbers are short: without a limit, anyone could walk them and collect every public profile.
      const wait = await limit.take(viewer ? `account:${viewer}` : `ip:${c.get('clientIp') ?? 'unknown'}`);
      if (wait > 0) {
        throw new AppError(
          429,
          'social.too_many_searches',
          'Too many profiles looked up; wait a few minutes.',
          { retryAfterSeconds: wait },
          { 'Retry-After': String(wait) },
        );
      }
      return c.json(await privacy.profile(viewer, params.accountNumber));
    }).app;
}
