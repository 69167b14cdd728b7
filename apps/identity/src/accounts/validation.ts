/**
 * Account input rules. They cross a process (the portal validates the same fields), so they live in
 * `@orbit/contracts` (accounts.ts); re-exported here for the hub's own modules.
 */
export {
  bioSchema,
  displayNameSchema,
  emailSchema,
  handleSchema,
  localeSchema,
  passwordSchema,
  signUpBody,
} from '@orbit/contracts';
