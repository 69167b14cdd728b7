/**
 * What services get from the social graph (issue 19, point 2): the relationship batch and friends list of the
 * service API (`/api/v1/social/*`, scope `social:read`), the audience a service stores with each piece of content
 * (which the SDK's `canSee` reads), and the signed events the hub pushes when friendships and blocks change.
 */
import { z } from 'zod';
import { DEFAULT_AUDIENCES } from './privacy.js';
import { friendGroupView, MAX_FRIEND_GROUPS, MAX_FRIENDS } from './social.js';

/** At most this many ids per relationship batch. */
export const MAX_RELATIONSHIP_BATCH = 100;
/** At most this many accounts a piece of content mentions. */
export const MAX_MENTIONS = 100;

/** `POST /api/v1/social/relationships`: how `viewer` stands with each of `ids`. */
export const relationshipsBody = z
  .object({
    viewer: z.uuid().describe('The account whose view is asked for.'),
    ids: z.array(z.uuid()).min(1).max(MAX_RELATIONSHIP_BATCH),
  })
  .strict();
export type RelationshipsInput = z.input<typeof relationshipsBody>;

/**
 * How the viewer stands with one account, as a service sees it: no remark, no special care, no requests — those
 * are the viewer's own business.
 */
export const socialRelationship = z
  .object({
    friend: z.boolean(),
    /** The viewer's friend group for them while friends (null: the default group, or not friends). */
    groupId: z.uuid().nullable(),
    /** The viewer blocked them. */
    blocking: z.boolean(),
    /** They blocked the viewer. */
    blockedBy: z.boolean(),
    /** The viewer hides their activity (a mute in force now). */
    muting: z.boolean(),
  })
  .meta({
    id: 'SocialRelationship',
    description: 'How the viewer stands with one account (the service view).',
  });
export type SocialRelationship = z.infer<typeof socialRelationship>;

export const relationshipsAnswer = z.object({
  /** By id; ids that name no account are left out. */
  relationships: z.record(z.uuid(), socialRelationship),
});
export type RelationshipsAnswer = z.infer<typeof relationshipsAnswer>;

/** `GET /api/v1/social/friends/:sub`: the account's friends, each with the account's group for them, and its groups. */
export const socialFriendsAnswer = z
  .object({
    sub: z.uuid(),
    friends: z.array(z.object({ id: z.uuid(), groupId: z.uuid().nullable() })).max(MAX_FRIENDS),
    /** The default group (`id: null`) first, then the account's groups in its order. */
    groups: z.array(friendGroupView),
    /** The audience the account's new posts get unless it picks another (its privacy centre). */
    defaultAudience: z.enum(DEFAULT_AUDIENCES),
  })
  .meta({
    id: 'SocialFriends',
    description:
      'An account’s friends and friend groups, and the default audience of its posts (the service view).',
  });
export type SocialFriends = z.infer<typeof socialFriendsAnswer>;

/**
 * Who may see a piece of content, as a service stores it beside the content: anyone (signed out too), the
 * owner's friends, friends in some of the owner's groups (`null`: the default group), only the owner, or the
 * accounts the owner chose. The SDK's `canSee` decides by it.
 */
export const audienceSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('public') }).strict(),
    z.object({ type: z.literal('friends') }).strict(),
    z
      .object({
        type: z.literal('groups'),
        groupIds: z
          .array(z.uuid().nullable())
          .min(1)
          .max(MAX_FRIEND_GROUPS + 1)
          .describe('The owner’s friend groups; null is the default group.'),
      })
      .strict(),
    z.object({ type: z.literal('only_me') }).strict(),
    z.object({ type: z.literal('chosen'), ids: z.array(z.uuid()).min(1).max(MAX_FRIENDS) }).strict(),
  ])
  .meta({ id: 'Audience', description: 'Who may see a piece of content.' });
export type Audience = z.infer<typeof audienceSchema>;
export type AudienceType = Audience['type'];

/** Accounts a piece of content mentions: they see it too, unless it is `only_me` or a block stands between. */
export const mentionsSchema = z.array(z.uuid()).max(MAX_MENTIONS);

/**
 * The social events the hub pushes to services that read the graph (hub scope `social:read`), as Security Event
 * Tokens (RFC 8417) like the membership ones: `sub` is the account that acted, the event names the other.
 */
export const FRIEND_ADDED_EVENT = 'urn:orbit:event:friend-added';
export const FRIEND_REMOVED_EVENT = 'urn:orbit:event:friend-removed';
export const BLOCK_ADDED_EVENT = 'urn:orbit:event:block-added';
export const BLOCK_REMOVED_EVENT = 'urn:orbit:event:block-removed';
export const SOCIAL_EVENTS = [
  FRIEND_ADDED_EVENT,
  FRIEND_REMOVED_EVENT,
  BLOCK_ADDED_EVENT,
  BLOCK_REMOVED_EVENT,
] as const;
export type SocialEventUri = (typeof SOCIAL_EVENTS)[number];
/** Each social event's short name, as the SDK hands it to a service (`onSocialChange`). */
export const SOCIAL_EVENT_TYPES = {
  [FRIEND_ADDED_EVENT]: 'friend.added',
  [FRIEND_REMOVED_EVENT]: 'friend.removed',
  [BLOCK_ADDED_EVENT]: 'block.added',
  [BLOCK_REMOVED_EVENT]: 'block.removed',
} as const satisfies Record<SocialEventUri, string>;
export type SocialEventType = (typeof SOCIAL_EVENT_TYPES)[SocialEventUri];

/** The payload of a social event inside the token's `events` claim: the other account. */
export const socialEventPayload = z.object({ other: z.uuid() });
export type SocialEventPayload = z.infer<typeof socialEventPayload>;
