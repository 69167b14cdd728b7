import { ApiError } from '@orbit/ui/api';
import { describe, expect, it } from 'vitest';
import {
  clientSettings,
  credentialsFileOf,
  isForbidden,
  rotateCommandOf,
  serviceStatus,
  toggleActionFor,
} from './services';
import { adminService } from './test-service';

describe('a service’s status and the action that toggles it', () => {
  it('offers Disable for an enabled service and Enable for a disabled one', () => {
    expect(serviceStatus(adminService())).toBe('enabled');
    expect(toggleActionFor(adminService())).toBe('disable');
    expect(serviceStatus(adminService({ disabled: true }))).toBe('disabled');
    expect(toggleActionFor(adminService({ disabled: true }))).toBe('enable');
  });
});

describe('isForbidden', () => {
  it('recognises the hub refusing a non-admin', () => {
    expect(isForbidden(new ApiError(403, 'auth.forbidden', 'Only an admin may do this.'))).toBe(true);
  });

  it('leaves other refusals to the error message', () => {
    expect(isForbidden(new ApiError(403, 'csrf.token_invalid', 'x'))).toBe(false);
    expect(isForbidden(new ApiError(401, 'session.required', 'x'))).toBe(false);
    expect(isForbidden(new Error('auth.forbidden'))).toBe(false);
  });
});

describe('clientSettings', () => {
  it('lists the client’s URIs, scopes, grants and authentication, in that order', () => {
    expect(clientSettings(adminService())).toEqual([
      { key: 'redirectUris', values: ['http://localhost:4101/auth/callback'] },
      { key: 'postLogoutRedirectUris', values: ['http://localhost:4101/'] },
      { key: 'backchannelLogoutUri', values: ['http://localhost:4101/auth/backchannel-logout'] },
      { key: 'badgeUrl', values: ['http://localhost:4101/orbit/badge'] },
      { key: 'scopes', values: ['openid', 'profile', 'accounts:read'] },
      { key: 'grantTypes', values: ['authorization_code', 'refresh_token', 'client_credentials'] },
      { key: 'tokenEndpointAuthMethod', values: ['client_secret_basic'] },
    ]);
  });

  it('keeps a setting the service does not use, with no values', () => {
    const service = adminService({ badgeUrl: null });
    service.client.backchannelLogoutUri = null;
    const settings = clientSettings(service);
    expect(settings.find((s) => s.key === 'backchannelLogoutUri')).toEqual({
      key: 'backchannelLogoutUri',
      values: [],
    });
    expect(settings.find((s) => s.key === 'badgeUrl')?.values).toEqual([]);
  });
});

describe('what to do with a rotated secret', () => {
  it('names the credentials file npm start keeps, and the command that rotates and writes it', () => {
    expect(credentialsFileOf('team-notes')).toBe('.orbit/data/services/team-notes.json');
    expect(rotateCommandOf('team-notes')).toBe('npm run orbit -- services:rotate-secret team-notes');
  });
});
