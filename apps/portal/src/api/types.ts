import type { SecurityOverview } from '@orbit/contracts';

/**
 * What the portal reads from the hub, by the names its pages use: every shape is the hub's own declaration in
 * `@orbit/contracts`, so the hub, the portal and the OpenAPI document can't drift apart.
 */
export type {
  AccountView as Account,
  AdminServiceView as AdminService,
  ClientView as ServiceClient,
  ConsentView as Consent,
  DeclaredRole as ServiceRole,
  InteractionView as Interaction,
  LauncherEntry as LauncherService,
  PasskeyView as Passkey,
  Permission,
  SecurityEventView as SecurityEvent,
  SecurityLogPage,
  SecurityOverview,
  ServicePerk,
  ServiceRotation,
  SessionView as Session,
} from '@orbit/contracts';

/** A recovery code was used to sign in: when, and from where. Shown until the owner dismisses it. */
export type RecoveryNotice = NonNullable<SecurityOverview['recoveryNotice']>;
