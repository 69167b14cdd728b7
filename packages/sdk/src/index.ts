/**
 * `@orbit/sdk`: what a service imports to join Orbit. See docs/services.md for the whole contract.
 */
export type { BearerCaller, BearerRefusal } from './bearer.js';
export type { CallOptions, CallTarget } from './calls.js';
export { canSee, type SeeingRelationship } from './can-see.js';
export { type ClientCredentials, CredentialsError, type CredentialsSource } from './credentials.js';
export type { DataRights, ExportFile, ServiceExport } from './data-rights.js';
export type {
  Badges,
  Entitlements,
  HubApi,
  PublicAccount,
  SocialFriends,
  SocialRelationship,
} from './hub-api.js';
export type { Clock } from './hub-connection.js';
export { safeReturnTo } from './login-state.js';
export * from './manifest.js';
export { type ServiceOpenApiOptions, serviceOpenApiDocument, serviceOpenApiRoutes } from './openapi.js';
export type { ResolvedPaths } from './paths.js';
export { hasRole, type WithRoles } from './roles.js';
export {
  type AccessTokenClaims,
  type BearerVariables,
  createOrbitService,
  type OrbitLogger,
  type OrbitOptionalVariables,
  type OrbitService,
  type OrbitServiceOptions,
  type OrbitVariables,
  type RoleVariables,
  STEP_UP_MAX_AGE_SECONDS,
} from './service.js';
export {
  drizzleSessionStore,
  type OrbitSessionsTable,
  orbitSessions,
  type SessionStore,
  type SessionStoreOptions,
  type StoredSession,
} from './session-store.js';
export type { SessionLifetimes } from './sessions.js';
export type { SocialChange, VisibleItem } from './social.js';
export { ACR_PASSKEY, type OrbitUser, type StoredUser } from './user.js';
