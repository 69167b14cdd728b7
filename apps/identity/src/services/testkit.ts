/** Test helpers other modules' tests may use (never imported by the hub itself). */
export { MAIL_PERKS, TEST_ICON, testManifest } from './test-manifest.js';
