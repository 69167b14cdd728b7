/**
 * The privacy centre's endpoints (`/api/social/privacy`) and public profiles (`/api/people/:accountNumber`, the
 * data of the portal's `/u/<account number>` page). The hub's `social` module implements them.
 */
import { endpoint } from './endpoint.js';
import { privacyBody, privacyView, profileParams, profileView } from './privacy.js';

const tags = ['social'];

export const privacyApi = {
  privacy: endpoint({
    method: 'get',
    path: '/api/social/privacy',
    summary: 'Who sees each profile field, and the default audience of new posts',
    tags,
    auth: 'session',
    responses: { 200: privacyView },
  }),
  updatePrivacy: endpoint({
    method: 'patch',
    path: '/api/social/privacy',
    summary: 'Change who sees profile fields, or the default audience of new posts',
    tags,
    auth: 'session',
    body: privacyBody,
    responses: { 200: privacyView },
  }),
  profile: endpoint({
    method: 'get',
    path: '/api/people/:accountNumber',
    summary: 'An account’s profile as the caller may see it (signed in or not)',
    description:
      'Each field is present only when the owner lets the caller see it. An account that blocked the caller (or ' +
      'that the caller blocked), or one not findable by its number by someone who is not a friend, is a 404.',
    tags,
    auth: 'none',
    params: profileParams,
    responses: { 200: profileView },
  }),
};
