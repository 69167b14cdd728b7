import {
  DEFAULT_FIELD_VISIBILITY,
  type FieldVisibility,
  PROFILE_FIELDS,
  PROFILE_FRIENDS_SHOWN,
  type PrivacyInput,
  type PrivacyView,
  type ProfileField,
  type ProfileView,
} from '@orbit/contracts';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Clock } from '../clock.js';
import { accounts } from '../db/schema.js';
import type { IdentityDb } from '../kernel/db.js';
import { SOCIAL_ERRORS } from './errors.js';
import { blocks, discoverability, friendships, profileVisibility } from './schema.js';
import { personCardOf, type Social } from './social.js';

/** How the viewer stands with the owner, for the visibility rule (not a content audience: see `canSee` in the SDK). */
export type Standing = 'self' | 'friend' | 'other' | 'signed_out';

/** Whether a field of `visibility` shows to a viewer who is `standing` (the one rule every profile answer applies). */
export function fieldVisible(visibility: FieldVisibility, standing: Standing): boolean {
  if (standing === 'self') return true;
  if (visibility === 'public') return true;
  if (visibility === 'friends') return standing === 'friend';
  return false;
}

const DEFAULT_PRIVACY: PrivacyView = { fields: { ...DEFAULT_FIELD_VISIBILITY }, defaultAudience: 'public' };

type VisibilityRow = typeof profileVisibility.$inferSelect;

function viewPrivacy(row: VisibilityRow | undefined): PrivacyView {
  if (!row)
    return { fields: { ...DEFAULT_PRIVACY.fields }, defaultAudience: DEFAULT_PRIVACY.defaultAudience };
  const fields = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, row[f]])) as Record<
    ProfileField,
    FieldVisibility
  >;
  return { fields, defaultAudience: row.defaultAudience };
}

/**
 * The privacy centre: who sees each profile field, the default audience of new posts, and profiles as each viewer
 * may see them (`/api/people/:accountNumber`, the portal's `/u/<number>`). Blocks either way hide a profile
 * entirely, as does an account number its owner made unfindable, from anyone but friends.
 */
