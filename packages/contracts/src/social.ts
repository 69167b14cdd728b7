/**
 * The social layer's shapes (issue 19): friends and their groups (分组), friend requests, blocks, mutes, people
 * one may know, and the discoverability settings that decide who finds whom. The hub's `social` module
 * implements them; the portal's Friends page and the SDK read them.
 */
import { z } from 'zod';

const instant = z.string().describe('ISO 8601 date-time');

/** A friend request not answered within this many days expires (the sender may ask again). */
export const FRIEND_REQUEST_DAYS = 30;
/** Friend requests an account may send in 24 hours; more are refused with `social.too_many_requests`. */
export const FRIEND_REQUESTS_PER_DAY = 30;
/** Friends an account may have. */
export const MAX_FRIENDS = 2000;
/** Friend groups an account may make, besides the default group. */
export const MAX_FRIEND_GROUPS = 30;
/** Longest group name, remark and request message, in characters. */
export const FRIEND_GROUP_NAME_MAX = 30;
export const FRIEND_REMARK_MAX = 40;
export const FRIEND_REQUEST_MESSAGE_MAX = 200;
/** Longest question an account asks before accepting requests, and its answer. */
export const FRIEND_QUESTION_MAX = 100;
export const FRIEND_ANSWER_MAX = 50;

const trimmed = (max: number) => z.string().trim().max(max);

/** Someone as the social pages show them: who they are, never how to reach them. */
export const personCard = z
  .object({
    id: z.uuid(),
    accountNumber: z.string(),
    handle: z.string(),
    displayName: z.string(),
    /** The avatar's URL on the hub (relative), or null without one. */
    picture: z.string().nullable(),
  })
  .meta({ id: 'PersonCard', description: 'An account as the social pages show it.' });
export type PersonCard = z.infer<typeof personCard>;

/** One of the viewer's friends, with what only the viewer sees: the group they filed them in and a remark. */
export const friendView = personCard
  .extend({
    /** The viewer's group for this friend; null is the default group. */
    groupId: z.uuid().nullable(),
    /** A private name the viewer gave this friend (备注), or null. */
    remark: z.string().nullable(),
    /** 特别关心: the viewer wants to hear more of this friend. */
    specialCare: z.boolean(),
    /** Whether the viewer has muted this friend's activity (their own muting, never shown to the friend). */
    muted: z.boolean(),
    since: instant,
  })
  .meta({ id: 'Friend', description: 'One of the viewer’s friends.' });
export type FriendView = z.infer<typeof friendView>;

/** A friend group (分组) of the viewer's; the default group is `id: null` and can't be renamed or removed. */
export const friendGroupView = z
  .object({
    id: z.uuid().nullable(),
    /** Null for the default group: the portal names it in the reader's language. */
    name: z.string().nullable(),
    position: z.number().int(),
    friends: z.number().int(),
  })
  .meta({ id: 'FriendGroup', description: 'A friend group; `id: null` is the default group.' });
export type FriendGroupView = z.infer<typeof friendGroupView>;

export const friendsAnswer = z.object({
  groups: z.array(friendGroupView),
  friends: z.array(friendView),
});
export type FriendsAnswer = z.infer<typeof friendsAnswer>;

/** How the viewer stands with someone, both ways (Mastodon's relationship, QQ's mutual friends). */
export const relationshipView = z
  .object({
    id: z.uuid(),
    friend: z.boolean(),
    /** The viewer's group for them, when friends (null: the default group). */
    groupId: z.uuid().nullable(),
    remark: z.string().nullable(),
    specialCare: z.boolean(),
    /** The viewer asked them to be friends and they have not answered. */
    requested: z.boolean(),
    /** They asked the viewer and the viewer has not answered. */
    requestedBy: z.boolean(),
    blocking: z.boolean(),
    blockedBy: z.boolean(),
    muting: z.boolean(),
    /** When the viewer's mute ends by itself; null while it lasts until lifted. */
    mutedUntil: instant.nullable(),
  })
  .meta({ id: 'Relationship', description: 'How the viewer stands with another account.' });
export type RelationshipView = z.infer<typeof relationshipView>;

/** Who may send an account friend requests. */
export const requestPolicies = ['anyone', 'question', 'nobody'] as const;
export type RequestPolicy = (typeof requestPolicies)[number];

/** Someone found by search or suggested: their card, how the viewer stands with them, and mutual friends. */
export const personResult = z
  .object({
    person: personCard,
    relationship: relationshipView,
    mutualFriends: z.number().int(),
    /** Who may send them a request; with `question`, the question the sender must answer. */
    requests: z.enum(requestPolicies),
    question: z.string().nullable(),
  })
  .meta({ id: 'PersonResult', description: 'Someone the viewer found or may know.' });
export type PersonResult = z.infer<typeof personResult>;

