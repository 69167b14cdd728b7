import { defineManifest } from '@orbit/contracts';

/** Orbit Mail, as it declares itself to the hub (see docs/services.md). */
export const manifest = defineManifest({
  id: 'mail',
  name: 'Mail',
  names: { 'zh-CN': '邮箱' },
  description: 'Mail between Orbit accounts: write to anyone by account number or handle.',
  descriptions: { 'zh-CN': 'Orbit 账号之间的邮件：按账号或用户名发信。' },
  icon: [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48">',
    '<rect width="48" height="48" rx="12" fill="#2563eb"/>',
    '<rect x="10" y="14" width="28" height="20" rx="3" fill="#fff"/>',
    '<path d="M11 16l13 10 13-10" fill="none" stroke="#2563eb" stroke-width="2.5" stroke-linejoin="round"/>',
    '</svg>',
  ].join(''),
  defaultPort: 4101,
  // `membership`: the user's tiers and Mail's perks come in the ID token too (the API reads them live).
  scopes: ['openid', 'profile', 'membership'],
  hubScopes: ['accounts:read', 'accounts:locale', 'entitlements:read'],
  // What VIP, SVIP and Mail's own `mail-plus` tier grant: the hub's default tiers take these at registration,
  // unless an admin has changed the perk on that tier (docs/services.md, "Perks and tier defaults").
  perks: [
    {
      key: 'mail.quota_mb',
      type: 'number',
      default: 1024,
      tiers: { vip: 10240, svip: 51200, plus: 5120 },
      description: 'Mailbox size, in MiB',
    },
    {
      key: 'mail.attachment_mb',
      type: 'number',
      default: 10,
      tiers: { vip: 50, svip: 100, plus: 25 },
      description: 'Largest attachment, in MiB',
    },
  ],
  plusTier: true,
  badge: true,
  paths: { postLogout: '/signed-out' },
});
