import type { AdminService } from '../../api/types';

/** A service as `GET /api/admin/services` answers it (Mail, registered at its default origin), for tests. */
export function adminService(overrides: Partial<AdminService> = {}): AdminService {
  const id = overrides.id ?? 'mail';
  const origin = overrides.origin ?? 'http://localhost:4101';
  return {
    id,
    name: 'Mail',
    names: { 'zh-CN': '邮件' },
    description: 'Mail between Orbit accounts.',
    descriptions: {},
    origin,
    homeUrl: `${origin}/`,
    badgeUrl: `${origin}/orbit/badge`,
    perks: [{ key: `${id}.quota_mb`, type: 'number', default: 1024, description: 'Mailbox size in MiB' }],
    roles: [],
    disabled: false,
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-02T10:30:00.000Z',
    client: {
      clientId: id,
      name: 'Mail',
      type: 'confidential',
      tokenEndpointAuthMethod: 'client_secret_basic',
      redirectUris: [`${origin}/auth/callback`],
      postLogoutRedirectUris: [`${origin}/`],
      backchannelLogoutUri: `${origin}/auth/backchannel-logout`,
      grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
      scopes: ['openid', 'profile', 'accounts:read'],
      firstParty: true,
      idTokenSignedResponseAlg: 'EdDSA',
      accessTokenSignedResponseAlg: 'RS256',
      disabled: overrides.disabled ?? false,
      createdAt: '2026-03-01T09:00:00.000Z',
    },
    ...overrides,
  };
}
