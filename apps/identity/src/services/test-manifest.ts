import { defineManifest, type ManifestInput } from '@orbit/contracts';

/** For tests: a small valid icon. */
export const TEST_ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="9"/></svg>';

/** For tests: a mail service's manifest, with any field replaced (its perk is named after its id). */
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
        description: 'Mailbox size in MiB',
      },
    ],
    badge: true,
    ...overrides,
  });
