/** An Orbit account as the hub shows it to its owner. */
export interface Account {
  id: string;
  /** 5–10 digits, like a QQ number; one of the three ways to sign in. */
  accountNumber: string;
  handle: string;
  displayName: string;
  email: string | null;
  bio: string;
  avatarUrl: string | null;
  role: 'user' | 'admin';
  createdAt: string;
}

/** One signed-in browser or device. */
export interface Session {
  id: string;
  current: boolean;
  device: string;
  userAgent: string;
  ip: string | null;
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
  /** A disabled service is gone from the launcher, and its client can neither sign users in nor get tokens. */
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
  client: ServiceClient;
}
