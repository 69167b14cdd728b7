import { ApiError } from '@orbit/ui/api';
import type { AdminService } from '../../api/types';

/** What an admin can do to a service from the console; each one asks for confirmation first. */
export type ServiceAction = 'disable' | 'enable' | 'rotate-secret';

export type ServiceStatus = 'enabled' | 'disabled';

export const serviceStatus = (service: Pick<AdminService, 'disabled'>): ServiceStatus =>
  service.disabled ? 'disabled' : 'enabled';

/** The one of Disable / Enable that applies to the service now. */
export const toggleActionFor = (service: Pick<AdminService, 'disabled'>): 'disable' | 'enable' =>
  service.disabled ? 'enable' : 'disable';

/** Whether the hub refused because the signed-in account is not (or no longer) an admin. */
export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403 && error.code === 'auth.forbidden';
}

/** A client setting the details view shows, by its translation key under `admin.services.settings`. */
export type SettingKey =
  | 'redirectUris'
  | 'postLogoutRedirectUris'
  | 'backchannelLogoutUri'
  | 'badgeUrl'
  | 'scopes'
  | 'grantTypes'
  | 'tokenEndpointAuthMethod';

/**
 * One row of the details view: a setting and its values, an empty list meaning "none". The values are URIs and
 * identifiers matched exactly by the hub, so they are shown as they are, never translated.
 */
export interface Setting {
  key: SettingKey;
  values: string[];
}

/**
 * The settings of a service's OpenID Connect client an admin checks when something fails: where it may send
 * users back, where it is told of sign-outs, what it may ask for and how it authenticates.
 */
export function clientSettings(service: AdminService): Setting[] {
  const { client } = service;
  const rows: [SettingKey, string[]][] = [
    ['redirectUris', client.redirectUris],
    ['postLogoutRedirectUris', client.postLogoutRedirectUris],
    ['backchannelLogoutUri', client.backchannelLogoutUri ? [client.backchannelLogoutUri] : []],
    ['badgeUrl', service.badgeUrl ? [service.badgeUrl] : []],
    ['scopes', client.scopes],
    ['grantTypes', client.grantTypes],
    ['tokenEndpointAuthMethod', [client.tokenEndpointAuthMethod]],
  ];
  return rows.map(([key, values]) => ({ key, values }));
}

/** Where `npm start` keeps a service's credentials, from the repository root (`<ORBIT_DATA_DIR>` by default). */
export const credentialsFileOf = (serviceId: string): string => `.orbit/data/services/${serviceId}.json`;

/** The hub CLI's command that rotates the secret and rewrites the credentials file in one step. */
export const rotateCommandOf = (serviceId: string): string =>
  `npm run orbit -- services:rotate-secret ${serviceId}`;