export function createPrivacy({ db, clock, social }: { db: IdentityDb; clock: Clock; social: Social }) {
  /** Friends `a` and `b` have in common. */
  async function mutualFriends(a: string, b: string): Promise<number> {
    const theirs = alias(friendships, 'theirs');
    const [row] = await db
      .select({ n: count() })
      .from(friendships)
      .innerJoin(theirs, eq(theirs.friendId, friendships.friendId))
      .where(and(eq(friendships.accountId, a), eq(theirs.accountId, b)));
    return Number(row?.n ?? 0);
  }

  async function privacyOf(accountId: string): Promise<PrivacyView> {
    const [row] = await db.select().from(profileVisibility).where(eq(profileVisibility.accountId, accountId));
    return viewPrivacy(row);
  }

  return {
    privacy: privacyOf,

    async updatePrivacy(accountId: string, patch: PrivacyInput): Promise<PrivacyView> {
      return db.transaction(async (tx) => {
        const [current] = await tx
          .select()
          .from(profileVisibility)
          .where(eq(profileVisibility.accountId, accountId))
          .for('update');
        const base = viewPrivacy(current);
        const next = {
          accountId,
          ...base.fields,
          ...patch.fields,
          defaultAudience: patch.defaultAudience ?? base.defaultAudience,
          updatedAt: clock.now(),
        };
        await tx
          .insert(profileVisibility)
          .values(next)
          .onConflictDoUpdate({ target: profileVisibility.accountId, set: next });
        return viewPrivacy(next);
      });
    },

    /** The audience the account's new posts get unless the author picks another (services read it). */
    async defaultAudience(accountId: string): Promise<PrivacyView['defaultAudience']> {
      return (await privacyOf(accountId)).defaultAudience;
    },

    /**
     * The profile of the account numbered `accountNumber` as `viewer` (null: signed out) may see it; 404 when
     * there is none, a block stands either way, or the owner is unfindable by number and the viewer no friend.
     */
    async profile(viewer: string | null, accountNumber: string): Promise<ProfileView> {
      if (!/^\d{5,10}$/.test(accountNumber)) throw SOCIAL_ERRORS.socialPersonNotFound.error();
      const [owner] = await db
        .select({
          id: accounts.id,
          accountNumber: accounts.accountNumber,
          handle: accounts.handle,
          displayName: accounts.displayName,
          avatarUpdatedAt: accounts.avatarUpdatedAt,
          email: accounts.email,
          emailVerifiedAt: accounts.emailVerifiedAt,
          bio: accounts.bio,
          birthday: accounts.birthday,
          location: accounts.location,
          gender: accounts.gender,
          findableByNumber: discoverability.findableByAccountNumber,
          requests: discoverability.requests,
          question: discoverability.question,
        })
        .from(accounts)
        .leftJoin(discoverability, eq(discoverability.accountId, accounts.id))
        .where(eq(accounts.accountNumber, Number(accountNumber)));
      if (!owner) throw SOCIAL_ERRORS.socialPersonNotFound.error();

      const self = viewer === owner.id;
      // The viewer's relationship, read from the viewer's side (blocks both ways, friendship).
      const relationship = viewer && !self ? await social.relationship(viewer, owner.id) : null;
      if (relationship && (relationship.blocking || relationship.blockedBy)) {
        throw SOCIAL_ERRORS.socialPersonNotFound.error();
      }
      const standing: Standing = self
        ? 'self'
        : relationship?.friend
          ? 'friend'
          : viewer
            ? 'other'
            : 'signed_out';
      if (owner.findableByNumber === false && standing !== 'self' && standing !== 'friend') {
        throw SOCIAL_ERRORS.socialPersonNotFound.error();
      }

      const { fields } = await privacyOf(owner.id);
      const sees = (field: ProfileField) => fieldVisible(fields[field], standing);
      const profile: ProfileView = {
        person: personCardOf(owner),
        self,
        relationship,
        mutualFriends: null,
        requests: viewer && !self ? (owner.requests ?? 'anyone') : null,
        question: viewer && !self && owner.requests === 'question' ? owner.question : null,
      };
      // Only a verified address is the account's email; a pending one is the owner's business.
      if (sees('email')) profile.email = owner.emailVerifiedAt ? owner.email : null;
      if (sees('bio')) profile.bio = owner.bio;
      if (sees('birthday')) profile.birthday = owner.birthday;
      if (sees('location')) profile.location = owner.location;
      if (sees('gender')) profile.gender = owner.gender;

      const needFriends = sees('friendsList') || sees('counts');
      if (needFriends) {
        const [total] = await db
          .select({ n: count() })
          .from(friendships)
          .where(eq(friendships.accountId, owner.id));
        const friends = Number(total?.n ?? 0);
        if (sees('counts')) profile.counts = { friends };
        if (sees('friendsList')) {
          const shown = await db
            .select({
              id: accounts.id,
              accountNumber: accounts.accountNumber,
              handle: accounts.handle,
              displayName: accounts.displayName,
              avatarUpdatedAt: accounts.avatarUpdatedAt,
            })
            .from(friendships)
            .innerJoin(accounts, eq(accounts.id, friendships.friendId))
            .where(
              and(
                eq(friendships.accountId, owner.id),
                // Nobody the viewer blocked or who blocked the viewer shows up in the list either.
                viewer
                  ? sql`not exists (select 1 from ${blocks} where (${blocks.blockerId} = ${viewer} and ${blocks.blockedId} = ${accounts.id}) or (${blocks.blockerId} = ${accounts.id} and ${blocks.blockedId} = ${viewer}))`
                  : undefined,
              ),
            )
            .orderBy(asc(sql`lower(${accounts.displayName})`), asc(accounts.id))
            .limit(PROFILE_FRIENDS_SHOWN);
          profile.friends = { total: friends, shown: shown.map(personCardOf) };
        }
      }
      if (viewer && relationship) profile.mutualFriends = await mutualFriends(viewer, owner.id);
      return profile;
    },
  };
}

export type Privacy = ReturnType<typeof createPrivacy>;
