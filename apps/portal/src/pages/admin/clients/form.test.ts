import { ApiError } from '@orbit/ui/api';
import { describe, expect, it } from 'vitest';
import type { AdminClient } from '../../../api/admin-clients';
import { filtersFromSearch, searchOfClientFilters } from './filters';
import {
  clientChangesOf,
  clientFormOf,
  emptyClientForm,
  fieldProblemsOf,
  jwksOf,
  linesOf,
  newClientOf,
  toggled,
  validGrace,
} from './form';

const client: AdminClient = {
  clientId: 'reports',
  name: 'Reports',
  type: 'confidential',
  tokenEndpointAuthMethod: 'client_secret_basic',
  redirectUris: ['https://reports.example/cb'],
  postLogoutRedirectUris: [],
  backchannelLogoutUri: 'https://reports.example/logout',
  grantTypes: ['authorization_code', 'refresh_token'],
  scopes: ['openid', 'profile'],
  firstParty: false,
  idTokenSignedResponseAlg: 'RS256',
  accessTokenSignedResponseAlg: 'RS256',
  disabled: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  disabledAt: null,
  service: null,
  usesSecret: true,
  secrets: [{ createdAt: '2026-01-01T00:00:00.000Z', expiresAt: null }],
  hasJwks: false,
};

describe('the client form', () => {
  it('reads one URI a line, ignoring blank lines and spaces', () => {
    expect(linesOf(' https://a.example/cb \r\n\n https://b.example/cb\n  ')).toEqual([
      'https://a.example/cb',
      'https://b.example/cb',
    ]);
  });

  it('builds a new registration from what was typed; a public client authenticates with none', () => {
    const built = newClientOf({
      ...emptyClientForm(),
      id: ' my-app ',
      name: ' My app ',
      type: 'public',
      redirectUris: 'http://localhost:5000/cb',
    });
    expect(built).toEqual({
      ok: true,
      value: {
        id: 'my-app',
        name: 'My app',
        type: 'public',
        tokenEndpointAuthMethod: 'none',
        redirectUris: ['http://localhost:5000/cb'],
        postLogoutRedirectUris: [],
        grantTypes: ['authorization_code', 'refresh_token'],
        scopes: ['openid', 'profile', 'email', 'offline_access'],
        firstParty: false,
        idTokenSignedResponseAlg: 'RS256',
        accessTokenSignedResponseAlg: 'RS256',
      },
    });
  });

  it('accepts a JWK set or one JWK, and refuses anything else before sending', () => {
    expect(jwksOf('')).toBeUndefined();
    expect(jwksOf('{"kty":"EC","x":"1"}')).toEqual({ keys: [{ kty: 'EC', x: '1' }] });
    expect(jwksOf('{"keys":[{"kty":"RSA"}]}')).toEqual({ keys: [{ kty: 'RSA' }] });
    for (const bad of ['{', '[]', '{"keys":[]}', '{"keys":[1]}', '"x"']) expect(jwksOf(bad)).toBeNull();
    expect(newClientOf({ ...emptyClientForm(), name: 'x', jwks: '{' })).toEqual({ ok: false, field: 'jwks' });
  });

  it('sends only what changed in an edit; an emptied back-channel URI is removed (null)', () => {
    const form = clientFormOf(client);
    expect(clientChangesOf(client, form)).toEqual({ ok: true, value: {} });
    const edited = {
      ...form,
      name: 'Monthly reports',
      backchannelLogoutUri: '  ',
      scopes: [...form.scopes].reverse(),
      grantTypes: toggled(form.grantTypes, 'client_credentials', true, [
        'authorization_code',
        'refresh_token',
        'client_credentials',
      ] as const),
      accessTokenSignedResponseAlg: 'ES256' as const,
    };
    expect(clientChangesOf(client, edited)).toEqual({
      ok: true,
      value: {
        name: 'Monthly reports',
        backchannelLogoutUri: null,
        grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
        accessTokenSignedResponseAlg: 'ES256',
      },
    });
  });

  it('puts the hub’s problems beside their fields, with the line of a URI list', () => {
    const error = new ApiError(400, 'client.invalid', 'The client registration is not valid.', [
      { path: 'redirectUris.1', message: 'must be an absolute https URL' },
      { path: 'name', message: 'Too small' },
      { path: '(body)', message: 'ignored' },
    ]);
    expect(fieldProblemsOf(error)).toEqual([
      { field: 'redirectUris', line: 2, message: 'must be an absolute https URL' },
      { field: 'name', message: 'Too small' },
    ]);
    expect(fieldProblemsOf(new Error('x'))).toEqual([]);
  });

  it('takes a grace of whole hours from 0 to 720', () => {
    for (const ok of ['0', '24', ' 720 ']) expect(validGrace(ok, 720)).toBe(true);
    for (const bad of ['', '-1', '721', '1.5', 'abc', '1000']) expect(validGrace(bad, 720)).toBe(false);
  });

  it('keeps the list filters in the address, dropping unknown values', () => {
    const filters = filtersFromSearch(new URLSearchParams('q=mail&status=gone&kind=service'));
    expect(filters).toEqual({ q: 'mail', status: '', kind: 'service' });
    expect(searchOfClientFilters(filters).toString()).toBe('q=mail&kind=service');
  });
});
