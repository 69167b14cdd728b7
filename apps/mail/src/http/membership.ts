import type { OrbitService } from '@orbit/sdk';
import type { LimitsOf, MailLimits } from '../mail/index.js';

/** What an account's membership means in Mail, for `GET /api/me` (apps/mail/API.md). */
export interface MailMembership {
  tiers: string[];
  vipLevel: number;
  activityLevel: number;
  /** Whether the membership lifts each limit above Mail's configured default. */
  raised: { quota: boolean; attachment: boolean };
}

/** The levels an account shows beside its name; null when it turned its badges off (or no longer exists). */
export interface Badges {
  vipLevel: number;
  activityLevel: number;
}

/**
 * Membership as Mail shows it, read through the SDK: the signed-in user's (from their entitlements, cached
 * briefly and dropped when the hub reports a change) and other accounts' badges (from their public profiles).
 */
export function createMailMembership({
  orbit,
  limits,
  defaults,
}: {
  orbit: Pick<OrbitService, 'entitlements' | 'hub'>;
  limits: LimitsOf;
  defaults: MailLimits;
}) {
  return {
    async of(sub: string): Promise<MailMembership> {
      const [{ tiers, vipLevel, activityLevel }, own] = await Promise.all([
        orbit.entitlements(sub),
        limits(sub),
      ]);
      return {
        tiers,
        vipLevel,
        activityLevel,
        raised: {
          quota: own.quotaBytes > defaults.quotaBytes,
          attachment: own.attachmentBytes > defaults.attachmentBytes,
        },
      };
    },

    /** Badges of up to 100 accounts, keyed by each `sub` asked for. */
    async badges(subs: string[]): Promise<Record<string, Badges | null>> {
      const profiles = await orbit.hub.profiles(subs);
      const bySub = new Map(profiles.map((profile) => [profile.sub, profile.badges ?? null]));
      return Object.fromEntries(subs.map((sub) => [sub, bySub.get(sub) ?? null]));
    },
  };
}

export type MailMembershipView = ReturnType<typeof createMailMembership>;
