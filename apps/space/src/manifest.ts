import { defineManifest } from '@orbit/contracts';

/** Orbit Space, a Qzone-style personal space, as it declares itself to the hub (docs/services.md). */
export const manifest = defineManifest({
  id: 'space',
  name: 'Space',
  names: { 'zh-CN': '空间' },
  description: 'Your own space: posts, moments and photo albums, seen only by whom you choose.',
  descriptions: { 'zh-CN': '你的个人空间：日志、说说和相册，只给你选定的人看。' },
  icon: [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48">',
    '<rect width="48" height="48" rx="12" fill="#f59e0b"/>',
    '<path d="M24 10l4.1 8.4 9.2 1.3-6.7 6.5 1.6 9.2L24 31l-8.2 4.4 1.6-9.2-6.7-6.5 9.2-1.3z" fill="#fff"/>',
    '</svg>',
  ].join(''),
  defaultPort: 4102,
  // `membership`: tiers and Space's perks come in the ID token too (the API reads them live).
  scopes: ['openid', 'profile', 'membership'],
  // Profiles for names and avatars, perks, the social graph (audiences, timeline) and the bell.
  hubScopes: ['accounts:read', 'accounts:locale', 'entitlements:read', 'social:read', 'notifications:write'],
  // What VIP and SVIP grant here: the hub's default tiers take these at registration, unless an admin has
  // changed that perk on that tier (docs/services.md, "Perks and tier defaults").
  perks: [
    {
      key: 'space.hide_footprints',
      type: 'boolean',
      default: false,
      tiers: { vip: true, svip: true },
      description: 'Visit spaces without appearing in their visitor logs',
    },
    {
      key: 'space.themes',
      type: 'number',
      default: 2,
      tiers: { vip: 6, svip: 8 },
      description: 'How many of Space’s themes the member may use (the first two are free)',
    },
    {
      key: 'space.storage_mb',
      type: 'number',
      default: 1024,
      tiers: { vip: 10240, svip: 51200 },
      description: 'Photo storage, in MiB',
    },
  ],
  // Granted by Orbit admins at the hub (as `space.moderator`): reviews reported posts and comments until customer
  // care takes reports over.
  roles: [
    {
      name: 'moderator',
      label: { en: 'Space moderator', 'zh-CN': '空间管理员' },
      description: {
        en: 'Sees reported posts, moments and comments, and resolves or dismisses the reports.',
        'zh-CN': '查看被举报的日志、说说和评论，并处理或驳回举报。',
      },
    },
  ],
  badge: false,
  // Other services share into Space on a user's behalf (a game score, a news story): `space:share`.
  api: {
    offers: [
      {
        scope: 'space:share',
        description: {
          en: 'Post a moment to the space of the user it acts for, with the audience that user chooses.',
          'zh-CN': '以所代表用户的身份在其空间发布说说，可见范围由该用户选择。',
        },
      },
      {
        scope: 'space:read',
        description: {
          en: 'Read what the user it acts for may see in Space.',
          'zh-CN': '读取所代表用户在空间中可以看到的内容。',
        },
      },
    ],
    calls: [],
  },
});
