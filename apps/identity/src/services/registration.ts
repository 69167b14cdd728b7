/** From a manifest and an origin to what the hub registers: the OIDC client settings and the launcher entry. */
import { isDeepStrictEqual } from 'node:util';
import {
  defaultOrigin,
  manifestSchema,
  type ResolvedManifest,
  resolveManifest,
  type ServiceManifest,
} from '@orbit/contracts';
import { AppError } from '../http/errors.js';
import { zodProblems } from '../http/validate.js';
import type { ClientInput, ClientRow, GrantType } from '../oidc/index.js';
import type { ServiceRow } from './schema.js';

/** Every service may sign users in, refresh, and call the hub's service API with its own token. */
const SERVICE_GRANTS: GrantType[] = ['authorization_code', 'refresh_token', 'client_credentials'];

const isLoopback = (host: string) => host === 'localhost' || host === '127.0.0.1' || host === '[::1]';

function parseManifest(input: unknown): ServiceManifest {
  const parsed = manifestSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError(
      400,
      'service.invalid_manifest',
      'The service manifest is not valid.',
      zodProblems(parsed.error),
    );
  }
  return parsed.data;
}

/** The origin must be one the OIDC client registry accepts redirect URIs on: https, or http on loopback. */
function resolveAt(manifest: ServiceManifest, origin: string | undefined): ResolvedManifest {
  let resolved: ResolvedManifest;
  try {
    resolved = resolveManifest(manifest, origin ?? defaultOrigin(manifest));
  } catch (error) {
    throw new AppError(400, 'service.invalid_origin', (error as Error).message);
  }
  const url = new URL(resolved.origin);
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new AppError(
      400,
      'service.invalid_origin',
      `Invalid service origin "${resolved.origin}": use https (plain http only on localhost).`,
    );
  }
  return resolved;
}

/** The client a manifest asks for (RFC 7591 metadata, in the registry's input shape). */
function clientSettingsFor(manifest: ServiceManifest, resolved: ResolvedManifest) {
  return {
    name: manifest.name,
    tokenEndpointAuthMethod: 'client_secret_basic',
    redirectUris: resolved.redirectUris,
    postLogoutRedirectUris: resolved.postLogoutRedirectUris,
    backchannelLogoutUri: resolved.backchannelLogoutUri,
    grantTypes: SERVICE_GRANTS,
    scopes: [...manifest.scopes, ...manifest.hubScopes],
    firstParty: true,
  } satisfies Omit<ClientInput, 'id' | 'type'>;
}

export type ClientSettings = ReturnType<typeof clientSettingsFor>;

function entryFor(manifest: ServiceManifest, resolved: ResolvedManifest) {
  return {
    name: manifest.name,
    names: manifest.names,
    description: manifest.description,
    descriptions: manifest.descriptions,
    iconSvg: manifest.icon,
    origin: resolved.origin,
    homeUrl: resolved.homeUrl,
    badgeUrl: resolved.badgeUrl,
    perks: manifest.perks,
    manifest,
  };
}

/** Whether the client already has what the manifest asks for (an admin may have changed it by hand). */
export const clientMatches = (client: ClientRow, settings: ClientSettings) =>
  client.type === 'confidential' &&
  client.name === settings.name &&
  client.tokenEndpointAuthMethod === settings.tokenEndpointAuthMethod &&
  isDeepStrictEqual(client.redirectUris, settings.redirectUris) &&
  isDeepStrictEqual(client.postLogoutRedirectUris, settings.postLogoutRedirectUris) &&
  client.backchannelLogoutUri === settings.backchannelLogoutUri &&
  isDeepStrictEqual(client.grantTypes, settings.grantTypes) &&
  isDeepStrictEqual(client.scopes, settings.scopes) &&
  client.firstParty === settings.firstParty;

/** Whether the launcher entry already says what the manifest says. */
export const entryMatches = (row: ServiceRow, entry: ReturnType<typeof entryFor>) =>
  (Object.keys(entry) as (keyof typeof entry)[]).every((key) => isDeepStrictEqual(row[key], entry[key]));

/**
 * What registering a manifest at an origin means: the validated manifest, the OIDC client it needs and its
 * launcher entry. Bad input is a 400: `service.invalid_manifest` (listing each problem) or
 * `service.invalid_origin`.
 */
export function planRegistration(input: unknown, origin: string | undefined) {
  const manifest = parseManifest(input);
  const resolved = resolveAt(manifest, origin);
  return {
    manifest,
    settings: clientSettingsFor(manifest, resolved),
    entry: entryFor(manifest, resolved),
  };
}
