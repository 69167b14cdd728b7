import { type PrivacyInput, privacyApi } from '@orbit/contracts';
import { hub } from './client';

/**
 * Typed calls to the privacy centre (`/api/social/privacy`) and public profiles (`/api/people/:accountNumber`,
 * the data of `/u/<account number>`), through the hub's typed client.
 */

const api = privacyApi;

export type {
  DefaultAudience,
  FieldVisibility,
  PrivacyInput,
  PrivacyView,
  ProfileField,
  ProfileView,
} from '@orbit/contracts';

export const privacy = {
  /** Who sees each profile field, and the default audience of new posts. */
  settings: () => hub.call(api.privacy),

  update: (patch: PrivacyInput) => hub.call(api.updatePrivacy, { body: patch }),

  /** A profile as the caller may see it (signed out too); a 404 when there is no such account to them. */
  profile: (accountNumber: string) => hub.call(api.profile, { params: { accountNumber } }),
};
