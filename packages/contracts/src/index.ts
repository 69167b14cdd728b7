/**
 * `@orbit/contracts`: every shape and constant that crosses a process — hub ↔ SDK ↔ portal ↔ service UIs.
 * Depends on nothing but zod, so each side validates with the very schema the other is typed by.
 */

export * from './accounts.js';
export * from './admin.js';
export * from './api-account-deletions.js';
export * from './api-accounts.js';
export * from './api-admin.js';
export * from './api-data-rights.js';
export * from './api-membership.js';
export * from './api-notifications.js';
export * from './api-oidc.js';
export * from './api-privacy.js';
export * from './api-security.js';
export * from './api-service.js';
export * from './api-service-calls.js';
export * from './api-services.js';
export * from './api-sessions.js';
export * from './api-social.js';
export * from './client.js';
export * from './consents.js';
export * from './data-rights.js';
export * from './endpoint.js';
export * from './errors/hub.js';
export * from './hub-api.js';
export * from './manifest.js';
export * from './membership-views.js';
export * from './notifications.js';
export * from './oidc.js';
export * from './outbox.js';
export * from './privacy.js';
export * from './security.js';
export * from './services.js';
export * from './sessions.js';
export * from './shell.js';
export * from './social.js';
export * from './social-services.js';
