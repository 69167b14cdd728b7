/**
 * The privacy centre's shapes (issue 19, point 3): who sees each profile field, the default audience of new posts
 * (which services read), and a profile as one viewer may see it. The hub's `social` module implements them.
 */
import { z } from 'zod';
import { genderSchema } from './accounts.js';
import { personCard, relationshipView, requestPolicies } from './social.js';

/** Who may see a profile field: anyone (signed out too), friends, or only the owner. */
export const FIELD_VISIBILITIES = ['public', 'friends', 'only_me'] as const;
export type FieldVisibility = (typeof FIELD_VISIBILITIES)[number];
export const fieldVisibility = z.enum(FIELD_VISIBILITIES);

/** The profile fields whose visibility the owner chooses. */
export const PROFILE_FIELDS = [
  'email',
  'bio',
  'birthday',
  'location',
  'gender',
  'friendsList',
  'counts',
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** Who sees a field until the owner says otherwise: contact details and the friends list stay close. */
export const DEFAULT_FIELD_VISIBILITY: Readonly<Record<ProfileField, FieldVisibility>> = {
  email: 'only_me',
  bio: 'public',
  birthday: 'friends',
  location: 'friends',
  gender: 'public',
  friendsList: 'friends',
  counts: 'public',
};

/** The audience new posts get unless the author picks another (services read it: Space, Games, News). */
export const DEFAULT_AUDIENCES = ['public', 'friends', 'only_me'] as const;
export type DefaultAudience = (typeof DEFAULT_AUDIENCES)[number];

const fieldsShape = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, fieldVisibility])) as Record<
  ProfileField,
  typeof fieldVisibility
>;

export const privacyView = z
  .object({
    fields: z.object(fieldsShape),
    defaultAudience: z.enum(DEFAULT_AUDIENCES),
  })
  .meta({
    id: 'Privacy',
    description: 'Who sees each profile field, and the default audience of new posts.',
  });
export type PrivacyView = z.infer<typeof privacyView>;

export const privacyBody = z
  .object({
    fields: z.object(fieldsShape).partial().strict().optional(),
    defaultAudience: z.enum(DEFAULT_AUDIENCES).optional(),
  })
  .strict();
export type PrivacyInput = z.input<typeof privacyBody>;

/** At most this many friends a profile lists (the total is given beside them). */
export const PROFILE_FRIENDS_SHOWN = 100;

/**
 * An account's profile as one viewer may see it: a field the viewer may not see is absent (not null: null is
 * "not given"). The owner sees every field.
 */
export const profileView = z
  .object({
    person: personCard,
    /** The viewer is the owner. */
    self: z.boolean(),
    email: z.string().nullable().optional(),
    bio: z.string().optional(),
    birthday: z.string().nullable().optional(),
    location: z.string().optional(),
    gender: genderSchema.nullable().optional(),
    counts: z.object({ friends: z.number().int() }).optional(),
    friends: z.object({ total: z.number().int(), shown: z.array(personCard) }).optional(),
    /** How a signed-in viewer stands with the owner (null when signed out, or the owner). */
    relationship: relationshipView.nullable(),
    mutualFriends: z.number().int().nullable(),
    /** Who may send the owner requests; with `question`, the question (signed-in viewers only). */
    requests: z.enum(requestPolicies).nullable(),
    question: z.string().nullable(),
  })
  .meta({ id: 'Profile', description: 'An account’s profile as the viewer may see it.' });
export type ProfileView = z.infer<typeof profileView>;

export const profileParams = z.object({
  accountNumber: z.string().meta({ description: 'The account number (5–10 digits).' }),
});
