import {
  FRIEND_REQUESTS_PER_DAY,
  MAX_FRIEND_GROUPS,
  MAX_FRIENDS,
  SOCIAL_ERROR_CODES,
} from '@orbit/contracts';
import { errorCatalogue } from '../kernel/errors.js';

/** Every error the social module answers with: its code (shared through @orbit/contracts), status and message. */
export const SOCIAL_ERRORS = errorCatalogue(SOCIAL_ERROR_CODES, {
  socialAlreadyFriends: [409, 'You are friends already.'],
  socialAnswerWrong: [403, 'That is not the answer this account asks for.'],
  socialBlocking: [409, 'You blocked this account; unblock it first.'],
  socialGroupNameTaken: [409, 'You have a group with that name already.'],
  socialGroupNotFound: [404, 'No such friend group.'],
  socialGroupOrderMismatch: [400, 'Give every one of your groups once, in the new order.'],
  socialNotFriends: [404, 'You are not friends with this account.'],
  socialPersonNotFound: [404, 'No such account.'],
  socialQuestionRequired: [400, 'To ask a question before requests, give both the question and its answer.'],
  socialRequestExists: [409, 'You asked this account already; wait for the answer.'],
  socialRequestNotFound: [404, 'No such friend request, or it was answered already.'],
  socialRequestsClosed: [403, 'This account does not take friend requests from you.'],
  socialSelf: [400, 'You cannot do that with your own account.'],
  socialTooManyFriends: [409, `An account can have at most ${MAX_FRIENDS} friends.`],
  socialTooManyGroups: [409, `You can make at most ${MAX_FRIEND_GROUPS} friend groups.`],
  socialTooManyRequests: [
    429,
    `You sent ${FRIEND_REQUESTS_PER_DAY} friend requests in the last day; try again later.`,
  ],
  socialTooManySearches: [429, 'Too many searches; wait a few minutes.'],
});
