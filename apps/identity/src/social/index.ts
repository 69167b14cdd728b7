export { SEARCHES_PER_WINDOW, type SocialExports, socialModule } from './module.js';
export {
  blocks,
  discoverability,
  friendGroups,
  friendRequests,
  friendships,
  mutes,
  socialSchema,
} from './schema.js';
export { answerHash, personCardOf, type Social } from './social.js';
