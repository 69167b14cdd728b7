/** `@orbit/testing`: a real hub and real services inside a test, and an HTTP browser to sign in with. */

export {
  type AssertionOverrides,
  type AuthenticationResponseJSON,
  type CeremonyOverrides,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  SOFT_AUTHENTICATOR_AAGUID,
  SoftAuthenticator,
  type SoftAuthenticatorOptions,
  type SoftCredential,
} from '@orbit/authenticator';
export { signIn, signOut, signUp, TEST_PASSWORD, type TestAccount, uniqueHandle } from './accounts.js';
export {
  adminCall,
  type GrantedMembership,
  grantMembership,
  grantRoles,
  listTiers,
  revokeMembership,
  revokeRoles,
  rotateSecret,
  setPerk,
  type TestAdmin,
  type TierView,
  testAdmin,
} from './admin.js';
export { ShiftedClock } from './clock.js';
export {
  type CurrentPage,
  fetchSite,
  formOrigin,
  HttpBrowser,
  type HttpBrowserOptions,
  type Navigation,
  parseReferrerPolicy,
  referrerFor,
} from './http-browser.js';
export { type LaunchedHub, type LaunchHubOptions, launchHub } from './hub.js';
export {
  completeSecondFactor,
  enrollPasskey,
  HubRequestError,
  type PasskeyView,
  type SessionView,
  type SignedIn,
  signInWithPasskey,
  signInWithRecoveryCode,
  stepUp,
} from './passkeys.js';
export { freePort } from './ports.js';
export { type CliResult, orbitCli, registerService } from './register.js';
export { type ServedApp, serveApp } from './serve.js';
export { type Befriending, befriend } from './social.js';
export {
  requestToken,
  type ServiceCredentials,
  serviceToken,
  type TokenResponse,
  userTokens,
  writeCredentialsFile,
} from './tokens.js';
