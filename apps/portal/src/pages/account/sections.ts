import type { Account, SecurityOverview } from '../../api/types';

/** The account center's sections, in the order the navigation lists them. */
export const ACCOUNT_SECTIONS = [
  'overview',
  'profile',
  'security',
  'sessions',
  'apps',
  'privacy',
  'membership',
] as const;
export type AccountSection = (typeof ACCOUNT_SECTIONS)[number];

export const ACCOUNT_PATH = '/account';

/** A section's own address: `/account` for the overview, `/account/<section>` for the others. */
export const sectionPath = (section: AccountSection): string =>
  section === 'overview' ? ACCOUNT_PATH : `${ACCOUNT_PATH}/${section}`;

const isSection = (value: string): value is AccountSection =>
  (ACCOUNT_SECTIONS as readonly string[]).includes(value);

/**
 * The section a path shows: `/account` and `/account/` are the overview, `/account/security/anything` is security;
 * null for a path outside the account center or an unknown section (the router shows "not found").
 */
export function sectionOf(pathname: string): AccountSection | null {
  const parts = pathname.split('/').filter(Boolean);
  if (parts[0] !== 'account') return null;
  if (parts.length === 1) return 'overview';
  const section = parts[1] ?? '';
  return section !== 'overview' && isSection(section) ? section : null;
}

/**
 * Where an old one-page link lands (`/account#passkeys`, from before the sections): the section that now holds
 * that part, with the part's own anchor kept when it has one. Null for an unknown or empty fragment.
 */
export function legacyTarget(hash: string): string | null {
  const fragment = hash.replace(/^#/, '').toLowerCase();
  if (!Object.hasOwn(LEGACY_FRAGMENTS, fragment)) return null;
  const section = LEGACY_FRAGMENTS[fragment] as AccountSection;
  return sectionPath(section) + (ANCHORS.has(fragment) ? `#${fragment}` : '');
}

const LEGACY_FRAGMENTS: Readonly<Record<string, AccountSection>> = {
  profile: 'profile',
  email: 'profile',
  avatar: 'profile',
  language: 'profile',
  'time-zone': 'profile',
  security: 'security',
  password: 'security',
  passkeys: 'security',
  'recovery-codes': 'security',
  'security-log': 'security',
  sessions: 'sessions',
  devices: 'sessions',
  apps: 'apps',
  'connected-apps': 'apps',
  consents: 'apps',
  privacy: 'privacy',
  data: 'privacy',
  export: 'privacy',
  delete: 'privacy',
  badges: 'privacy',
  membership: 'membership',
};

/** Parts of a section that have an anchor of their own (a card's `id`), so a link can point at them. */
export const ANCHORS = new Set([
  'email',
  'language',
  'password',
  'passkeys',
  'recovery-codes',
  'security-log',
  'badges',
  'discoverability',
  'export',
  'delete',
]);

/** Few enough recovery codes left to suggest new ones (the same threshold as the recovery-codes panel). */
export const LOW_RECOVERY_CODES = 3;

export type AttentionKind = 'no-passkey' | 'no-email' | 'email-unverified' | 'recovery-codes-low';

export interface Attention {
  kind: AttentionKind;
  /** Where to fix it. */
  to: string;
  /** For the wording: the address to confirm, or the recovery codes left. */
  email?: string;
  count?: number;
}

/**
 * What the overview asks the owner to do, most important first: add a passkey, add or confirm an email address
 * (the only way back in after a forgotten password), make new recovery codes when few are left. `security` is
 * null while it loads (nothing about passkeys is claimed then).
 */
export function attentionItems(
  account: Pick<Account, 'email' | 'emailVerified' | 'pendingEmail'>,
  security: Pick<SecurityOverview, 'passkeyProtection' | 'recoveryCodes'> | null,
): Attention[] {
  const items: Attention[] = [];
  if (security && !security.passkeyProtection) {
    items.push({ kind: 'no-passkey', to: `${sectionPath('security')}#passkeys` });
  }
  const waiting = account.pendingEmail ?? (account.email && !account.emailVerified ? account.email : null);
  if (waiting) {
    items.push({ kind: 'email-unverified', to: `${sectionPath('profile')}#email`, email: waiting });
  } else if (!account.email) {
    items.push({ kind: 'no-email', to: `${sectionPath('profile')}#email` });
  }
  if (security?.passkeyProtection && security.recoveryCodes.remaining <= LOW_RECOVERY_CODES) {
    items.push({
      kind: 'recovery-codes-low',
      to: `${sectionPath('security')}#recovery-codes`,
      count: security.recoveryCodes.remaining,
    });
  }
  return items;
}
