import type { AccountProfilePatch } from '../../../api/admin-accounts';
import type { ProfileDraft } from './AccountProfileForm';

/**
 * What the profile form changes: only the fields that differ from the account as loaded, trimmed as the hub
 * keeps them (the bio keeps its inner line breaks). A cleared email is sent as null: the account then has none.
 */
export function profilePatch(initial: ProfileDraft, draft: ProfileDraft): AccountProfilePatch {
  const patch: AccountProfilePatch = {};
  const displayName = draft.displayName.trim();
  if (displayName !== initial.displayName) patch.displayName = displayName;
  const handle = draft.handle.trim();
  if (handle !== initial.handle) patch.handle = handle;
  const email = draft.email.trim();
  if (email !== initial.email) patch.email = email === '' ? null : email;
  const bio = draft.bio.trim();
  if (bio !== initial.bio.trim()) patch.bio = bio;
  if (draft.locale !== initial.locale) patch.locale = draft.locale;
  if (draft.timeZone !== initial.timeZone) patch.timeZone = draft.timeZone;
  return patch;
}
