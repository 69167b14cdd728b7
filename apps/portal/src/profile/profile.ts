import type { PrivacyInput, PrivacyView, ProfileField, ProfileView } from '../api/privacy';
import type { PersonResult } from '../api/social';

/**
 * Public profiles' and the privacy centre's rules, as plain functions the pages call and the tests check: a
 * profile's address, the relationship a profile gives as the Friends pages' search result (so the same dialog adds
 * them), and what a privacy form changed.
 */

/** A profile's address in the portal: `/u/<account number>`. */
export const profilePath = (accountNumber: string): string => `/u/${encodeURIComponent(accountNumber)}`;

/**
 * A profile as a search result (`PersonResult`), for the Add dialog and `standingOf`; null for the owner or a
 * signed-out visitor, who have no relationship with it.
 */
export function resultOf(profile: ProfileView): PersonResult | null {
  if (profile.self || !profile.relationship || profile.requests === null) return null;
  return {
    person: profile.person,
    relationship: profile.relationship,
    mutualFriends: profile.mutualFriends ?? 0,
    requests: profile.requests,
    question: profile.question,
  };
}

/** The fields in the order the privacy centre lists them: how to reach, who one is, then friends. */
export const PRIVACY_FIELD_ORDER: readonly ProfileField[] = [
  'bio',
  'gender',
  'birthday',
  'location',
  'email',
  'counts',
  'friendsList',
];

/** Only what the form changed from the saved settings; null when nothing did. */
export function privacyPatch(saved: PrivacyView, form: PrivacyView): PrivacyInput | null {
  const fields: NonNullable<PrivacyInput['fields']> = {};
  for (const field of PRIVACY_FIELD_ORDER) {
    if (form.fields[field] !== saved.fields[field]) fields[field] = form.fields[field];
  }
  const patch: PrivacyInput = {
    ...(Object.keys(fields).length > 0 ? { fields } : {}),
    ...(form.defaultAudience !== saved.defaultAudience ? { defaultAudience: form.defaultAudience } : {}),
  };
  return Object.keys(patch).length > 0 ? patch : null;
}
