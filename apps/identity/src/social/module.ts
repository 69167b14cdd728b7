import { defineModule, type HubContext } from '../module.js';
import type { Throttle } from '../sign-in/index.js';
import { socialRoutes } from './routes.js';
import { socialSchema } from './schema.js';
import { createSocial, type SearchLimit } from './social.js';

/** Searches one account may make in ten minutes before it waits out the rest of them. */
export const SEARCHES_PER_WINDOW = 60;
const SEARCH_WINDOW_MS = 10 * 60 * 1000;

/** The search allowance, counted in the hub's throttle table so it holds across instances. */
function searchLimitOf(throttle: Throttle): SearchLimit {
  return {
    async take(accountId) {
      const key = {
        key: `social:search:${accountId}`,
        limit: SEARCHES_PER_WINDOW,
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

function socialServices({ db, clock }: HubContext, { throttle }: { throttle: Throttle }) {
  return { social: createSocial({ db, clock, searchLimit: searchLimitOf(throttle) }) };
}
export type SocialExports = ReturnType<typeof socialServices>;

/** Friends, friend groups, requests, blocks, mutes and discoverability (issue 19): the hub's social graph. */
export const socialModule = defineModule({
  name: 'social',
  schema: socialSchema,
  services: socialServices,
  routes: (_web, { social }) => socialRoutes({ social }),
  timers: ({ social }) => [
    { name: 'social sweep', everyMs: 60 * 60 * 1000, atStart: true, task: () => social.sweep() },
  ],
});