export const searchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(320)
    .describe('An account number, a handle (with or without @) or an email.'),
});
export const searchAnswer = z.object({ results: z.array(personResult) });

export const suggestionsAnswer = z.object({ results: z.array(personResult) });

export const requestStatuses = [
  'pending',
  'accepted',
  'declined',
  'ignored',
  'withdrawn',
  'expired',
] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** A friend request, as its sender or its recipient sees it. */
export const friendRequestView = z
  .object({
    id: z.uuid(),
    /** The other side: the recipient for a sent request, the sender for a received one. */
    person: personCard,
    message: z.string(),
    /** A sent request that was ignored still reads `pending` to its sender. */
    status: z.enum(requestStatuses),
    mutualFriends: z.number().int(),
    createdAt: instant,
    expiresAt: instant,
  })
  .meta({ id: 'FriendRequest', description: 'A friend request, sent or received.' });
export type FriendRequestView = z.infer<typeof friendRequestView>;

export const friendRequestsAnswer = z.object({
  received: z.array(friendRequestView),
  sent: z.array(friendRequestView),
});
export type FriendRequestsAnswer = z.infer<typeof friendRequestsAnswer>;

export const sendFriendRequestBody = z
  .object({
    to: z.uuid(),
    message: trimmed(FRIEND_REQUEST_MESSAGE_MAX).default(''),
    /** The sender's group for the new friend once accepted (null or absent: the default group). */
    groupId: z.uuid().nullable().optional(),
    /** The answer to the recipient's question, when they ask one. */
    answer: trimmed(FRIEND_ANSWER_MAX).optional(),
  })
  .strict();
export type SendFriendRequestInput = z.input<typeof sendFriendRequestBody>;

export const acceptFriendRequestBody = z
  .object({ groupId: z.uuid().nullable().optional(), remark: trimmed(FRIEND_REMARK_MAX).optional() })
  .strict();

/** The answer to sending a request: the request, or — when they had asked the viewer too — the friendship. */
export const sendFriendRequestAnswer = z.object({
  request: friendRequestView.nullable(),
  friend: friendView.nullable(),
});

export const groupNameBody = z.object({ name: trimmed(FRIEND_GROUP_NAME_MAX).min(1) }).strict();
export const groupOrderBody = z
  .object({ ids: z.array(z.uuid()).max(MAX_FRIEND_GROUPS).describe('Every group of the account, in order.') })
  .strict();
export const groupsAnswer = z.object({ groups: z.array(friendGroupView) });

export const updateFriendBody = z
  .object({
    groupId: z.uuid().nullable().optional(),
    remark: trimmed(FRIEND_REMARK_MAX).nullable().optional(),
    specialCare: z.boolean().optional(),
  })
  .strict();

export const blockView = z
  .object({ person: personCard, since: instant })
  .meta({ id: 'Block', description: 'An account the viewer blocked.' });
export const blocksAnswer = z.object({ blocks: z.array(blockView) });

export const muteView = z
  .object({ person: personCard, since: instant, until: instant.nullable() })
  .meta({ id: 'Mute', description: 'An account whose activity the viewer hides.' });
export const mutesAnswer = z.object({ mutes: z.array(muteView) });
export const muteBody = z
  .object({
    /** Minutes until the mute ends by itself; absent or null: until lifted. */
    minutes: z
      .number()
      .int()
      .min(1)
      .max(366 * 24 * 60)
      .nullable()
      .optional(),
  })
  .strict();

/** Who finds the account, who may ask to be friends, and whether it is suggested to others. */
export const discoverabilityView = z
  .object({
    findableByAccountNumber: z.boolean(),
    findableByHandle: z.boolean(),
    findableByEmail: z.boolean(),
    requests: z.enum(requestPolicies),
    /** The question a sender must answer when `requests` is `question`. */
    question: z.string().nullable(),
    /** Whether the account is suggested to friends of friends ("people you may know"). */
    suggestable: z.boolean(),
  })
  .meta({ id: 'Discoverability', description: 'Who finds the account and may ask to be friends.' });
export type DiscoverabilityView = z.infer<typeof discoverabilityView>;

export const discoverabilityBody = z
  .object({
    findableByAccountNumber: z.boolean().optional(),
    findableByHandle: z.boolean().optional(),
    findableByEmail: z.boolean().optional(),
    requests: z.enum(requestPolicies).optional(),
    question: trimmed(FRIEND_QUESTION_MAX).min(1).nullable().optional(),
    /** The answer senders must give (compared without case or surrounding spaces); kept hashed. */
    answer: trimmed(FRIEND_ANSWER_MAX).min(1).nullable().optional(),
    suggestable: z.boolean().optional(),
  })
  .strict();
export type DiscoverabilityInput = z.input<typeof discoverabilityBody>;
