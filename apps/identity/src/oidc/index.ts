export { scopeSet, userClaims } from './claims.js';
export {
  type ClientInput,
  type ClientSettingsInput,
  type Clients,
  type ClientView,
  createClients,
  KNOWN_SCOPES,
  settingsOf,
  usesSecret,
  viewClient,
} from './clients/clients.js';
export {
  createClientSecrets,
  DEFAULT_GRACE_HOURS,
  graceHoursOf,
  MAX_GRACE_HOURS,
  type Rotation,
  type SecretView,
} from './clients/secrets.js';
export { OAuthError } from './errors.js';
export type { Grants } from './grants.js';
export { createSecretBox, loadKeyEncryptionKey, type SecretBox } from './keys/encryption.js';
export { BACKCHANNEL_QUEUE, type BackchannelLogout, type LogoutDelivery } from './logout/backchannel.js';
export { type OidcExports, oidcFlowModule, oidcModule } from './module.js';
export { OIDC_BASE } from './routes.js';
export {
  authMethods,
  authorizationCodes,
  type ClientRow,
  clients,
  clientTypes,
  consents,
  type GrantType,
  grants,
  grantTypes,
  interactions,
  oidcSchema,
  refreshTokens,
  revokedAccessTokens,
  signingAlgorithms,
  usedClientAssertions,
} from './schema.js';
export type { Tokens } from './tokens.js';
