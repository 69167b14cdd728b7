import { type DiscoverabilityInput, type SendFriendRequestInput, socialApi } from '@orbit/contracts';
import { hub } from './client';

/**
 * Typed calls to the social API (`/api/social`, issue 19), one per endpoint, through the hub's typed client: each is
 * the endpoint's declaration in `@orbit/contracts`, so the shapes are the hub's own.
 */

const api = socialApi;
const byId = (id: string) => ({ params: { id } });

export type {
  DiscoverabilityInput,
  DiscoverabilityView,
  FriendGroupView,
  FriendRequestsAnswer,
  FriendRequestView,
  FriendsAnswer,
  FriendView,
  PersonCard,
  PersonResult,
  RelationshipView,
  RequestPolicy,
  RequestStatus,
} from '@orbit/contracts';

export const social = {
  /** The friends and the groups, the default group (`id: null`) first. */
  friends: () => hub.call(api.friends),

  updateFriend: (
    id: string,
    patch: { groupId?: string | null; remark?: string | null; specialCare?: boolean },
  ) => hub.call(api.updateFriend, { ...byId(id), body: patch }),

  /** Ends the friendship on both sides; the other is not told. */
  removeFriend: (id: string) => hub.call(api.removeFriend, byId(id)),

  relationship: (id: string) => hub.call(api.relationship, byId(id)),

  createGroup: (name: string) => hub.call(api.createGroup, { body: { name } }),

  renameGroup: (id: string, name: string) => hub.call(api.renameGroup, { ...byId(id), body: { name } }),

  /** Every group of the account but the default one, in the new order. */
  reorderGroups: async (ids: string[]) => (await hub.call(api.reorderGroups, { body: { ids } })).groups,

  /** Its friends move to the default group. */
  deleteGroup: (id: string) => hub.call(api.deleteGroup, byId(id)),

  requests: () => hub.call(api.requests),

  /** Answers the request, or — when they had asked too — the new friend. */
  sendRequest: (input: SendFriendRequestInput) => hub.call(api.sendRequest, { body: input }),

  accept: (id: string, options: { groupId: string | null; remark?: string }) =>
    hub.call(api.acceptRequest, { ...byId(id), body: options }),

  decline: (id: string) => hub.call(api.declineRequest, byId(id)),

  ignore: (id: string) => hub.call(api.ignoreRequest, byId(id)),

  withdraw: (id: string) => hub.call(api.withdrawRequest, byId(id)),

  search: async (q: string) => (await hub.call(api.search, { query: { q } })).results,

  suggestions: async () => (await hub.call(api.suggestions)).results,

  blocks: async () => (await hub.call(api.blocks)).blocks,

  block: (id: string) => hub.call(api.block, byId(id)),

  unblock: (id: string) => hub.call(api.unblock, byId(id)),

  mutes: async () => (await hub.call(api.mutes)).mutes,

  /** For `minutes`, or until lifted (null). */
  mute: (id: string, minutes: number | null) => hub.call(api.mute, { ...byId(id), body: { minutes } }),

  unmute: (id: string) => hub.call(api.unmute, byId(id)),

  discoverability: () => hub.call(api.discoverability),

  updateDiscoverability: (patch: DiscoverabilityInput) =>
    hub.call(api.updateDiscoverability, { body: patch }),
};
