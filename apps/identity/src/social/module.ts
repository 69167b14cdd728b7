import { defineModule, type HubContext } from '../module.js';
import type { OidcExports } from '../oidc/index.js';
import type { Throttle } from '../sign-in/index.js';
import { createSocialEvents, SOCIAL_EVENTS_QUEUE } from './events.js';
import { createPrivacy } from './privacy.js';
import { privacyRoutes } from './privacy-routes.js';
import { socialRoutes } from './routes.js';
import { socialSchema } from './schema.js';
import { createSocial, type SearchLimit } from './social.js';

/** The window of the people-search and profile allowances (`config.social`). */
const SEARCH_WINDOW_MS = 10 * 60 * 1000;

/** An allowance of `limit` per ten minutes, counted in the hub's throttle table so it holds across instances. */
function searchLimitOf(throttle: Throttle, kind: string, limit: number): SearchLimit {
  return {
    async take(who) {
      const key = {
        key: `social:${kind}:${who}`,
        limit,
        windowMs: SEARCH_WINDOW_MS,
        lockMs: SEARCH_WINDOW_MS,
      };
      const wait = await throttle.retryAfter([key]);
      if (wait > 0) return wait;
      await throttle.recordFailure([key]);
      return 0;
    },
  };
}

function socialServices(
  { db, clock, queue, fetch, config }: HubContext,
  { throttle, tokens }: { throttle: Throttle } & Pick<OidcExports, 'tokens'>,
) {
  // Friend and block changes, told to the services that read the graph (`social:read`) as signed events.
  const socialEvents = createSocialEvents({ db, queue, tokens, fetch });
  const social = createSocial({
    db,
    clock,
    searchLimit: searchLimitOf(throttle, 'search', config.social.searchesPerWindow),
    events: socialEvents.notifier,
  });
  return {
    social,
    socialEvents,
    privacy: createPrivacy({ db, clock, social }),
    profileLimit: searchLimitOf(throttle, 'profile', config.social.profilesPerWindow),
  };
}
export type SocialExports = ReturnType<typeof socialServices>;

/**
 * Friends, friend groups, requests, blocks, mutes and discoverability (issue 19): the hub's social graph; and the
 * privacy centre: who sees each profile field, and profiles as each viewer may see them.
 */
export const socialModule = defineModule({
  name: 'social',
  schema: socialSchema,
  services: socialServices,
  routes: (_web, { social, privacy, profileLimit }) =>
    socialRoutes({ social }).route(
      '/',
      privacyRoutes({ privacy, limit: { take: (key) => profileLimit.take(key) } }),
    ),
  jobs: ({ socialEvents }) => [
    // Friend and block events to the services (Security Event Tokens), queued by every such change.
    { queue: SOCIAL_EVENTS_QUEUE, handler: socialEvents.deliver, concurrency: 4 },
  ],
  timers: ({ social }) => [
    { name: 'social sweep', everyMs: 60 * 60 * 1000, atStart: true, task: () => social.sweep() },
  ],
});
