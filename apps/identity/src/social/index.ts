export { SOCIAL_EVENTS_QUEUE, type SocialEvents } from './events.js';
export { type SocialExports, socialModule } from './module.js';
export { fieldVisible, type Privacy, type Standing } from './privacy.js';
export {
  blocks,
  discoverability,
  friendGroups,
  friendRequests,
  friendships,
  mutes,
  profileVisibility,
  socialSchema,
} from './schema.js';
export { answerHash, personCardOf, type Social, standingSql } from './social.js';
