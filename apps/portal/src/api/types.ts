import type { Language } from '@orbit/ui/i18n';

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

/** An application the account allowed to use it (a "connected app"). */
export interface Consent {
  clientId: string;
  clientName: string;
  scopes: string[];
  grantedAt: string;
}

/** A service the launcher offers: an enabled Orbit service, as `GET /api/services` lists it. */
export interface LauncherService {
  id: string;
  name: string;
  /** The name in other languages, by BCP 47 tag (`zh-CN`). */
  names: Record<string, string>;
  description: string;
  descriptions: Record<string, string>;
  iconUrl: string;
  /** Opening it signs the reader in to the service through the hub, no password asked. */
  homeUrl: string;
  /** Whether it reports a count (unread mail…) at `GET /api/services/:id/badge`. */
  badge: boolean;
}

/** A perk a service reads (membership tiers set it); declared in its manifest. */
export interface ServicePerk {
  key: string;
  type: 'boolean' | 'number';
  default: boolean | number;
  description: string;
}

/** A service's OpenID Connect client, as `GET /api/admin/services` shows it (never its secret). */
export interface ServiceClient {
  clientId: string;
  name: string;
  type: 'confidential' | 'public';
  tokenEndpointAuthMethod: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri: string | null;
  grantTypes: string[];
  scopes: string[];
  firstParty: boolean;
  idTokenSignedResponseAlg: string;
  disabled: boolean;
  createdAt: string;
}

/** A registered service as an admin sees it: its launcher entry, its client, and whether it is disabled. */
/** A service's new client secret (`POST /api/admin/services/:id/rotate-secret`), answered this once. */
export interface ServiceRotation {
  clientSecret: string;
  /** When the replaced secret stops working; null when it stopped at once. */
  previousSecretExpiresAt: string | null;
  /** The service's credentials file the hub wrote the new secret to; null when it has none the hub wrote. */
  credentialsFile: string | null;
}

/** A role a service's manifest declares (docs/services.md, "Roles"), as `GET /api/admin/services` lists it. */
export interface ServiceRole {
  /** `<serviceId>.<name>`, e.g. `news.editor`. */
  role: string;
  serviceId: string;
  name: string;
  label: { en: string; 'zh-CN': string };
  description: { en: string; 'zh-CN': string } | null;
}

export interface AdminService {
  id: string;
  name: string;
  names: Record<string, string>;
  description: string;
  descriptions: Record<string, string>;
  origin: string;
  homeUrl: string;
  badgeUrl: string | null;
  perks: ServicePerk[];
  /** The roles its manifest declares; admins grant them on accounts. */
  roles: ServiceRole[];
  /** A disabled service is gone from the launcher, and its client can neither sign users in nor get tokens. */
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
  client: ServiceClient;
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

/** One entry of an account's security log. `details` depends on `type` (docs/passkeys.md). */
export interface SecurityEvent {
  id: number;
  type: string;
  createdAt: string;
  ip: string | null;
  device: string;
  userAgent: string;
  details: Record<string, unknown>;
}

/** A page of the security log, newest first; `nextBefore` asks for the next (older) page, null at the end. */
export interface SecurityLogPage {
  events: SecurityEvent[];
  nextBefore: number | null;
}

/** An account as the admin search lists it. */
export interface AdminAccount {
  id: string;
  accountNumber: string;
  handle: string;
  displayName: string;
  email: string | null;
  role: 'user' | 'admin';
  createdAt: string;
  passkeyCount: number;
}
