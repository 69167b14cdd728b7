/** Test helpers other modules' tests may use (never imported by the hub itself). */
export {
  DAY_MS,
  type Member,
  moveTo,
  newMember,
  rowsOf,
  runBillingJobs,
  sandboxChargesLike,
  startBillingHub,
  subscribe,
} from './billing-testkit.js';
export { endForTest, grantForTest } from './test-memberships.js';
