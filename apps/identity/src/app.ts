import { errorHandler, notFoundHandler, orbitSecureHeaders, refuseInvalidPathText } from '@orbit/http';
import { createJobQueue } from '@orbit/jobs';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { Logger } from 'pino';
import { createAccounts, type IdentityDb } from './accounts/accounts.js';
import { createAccountLifecycle } from './accounts/lifecycle.js';
import { createMembershipDeletion } from './accounts/lifecycle-memberships.js';
import { accountLifecycleRoutes } from './accounts/lifecycle-routes.js';
import { accountRoutes } from './accounts/routes.js';
import { createAccountAdministration } from './admin/accounts/index.js';
import { adminAccountRoutes } from './admin/accounts/routes.js';
import { createAuditLog } from './admin/audit.js';
import { createClientConsole } from './admin/clients/clients-console.js';
import { adminClientRoutes } from './admin/clients/routes.js';
import { createRoles } from './admin/roles.js';
import { adminRoutes } from './admin/routes.js';
import { createAccountDirectory } from './api-v1/directory.js';
import { createEntitlements } from './api-v1/entitlements.js';
import { SERVICE_API_BASE, serviceApiRoutes } from './api-v1/routes.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { createEmail } from './email/index.js';
import { createSecurityNotices } from './email/notices.js';
import { emailAdminRoutes } from './email/routes.js';
import type { HubEnv } from './env.js';
import { healthRoutes } from './health/routes.js';
import { AppError } from './http/errors.js';
import { clientAddress, requestLogging, sameOriginWrites } from './http/middleware.js';
import { createActivity } from './membership/activity.js';
import { adminTierRoutes, publicTierRoutes } from './membership/admin-routes.js';
import { createBilling } from './membership/billing.js';
import { billingAdminRoutes } from './membership/billing-admin-routes.js';
import { createDefaultTierSeeder } from './membership/defaults.js';
import { createMembershipEntitlements } from './membership/entitlements.js';
import { createMembershipEvents } from './membership/events.js';
import { createGrowth } from './membership/growth.js';
import { createGrowthAdjustments } from './membership/growth-adjustments.js';
import { createLevels } from './membership/levels.js';
import { createLevelsExport } from './membership/levels-export.js';
import { levelsRoutes } from './membership/levels-routes.js';
import type { PaymentProvider } from './membership/payments/provider.js';
import { createSandboxProvider } from './membership/payments/sandbox.js';
import { createPreferences } from './membership/preferences.js';
import { subscriptionRoutes } from './membership/subscription-routes.js';
import { createTiers } from './membership/tiers.js';
import { browserBinding } from './oidc/authorize/browser-binding.js';
import { createAuthorizationFlow } from './oidc/authorize/flow.js';
import { authorizeRoutes, consentApiRoutes } from './oidc/authorize/routes.js';
import { createClientAuthenticator } from './oidc/clients/authenticate.js';
import { createClients } from './oidc/clients/clients.js';
import { consentRoutes, createConsents } from './oidc/consents.js';
import { OAuthError } from './oidc/errors.js';
import { createGrants } from './oidc/grants.js';
import { createSecretBox } from './oidc/keys/encryption.js';
import { createKeyStore } from './oidc/keys/keys.js';
import { createBackchannelLogout } from './oidc/logout/backchannel.js';
import { logoutRoutes } from './oidc/logout/routes.js';
import { OIDC_BASE, oidcRoutes } from './oidc/routes.js';
import { createTokenEndpoint } from './oidc/token-endpoint.js';
import { createTokens } from './oidc/tokens.js';
import { openApiRoutes } from './openapi.js';
import { createChallenges } from './passkeys/challenges.js';
import { createPasskeys } from './passkeys/passkeys.js';
import { createRecoveryCodes } from './passkeys/recovery-codes.js';
import { passkeyRoutes } from './passkeys/routes.js';
import { createStepUpCheck, hasPasskey } from './passkeys/step-up.js';
import { portalRoutes } from './portal/static.js';
import { createEmailVerification } from './recovery/email-verification.js';
import { createPasswordReset } from './recovery/password-reset.js';
import { recoveryRoutes } from './recovery/routes.js';
import { createEmailTokens } from './recovery/tokens.js';
import { createSecurityLog } from './security/log.js';
import { securityLogRoutes } from './security/routes.js';
import { adminServiceRoutes } from './services/admin-routes.js';
import { createBadges } from './services/badges.js';
import { createServiceRegistry, type ServiceRegistry } from './services/registry.js';
import { createServiceRoles } from './services/roles.js';
import { serviceRolesApi } from './services/roles-api.js';
import { serviceRolesRoutes } from './services/roles-routes.js';
import { launcherRoutes } from './services/routes.js';
import { serviceShellApi } from './services/shell-api.js';
import { loadSession, sessionCookie } from './sessions/middleware.js';
import { sessionRoutes } from './sessions/routes.js';
import { createSessions } from './sessions/sessions.js';
import { setupRoutes } from './setup/routes.js';
import { createSetup } from './setup/setup.js';
import { createSignInAttempts } from './sign-in/attempts.js';
import { deviceCookie } from './sign-in/device-cookie.js';
import { createDeviceTrust, deviceCookieKey } from './sign-in/device-trust.js';
import { createPendingSignIns } from './sign-in/pending.js';
import { reauthenticateRoutes } from './sign-in/reauthenticate-routes.js';
import { signInRoutes } from './sign-in/routes.js';
import { createPasswordSignIn } from './sign-in/sign-in.js';
import { createSignUpLimit } from './sign-in/sign-up-limit.js';
import { createThrottle } from './sign-in/throttle.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface AppDeps {
  db: IdentityDb;
  /** Encrypts signing keys at rest (see oidc/keys/encryption.ts). */
  keyEncryptionKey: Buffer;
  /** Throws when the database can't be reached (for `/readyz`). */
  ping: () => Promise<void>;
  clock: Clock;
  logger: Logger;
  /** Outbound HTTP (the hub asking services for launcher badges); the global `fetch` unless given. */
  fetch?: typeof globalThis.fetch;
  /** Takes the membership payments; the built-in sandbox (membership/payments/sandbox.ts) unless given. */
  paymentProvider?: PaymentProvider;
  /** Where the development outbox prints messages (no SMTP configured); standard output unless given. */
  print?: (block: string) => void;
}

