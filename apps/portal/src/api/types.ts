import type { Language } from '@orbit/ui/i18n';

/** Services, security logs and consents: the hub's own declarations (`@orbit/contracts`). */
export type {
  AdminServiceView as AdminService,
  ClientView as ServiceClient,
  ConsentView as Consent,
  DeclaredRole as ServiceRole,
  LauncherEntry as LauncherService,
  SecurityEventView as SecurityEvent,
  SecurityLogPage,
  ServicePerk,
  ServiceRotation,
} from '@orbit/contracts';

/** An Orbit account as the hub shows it to its owner. */
export interface Account {
  id: string;
  /** 5–10 digits, like a QQ number; one of the three ways to sign in. */
  accountNumber: string;
  handle: string;
  displayName: string;
  email: string | null;
  /** Whether the owner confirmed `email` through the link sent to it; only a verified address signs in. */
  emailVerified: boolean;
  /** An address waiting for its verification link; it replaces `email` once verified. */
  pendingEmail: string | null;
  bio: string;
  avatarUrl: string | null;
  /** The account's roles, sorted: hub roles (`admin`, `support`) and service roles (`news.editor`). */
  roles: string[];
  /** The language the hub writes mail to the account in. */
  locale: Language;
  createdAt: string;
}

/**
 * What a staff member may do in the admin console (the hub's `admin/permissions.ts`); `GET /api/session` answers
 * the signed-in account's. The hub checks again on every request: these only decide what the portal shows.
 */
export type Permission =
  | 'accounts:read'
  | 'accounts:unlock'
  | 'accounts:resend-verification'
  | 'accounts:write'
  | 'accounts:delete'
  | 'roles:write'
  | 'membership:write'
  | 'services:write'
  | 'clients:write'
  | 'audit:read'
  | 'outbox:read'
  | 'tiers:write';

/** One signed-in browser or device. */
export interface Session {
  id: string;
  current: boolean;
  device: string;
  userAgent: string;
  ip: string | null;
  /** RFC 8176 `amr` values: how the session was authenticated (`pwd`, `hwk`, `swk`, `user`, `otp`, `mfa`). */
  authMethods: string[];
  /** `urn:orbit:acr:passkey` once the session made a passkey assertion, else `urn:orbit:acr:password`. */
  acr: string;
  authTime: string | null;
  /** When the session last made a passkey assertion (sign-in or step-up). */
  passkeyAt: string | null;
  /** Until when the last step-up lets this session do sensitive actions; null when there is none. */
  stepUpExpiresAt: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** An application's pending request to use the account, as the consent page shows it. */
export interface Interaction {
  client: {
    id: string;
    name: string;
    /** Where the browser goes back to after the answer, e.g. `https://chat.example.com`. */
    redirectOrigin: string;
  };
  /** The OAuth scopes asked for, e.g. `openid profile email`. */
  scopes: string[];
}

/** One of the account's passkeys (WebAuthn credentials), as `GET /api/me/security` lists it. */
export interface Passkey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  deviceType: 'singleDevice' | 'multiDevice';
  /** Backed up to a password manager or cloud keychain: usable on the owner's other devices. */
  backedUp: boolean;
  synced: boolean;
  /** How the browser can reach it: `internal`, `hybrid`, `usb`, `nfc`, `ble`… */
  transports: string[];
  aaguid: string;
}

/** A recovery code was used to sign in: when, and from where. Shown until the owner dismisses it. */
export interface RecoveryNotice {
  usedAt: string;
  ip: string | null;
  device: string;
}

/** The account's passkey protection, its passkeys and recovery codes (`GET /api/me/security`). */
export interface SecurityOverview {
  /** On as soon as the account has a passkey: a password alone no longer signs in. */
  passkeyProtection: boolean;
  passkeys: Passkey[];
  recoveryCodes: { remaining: number; generatedAt: string | null };
  recoveryNotice: RecoveryNotice | null;
  /** What a passkey added from this browser without a name is called ("Chrome on Linux"). */
  suggestedPasskeyName?: string;
}
