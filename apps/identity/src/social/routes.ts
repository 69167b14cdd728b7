import { socialApi } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { HubEnv } from '../env.js';
import { authOf, requireSession } from '../kernel/guards.js';
import { SOCIAL_ERRORS } from './errors.js';
import type { Social } from './social.js';

const uuid = z.uuid();

/** A path id that can't be a uuid names nothing: the same 404 as an unknown one, before any query. */
function idOr404(entry: { error(): Error }): MiddlewareHandler<HubEnv> {
  return async function idOr404(c, next) {
    if (!uuid.safeParse(c.req.param('id')).success) throw entry.error();
    await next();
  };
}
const person = idOr404(SOCIAL_ERRORS.socialPersonNotFound);
const friend = idOr404(SOCIAL_ERRORS.socialNotFriends);
const group = idOr404(SOCIAL_ERRORS.socialGroupNotFound);
const request = idOr404(SOCIAL_ERRORS.socialRequestNotFound);

/** Social answers are personal and change with every request and block: never cached. */
const noStore: MiddlewareHandler<HubEnv> = async function noStore(c, next) {
  await next();
  c.header('Cache-Control', 'no-store');
};

/** The signed-in user's friends, groups, requests, blocks, mutes and discoverability (`/api/social`). */
export function socialRoutes({ social }: { social: Social }) {
  const me = (c: Parameters<typeof authOf>[0]) => authOf(c).account.id;
  return endpointRoutes<HubEnv>('/api')
    .on(socialApi.friends, requireSession, noStore, async (c) => c.json(await social.friends(me(c))))
    .on(socialApi.updateFriend, requireSession, friend, async (c, { params, body }) =>
      c.json(await social.updateFriend(me(c), params.id, body)),
    )
    .on(socialApi.removeFriend, requireSession, friend, async (c, { params }) => {
      await social.removeFriend(me(c), params.id);
      return c.body(null, 204);
    })
    .on(socialApi.relationship, requireSession, noStore, person, async (c, { params }) =>
      c.json(await social.relationship(me(c), params.id)),
    )
    .on(socialApi.groups, requireSession, noStore, async (c) =>
      c.json({ groups: await social.groups(me(c)) }),
    )
    .on(socialApi.createGroup, requireSession, async (c, { body }) =>
      c.json(await social.createGroup(me(c), body.name), 201),
    )
    .on(socialApi.reorderGroups, requireSession, async (c, { body }) =>
      c.json({ groups: await social.reorderGroups(me(c), body.ids) }),
    )
    .on(socialApi.renameGroup, requireSession, group, async (c, { params, body }) =>
      c.json(await social.renameGroup(me(c), params.id, body.name)),
    )
    .on(socialApi.deleteGroup, requireSession, group, async (c, { params }) => {
      await social.deleteGroup(me(c), params.id);
      return c.body(null, 204);
    })
    .on(socialApi.requests, requireSession, noStore, async (c) => c.json(await social.requests(me(c))))
    .on(socialApi.sendRequest, requireSession, async (c, { body }) =>
      c.json(await social.sendRequest(me(c), body), 201),
    )
    .on(socialApi.acceptRequest, requireSession, request, async (c, { params, body }) =>
      c.json(await social.accept(me(c), params.id, body)),
    )
    .on(socialApi.declineRequest, requireSession, request, async (c, { params }) => {
      await social.decline(me(c), params.id);
      return c.body(null, 204);
    })
    .on(socialApi.ignoreRequest, requireSession, request, async (c, { params }) => {
      await social.ignore(me(c), params.id);
      return c.body(null, 204);
    })
    .on(socialApi.withdrawRequest, requireSession, request, async (c, { params }) => {
      await social.withdraw(me(c), params.id);
      return c.body(null, 204);
    })
    .on(socialApi.search, requireSession, noStore, async (c, { query }) =>
      c.json({ results: await social.search(me(c), query.q) }),
    )
    .on(socialApi.suggestions, requireSession, noStore, async (c) =>
      c.json({ results: await social.suggestions(me(c)) }),
    )
    .on(socialApi.blocks, requireSession, noStore, async (c) =>
      c.json({ blocks: await social.blocks(me(c)) }),
    )
    .on(socialApi.block, requireSession, person, async (c, { params }) => {
      await social.block(me(c), params.id);
      return c.body(null, 204);
    })
    .on(socialApi.unblock, requireSession, person, async (c, { params }) => {
      await social.unblock(me(c), params.id);
      return c.body(null, 204);
    })
    .on(socialApi.mutes, requireSession, noStore, async (c) => c.json({ mutes: await social.mutes(me(c)) }))
    .on(socialApi.mute, requireSession, person, async (c, { params, body }) => {
      await social.mute(me(c), params.id, body.minutes);
      return c.body(null, 204);
    })
    .on(socialApi.unmute, requireSession, person, async (c, { params }) => {
      await social.unmute(me(c), params.id);
      return c.body(null, 204);
    })
    .on(socialApi.discoverability, requireSession, noStore, async (c) =>
      c.json(await social.discoverability(me(c))),
    )
    .on(socialApi.updateDiscoverability, requireSession, async (c, { body }) =>
      c.json(await social.updateDiscoverability(me(c), body)),
    ).app;
}