/** The hub's domain services, built from their dependencies; no HTTP. The CLI uses these directly. */
export function createServices(
  config: Config,
  {
    db,
    clock,
    keyEncryptionKey,
    fetch,
    logger,
    paymentProvider,
    print,
  }: Pick<AppDeps, 'db' | 'clock' | 'keyEncryptionKey' | 'fetch' | 'paymentProvider' | 'print'> &
    Partial<Pick<AppDeps, 'logger'>>,
) {
  const accounts = createAccounts({ db, clock });
  const sessions = createSessions({ db, clock, config: config.session });
  // Every sign-in (and every code issued to a service) counts the local day as active; a failure only logs.
  const activity = createActivity({
    db,
    clock,
    onError: (err, accountId) => logger?.warn({ err, accountId }, 'active day not recorded'),
  });
  sessions.onStart((accountId, q) => activity.record(accountId, q));
  const throttle = createThrottle({ db, clock, config: config.throttle });
  const securityLog = createSecurityLog({ db, clock });
  // Every admin action is audited inside its own transaction (admin/audit.ts).
  const audit = createAuditLog({ db, clock });
  const signInAttempts = createSignInAttempts({ db, throttle, securityLog, limits: config.throttle });
  const signUpLimit = createSignUpLimit({ throttle, clock, limits: config.throttle });
  const deviceTrust = createDeviceTrust({
    key: deviceCookieKey(keyEncryptionKey),
    clock,
    config: config.throttle,
  });
  const signInWithPassword = createPasswordSignIn({
    accounts,
    attempts: signInAttempts,
    securityLog,
    hasSecondFactor: (accountId) => hasPasskey(db, accountId),
  });
  const challenges = createChallenges({ db, clock });
  const recoveryCodes = createRecoveryCodes({ db, clock });
  const passkeys = createPasskeys({
    db,
    clock,
    config: config.webauthn,
    challenges,
    recoveryCodes,
    securityLog,
  });
  const stepUpCheck = createStepUpCheck({ db, clock });
  const pendingSignIns = createPendingSignIns({ db, clock });
  const setup = createSetup({
    db,
    clock,
    accounts,
    sessions,
    securityLog,
    audit,
    linkLifetimeMs: config.setupLinkMs,
  });
  const clients = createClients({ db, clock });
  // The console's and the CLI's front end to the clients: every change audited with it.
  const clientConsole = createClientConsole({ db, clock, audit });
  const keys = createKeyStore({
    db,
    clock,
    box: createSecretBox(keyEncryptionKey),
    publishAheadMs: config.oidc.jwksMaxAgeSeconds * 2 * 1000,
    maxTokenLifetimeMs: Math.max(config.oidc.accessTokenMs, config.oidc.idTokenMs),
  });
  const tokens = createTokens({ db, clock, keys, config });
  const grants = createGrants({
    db,
    clock,
    codeMs: config.oidc.codeMs,
    refreshTokenMs: config.oidc.refreshTokenMs,
    refreshTokenMaxMs: config.oidc.refreshTokenMaxMs,
  });
  const flow = createAuthorizationFlow({
    db,
    clock,
    issuer: config.issuer,
    interactionMs: config.oidc.interactionMs,
    clients,
    accounts,
    grants,
    tokens,
    recordActivity: (accountId) => activity.record(accountId),
  });
  const authenticateClient = createClientAuthenticator({
    db,
    clock,
    clients,
    audiences: [
      config.issuer,
      `${config.issuer}${OIDC_BASE}/token`,
      `${config.issuer}${OIDC_BASE}/introspect`,
      `${config.issuer}${OIDC_BASE}/revoke`,
    ],
  });
  const levels = createLevels({ db, clock });
  const membershipEntitlements = createMembershipEntitlements({ db, levels });
  // Service roles (news.editor): the `roles` claim of each service's tokens, and the console's role catalog.
  const serviceRoles = createServiceRoles({ db });
  const tokenEndpoint = createTokenEndpoint({
    clock,
    issuer: config.issuer,
    accounts,
    grants,
    tokens,
    membership: membershipEntitlements.source,
    serviceRoles: (accountId, clientId) => serviceRoles.claimFor(accountId, clientId),
  });
  const consents = createConsents({ db, clock });
  const queue = createJobQueue({ db, clock });
  // Outgoing mail, and the security notices it sends from the security log's entries (in their transactions).
  const email = createEmail({
    db,
    clock,
    queue,
    config: config.email,
    product: config.webauthn.rpName,
    box: createSecretBox(keyEncryptionKey),
    print: print ?? ((block) => process.stdout.write(block)),
  });
  securityLog.onRecord(createSecurityNotices({ email, issuer: config.issuer }));
  // Verified email and forgot password: one-time links, mailed through `email`.
  const emailTokens = createEmailTokens({ db, clock, issuer: config.issuer });
  const recoveryDeps = {
    db,
    clock,
    tokens: emailTokens,
    mail: email,
    securityLog,
    sessions,
    grants,
    throttle,
  };
  const emailVerification = createEmailVerification({ ...recoveryDeps, issuer: config.issuer });
  const passwordReset = createPasswordReset({ ...recoveryDeps, accounts });
  const membershipEvents = createMembershipEvents({ db, clock, queue, tokens, fetch });
  // What the billing core tells of every membership change, inside its transaction.
  const membershipNotifier = membershipEvents.notifier;
  const billing = createBilling({
    db,
    clock,
    queue,
    provider: paymentProvider ?? createSandboxProvider({ db, clock }),
    notifier: membershipNotifier,
    securityLog,
    graceMs: config.membership.graceMs,
  });
  // For the account export: the growth ledger, active days and preferences.
  const levelsExport = createLevelsExport({ db, levels });
  const backchannel = createBackchannelLogout({ db, clock, queue, tokens, clients, session: config.session });
  sessions.onEnd(async () => {
    await backchannel.sweep();
  });
  const accountLifecycle = createAccountLifecycle({
    db,
    clock,
    // Deleting an account ends its memberships in the same transaction and tells the services.
    memberships: createMembershipDeletion({ clock, notifier: membershipNotifier }),
    sessions,
    securityLog,
    backchannel,
    signInWithPassword,
    // The export holds the account's memberships, receipts, growth and active days too.
    membershipExport: async (accountId) => ({
      subscriptions: await billing.subscriptionsOf(accountId),
      receipts: await billing.ledger.receipts(accountId),
      levels: await levelsExport(accountId),
    }),
  });
  const serviceRegistry = createServiceRegistry({ db, clock, clients });
  /** Runs `work` in one transaction with the registry on it: a CLI write and its audit entry commit together. */
  const serviceRegistryTransaction = <T>(work: (registry: ServiceRegistry, tx: IdentityDb) => Promise<T>) =>
    db.transaction((tx) =>
      work(createServiceRegistry({ db: tx, clock, clients: createClients({ db: tx, clock }) }), tx),
    );
  const badges = createBadges({ registry: serviceRegistry, tokens, fetch });
  const accountDirectory = createAccountDirectory({ db, issuer: config.issuer, levels });
  const entitlements = createEntitlements({
    directory: accountDirectory,
    source: membershipEntitlements.source,
  });
  const tiers = createTiers({ db, clock, registry: serviceRegistry });
  const growth = createGrowth({
    db,
    clock,
    // A settlement that moves a member's VIP level tells services (`level_changed`).
    notifier: membershipNotifier,
    onError: (err, accountId) => logger?.warn({ err, accountId }, 'growth not settled'),
  });
  // Admin adjustments of an account's growth: logged for the member, told to services when a VIP level moves.
  const growthAdjustments = createGrowthAdjustments({
    db,
    clock,
    levels,
    growth,
    notifier: membershipNotifier,
    securityLog,
  });
  const preferences = createPreferences({ db, clock });
  const seedDefaultTiers = createDefaultTierSeeder({ db, clock, registry: serviceRegistry });
  // Hub roles and the roles services declare; granting and revoking is audited and told to the account.
  // Service roles are valid while a registered service's manifest declares them (services/roles.ts).
  const roles = createRoles({
    db,
    clock,
    audit,
    securityLog,
    declaredRoles: () => serviceRegistry.declaredRoles(),
  });
  // Staff's account management: the console's account list and pages, lock, and the other writes on an account.
  const accountAdministration = createAccountAdministration({
    db,
    clock,
    sessions,
    grants,
    securityLog,
    audit,
    recoveryCodes,
    passkeys,
    passwordReset,
    emailVerification,
    lifecycle: accountLifecycle,
  });
  return {
    audit,
    roles,
    accountAdministration,
    queue,
    email,
    emailVerification,
    passwordReset,
    backchannel,
    levels,
    growth,
    growthAdjustments,
    activity,
    preferences,
    levelsExport,
    membershipEntitlements,
    membershipEvents,
    membershipNotifier,
    billing,
    accounts,
    accountLifecycle,
    sessions,
    throttle,
    signInAttempts,
    signUpLimit,
    deviceTrust,
    securityLog,
    signInWithPassword,
    challenges,
    recoveryCodes,
    passkeys,
    stepUpCheck,
    pendingSignIns,
    setup,
    clients,
    clientConsole,
    keys,
    tokens,
    grants,
    flow,
    authenticateClient,
    tokenEndpoint,
    consents,
    serviceRegistry,
    serviceRegistryTransaction,
    serviceRoles,
    badges,
    accountDirectory,
    entitlements,
    tiers,
    seedDefaultTiers,
  };
}

