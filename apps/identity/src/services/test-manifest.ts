import { defineManifest, type ManifestInput } from '@orbit/contracts';

/** For tests: a small valid icon. */
export const TEST_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="9"/></svg>';

/**
 * Mail's perks as it ships them (apps/mail/src/manifest.ts), with their values in VIP, SVIP and Mail's own tier:
 * what the default tiers grant once a manifest with them registers.
 */
export const MAIL_PERKS = [
  {
    key: 'mail.quota_mb',
    type: 'number',
    default: 1024,
    tiers: { vip: 10240, svip: 51200, plus: 5120 },
    description: 'Mailbox size in MiB',
  },
  {
    key: 'mail.attachment_mb',
    type: 'number',
    default: 10,
    tiers: { vip: 50, svip: 100, plus: 25 },
    description: 'Largest attachment in MiB',
  },
] as const satisfies ManifestInput['perks'];

/**
 * For tests: a mail service's manifest, with any field replaced (its perk is named after its id; Mail's own
 * names its VIP, SVIP and `mail-plus` values). It asks for a `<id>-plus` tier.
 */
export const testManifest = (overrides: Partial<ManifestInput> = {}) =>
  defineManifest({
    id: 'mail',
    name: 'Mail',
    names: { 'zh-CN': '邮件' },
    description: 'Mail between Orbit accounts.',
    descriptions: { 'zh-CN': 'Orbit 账号之间的邮件。' },
    icon: TEST_ICON,
    defaultPort: 4101,
    scopes: ['openid', 'profile'],
    hubScopes: ['accounts:read', 'entitlements:read'],
    perks: [
      {
        key: `${overrides.id ?? 'mail'}.quota_mb`,
        type: 'number',
        default: 1024,
        ...((overrides.id ?? 'mail') === 'mail' && { tiers: { vip: 10240, svip: 51200, plus: 5120 } }),
        description: 'Mailbox size in MiB',
      },
    ],
    plusTier: true,
    badge: true,
    ...overrides,
  });
