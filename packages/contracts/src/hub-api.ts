/**
 * Every endpoint the hub serves, by area: the hub's OpenAPI document (`GET /api/openapi.json`) is built from
 * this list, and the hub's coverage test fails on any route of the real app that no entry declares. An area's
 * declarations live in its own `api-*.ts`; add a new area's group here.
 */
import { adminAccountDeletionsApi } from './api-account-deletions.js';
import { accountsApi, passkeysApi, recoveryApi, setupApi } from './api-accounts.js';
import { adminAccountsApi, adminAuditApi, adminClientsApi, adminRolesApi } from './api-admin.js';
import { dataRightsApi } from './api-data-rights.js';
import { membershipAdminApi, membershipApi } from './api-membership.js';
import { notificationsApi } from './api-notifications.js';
import { consentApi, oidcApi } from './api-oidc.js';
import { privacyApi } from './api-privacy.js';
import { outboxApi, securityLogApi } from './api-security.js';
import { healthApi, openApiEndpoint, serviceApi } from './api-service.js';
import { adminServiceCallsApi } from './api-service-calls.js';
import { adminServicesApi, launcherApi, shellApi } from './api-services.js';
import { sessionsApi, signInApi } from './api-sessions.js';
import { socialApi } from './api-social.js';
import type { Endpoint } from './endpoint.js';

export const hubApi = {
  meta: { openApi: openApiEndpoint },
  health: healthApi,
  signIn: signInApi,
  sessions: sessionsApi,
  accounts: accountsApi,
  recovery: recoveryApi,
  setup: setupApi,
  passkeys: passkeysApi,
  consents: consentApi,
  oidc: oidcApi,
  service: serviceApi,
  membership: membershipApi,
  membershipAdmin: membershipAdminApi,
  securityLog: securityLogApi,
  social: socialApi,
  privacy: privacyApi,
  notifications: notificationsApi,
  dataRights: dataRightsApi,
  launcher: launcherApi,
  shell: shellApi,
  adminAccounts: adminAccountsApi,
  adminAccountDeletions: adminAccountDeletionsApi,
  adminRoles: adminRolesApi,
  adminAudit: adminAuditApi,
  adminClients: adminClientsApi,
  adminServices: adminServicesApi,
  adminServiceCalls: adminServiceCallsApi,
  adminOutbox: outboxApi,
} as const;

/** The descriptions of the document's tags. */
export const HUB_API_TAGS: Readonly<Record<string, string>> = {
  meta: 'About this API.',
  health: 'Liveness and readiness, for process managers and load balancers.',
  'sign-in': 'Every way into a session: password, passkey, second factor.',
  sessions: 'The current session, step-up, and the account’s sessions.',
  accounts: 'Sign-up, the profile, avatar and password, and deletion.',
  'data-rights': 'Exports of the account’s data from the hub and every service.',
  recovery: 'Email verification and forgot password.',
  setup: 'The first admin.',
  passkeys: 'The account’s passkeys and recovery codes.',
  consents: 'What applications ask for, and which were let in.',
  oidc: 'OpenID Connect: discovery, authorization, tokens, userinfo, logout.',
  'service-api': 'The hub’s API for services, with their own client_credentials token.',
  membership: 'Tiers on sale, the member’s subscriptions, receipts, levels and preferences.',
  'membership admin': 'Tiers and prices, grants and revocations, revenue, growth and VIP thresholds.',
  launcher: 'The services the portal’s launcher offers, their icons and badges.',
  'admin accounts': 'Staff’s accounts list, CSV export, an account’s page and every write on it.',
  'admin roles': 'The roles staff grant and revoke, and the catalog of every role.',
  'admin audit': 'The audit log of staff actions.',
  'admin clients': 'OpenID Connect clients: register, edit, disable, rotate secrets.',
  'admin services': 'Registered services: disable, enable, rotate their client secret.',
  'admin outbox': 'The mail the hub sent or holds (the development outbox).',
};

/** Every declared hub endpoint, in document order. */
export const hubEndpoints: readonly Endpoint[] = Object.values(hubApi).flatMap(
  (group) => Object.values(group) as Endpoint[],
);
