import { defineManifest } from '@orbit/contracts';

/**
 * How this service declares itself to the Orbit hub (docs/services.md). `npm start` registers the built copy,
 * `dist/manifest.js`, with the hub: its OIDC client, and its tile in the portal's launcher.
 */
export const manifest = defineManifest({
  id: '__SERVICE_ID__',
  name: '__SERVICE_NAME__',
  description: 'Notes that only their author can read.',
  icon: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect x="4" y="3" width="16" height="18" rx="3" fill="#0f766e"/><path d="M8 9h8M8 13h8M8 17h5" stroke="#fff" stroke-width="2" stroke-linecap="round"/></svg>',
  defaultPort: __SERVICE_PORT__,
  // What it asks users for at sign-in, and what it may call the hub's service API with.
  scopes: ['openid', 'profile'],
  hubScopes: ['accounts:read', 'accounts:locale'],
  perks: [],
  // Roles admins may grant in this service at the hub (granted as `__SERVICE_ID__.moderator`); the SDK's
  // `requireRole('moderator')` guards what needs one.
  roles: [
    {
      name: 'moderator',
      label: { en: 'Moderator', 'zh-CN': '版主' },
      description: {
        en: 'Sees how many notes there are across all accounts, never what they say.',
        'zh-CN': '可以查看所有账号的笔记数量，但看不到笔记内容。',
      },
    },
  ],
  badge: false,
  // The API other services may call (`/api/service/notes`, guarded by `requireBearer`), and the services this
  // one calls: add `{ service: 'mail', scopes: ['mail:send'] }` to `calls` to call Mail (README, "Calling
  // another service").
  api: {
    offers: [
      {
        scope: '__SERVICE_ID__:read',
        description: {
          en: 'Read the notes of the user it acts for; as itself, only how many notes there are.',
          'zh-CN': '读取其所代表用户的笔记；以服务自身身份调用时，只能查看笔记数量。',
        },
      },
    ],
    calls: [],
  },
});
