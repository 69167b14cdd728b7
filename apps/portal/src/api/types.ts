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