/** Wires the hub once: domain services, then routes. Nothing here listens. */
export function createApp(config: Config, deps: AppDeps) {
  const { db, logger } = deps;
  const services = createServices(config, deps);
  const { accounts, sessions, signInWithPassword, setup } = services;
  const cookie = sessionCookie(config);
  const devices = deviceCookie(config, services.deviceTrust);
  const binding = browserBinding({ ...config, interactionMs: config.oidc.interactionMs });
  const oidc = oidcRoutes({
    db,
    clock: deps.clock,
    issuer: config.issuer,
    jwksMaxAgeSeconds: config.oidc.jwksMaxAgeSeconds,
    keys: services.keys,
    tokens: services.tokens,
    grants: services.grants,
    accounts,
    authenticateClient: services.authenticateClient,
    tokenEndpoint: services.tokenEndpoint,
    clients: services.clients,
    membership: services.membershipEntitlements.source,
    serviceRoles: (accountId, clientId) => services.serviceRoles.claimFor(accountId, clientId),
  });

  const api = new Hono<HubEnv>()
    .use(
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: () => {
          throw new AppError(413, 'request.too_large', 'The request body is larger than 1 MiB.');
        },
      }),
    )
    .use(sameOriginWrites(config.issuer))
    .use(loadSession(sessions, cookie))
    .route(
      '/',
      signInRoutes({
        db,
        clock: deps.clock,
        accounts,
        config,
        sessions,
        cookie,
        signInWithPassword,
        pendingSignIns: services.pendingSignIns,
        passkeys: services.passkeys,
        recoveryCodes: services.recoveryCodes,
        throttle: services.throttle,
        attempts: services.signInAttempts,
        deviceCookie: devices,
        securityLog: services.securityLog,
      }),
    )
    .route(
      '/',
      sessionRoutes({
        db,
        sessions,
        cookie,
        passkeys: services.passkeys,
        securityLog: services.securityLog,
        stepUpCheck: services.stepUpCheck,
      }),
    )
    .route(
      '/',
      reauthenticateRoutes({
        db,
        sessions,
        signInWithPassword,
        deviceCookie: devices,
        securityLog: services.securityLog,
      }),
    )
    .route(
      '/',
      passkeyRoutes({
        db,
        clock: deps.clock,
        passkeys: services.passkeys,
        recoveryCodes: services.recoveryCodes,
        stepUpCheck: services.stepUpCheck,
        securityLog: services.securityLog,
      }),
    )
    .route(
      '/',
      accountRoutes({
        db,
        accounts,
        sessions,
        cookie,
        signInWithPassword,
        stepUpCheck: services.stepUpCheck,
        securityLog: services.securityLog,
        signUpLimit: services.signUpLimit,
        deviceCookie: devices,
        grants: services.grants,
        emailVerification: services.emailVerification,
      }),
    )
    .route(
      '/',
      recoveryRoutes({
        emailVerification: services.emailVerification,
        passwordReset: services.passwordReset,
        cookie,
      }),
    )
    .route(
      '/',
      accountLifecycleRoutes({
        lifecycle: services.accountLifecycle,
        audit: services.audit,
        stepUpCheck: services.stepUpCheck,
        cookie,
        deviceCookie: devices,
      }),
    )
    .route(
      '/',
      adminAccountRoutes({
        clock: deps.clock,
        ...services.accountAdministration,
        stepUpCheck: services.stepUpCheck,
      }),
    )
    .route('/', securityLogRoutes({ securityLog: services.securityLog, db }))
    .route('/', emailAdminRoutes({ outbox: services.email.outbox }))
    .route('/', setupRoutes({ setup, cookie }))
    .route('/', consentApiRoutes({ flow: services.flow, clients: services.clients, binding }))
    .route('/', consentRoutes({ consents: services.consents }))
    .route('/', launcherRoutes({ registry: services.serviceRegistry, badges: services.badges }))
    .route('/', serviceRolesRoutes({ roles: services.serviceRoles }))
    .route(
      '/',
      adminServiceRoutes({
        registry: services.serviceRegistry,
        registryOn: (tx) =>
          createServiceRegistry({
            db: tx,
            clock: deps.clock,
            clients: createClients({ db: tx, clock: deps.clock }),
          }),
        stepUpCheck: services.stepUpCheck,
        audit: services.audit,
        credentialsFiles: { issuer: config.issuer, servicesDir: config.servicesDir },
      }),
    )
    .route(
      '/',
      adminRoutes({ roles: services.roles, audit: services.audit, stepUpCheck: services.stepUpCheck }),
    )
    .route(
      '/',
      adminClientRoutes({
        console: services.clientConsole,
        stepUpCheck: services.stepUpCheck,
        credentialsFiles: { issuer: config.issuer, servicesDir: config.servicesDir },
      }),
    )
    .route(
      '/',
      adminTierRoutes({ tiers: services.tiers, stepUpCheck: services.stepUpCheck, audit: services.audit }),
    )
    .route('/', publicTierRoutes({ tiers: services.tiers }))
    .route('/', subscriptionRoutes({ billing: services.billing, stepUpCheck: services.stepUpCheck }))
    .route(
      '/',
      billingAdminRoutes({
        billing: services.billing,
        stepUpCheck: services.stepUpCheck,
        audit: services.audit,
      }),
    )
    .route(
      '/',
      levelsRoutes({
        levels: services.levels,
        growth: services.growth,
        adjustments: services.growthAdjustments,
        preferences: services.preferences,
        stepUpCheck: services.stepUpCheck,
        audit: services.audit,
      }),
    )
    .all('*', () => {
      throw new AppError(404, 'route.not_found', 'No such API route.');
    });

  const app = new Hono<HubEnv>()
    .use(requestId())
    .use(requestLogging(logger))
    .use(clientAddress(config.trustProxy))
    // A NUL in the path would reach a query as a route parameter: refused before any route reads it.
    .use(refuseInvalidPathText())
    // A route may set a stricter or page-specific policy of its own (the logout confirmation does).
    .use(orbitSecureHeaders({ https: config.secureCookies }))
    .route('/', healthRoutes({ ping: deps.ping }))
    // The OpenAPI document, before `/api`'s catch-all 404 (openapi.ts).
    .route('/', openApiRoutes(config))
    // Before `/api`, whose browser session and same-origin checks are not for servers calling with a token.
    .route(
      `${SERVICE_API_BASE}/roles`,
      serviceRolesApi({
        tokens: services.tokens,
        clients: services.clients,
        issuer: config.issuer,
        roles: services.serviceRoles,
      }),
    )
    .route(
      `${SERVICE_API_BASE}/shell`,
      serviceShellApi({
        tokens: services.tokens,
        clients: services.clients,
        issuer: config.issuer,
        accounts: services.accounts,
        registry: services.serviceRegistry,
      }),
    )
    .route(
      SERVICE_API_BASE,
      serviceApiRoutes({
        tokens: services.tokens,
        clients: services.clients,
        issuer: config.issuer,
        directory: services.accountDirectory,
        entitlements: services.entitlements,
      }),
    )
    .route('/api', api)
    .get('/.well-known/openid-configuration', oidc.discovery)
    .use('/oidc/*', loadSession(sessions, cookie))
    .route(
      OIDC_BASE,
      authorizeRoutes({ flow: services.flow, clients: services.clients, issuer: config.issuer, binding }),
    )
    .route(OIDC_BASE, oidc.routes)
    .route(OIDC_BASE, logoutRoutes({ clients: services.clients, tokens: services.tokens, sessions, cookie }))
    .route('/', portalRoutes({ portalDir: config.portalDir }));

  const shared = errorHandler((error, c) =>
    ((c.get('log') as Logger | undefined) ?? logger).error({ err: error }, 'unhandled error'),
  );
  // OIDC endpoints keep the RFC 6749 `error` / `error_description` shape; everything else the one error shape.
  app.onError((error, c) =>
    error instanceof OAuthError ? c.json(error.toBody(), error.status, error.headers) : shared(error, c),
  );
  app.notFound(notFoundHandler);

  return { app, services };
}

export type HubApp = ReturnType<typeof createApp>['app'];
