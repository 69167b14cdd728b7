import { ApiError } from '@orbit/ui/api';
import {
  type AdminClient,
  type AuthMethod,
  CLIENT_SCOPES,
  type ClientChanges,
  type ClientScope,
  type GrantType,
  type NewClient,
  type SigningAlgorithm,
} from '../../../api/admin-clients';

/** The client form as typed: URI lists one per line, the public keys as JSON text. */
export interface ClientFormValues {
  id: string;
  name: string;
  type: 'confidential' | 'public';
  tokenEndpointAuthMethod: AuthMethod;
  redirectUris: string;
  postLogoutRedirectUris: string;
  backchannelLogoutUri: string;
  grantTypes: GrantType[];
  scopes: ClientScope[];
  firstParty: boolean;
  idTokenSignedResponseAlg: SigningAlgorithm;
  accessTokenSignedResponseAlg: SigningAlgorithm;
  /** A JWK set for `private_key_jwt`; empty keeps the keys the client has. */
  jwks: string;
}

/** The fields the form shows errors beside. */
export type ClientField = keyof ClientFormValues;

export const emptyClientForm = (): ClientFormValues => ({
  id: '',
  name: '',
  type: 'confidential',
  tokenEndpointAuthMethod: 'client_secret_basic',
  redirectUris: '',
  postLogoutRedirectUris: '',
  backchannelLogoutUri: '',
  grantTypes: ['authorization_code', 'refresh_token'],
  scopes: ['openid', 'profile', 'email', 'offline_access'],
  firstParty: false,
  idTokenSignedResponseAlg: 'RS256',
  accessTokenSignedResponseAlg: 'RS256',
  jwks: '',
});

export const clientFormOf = (client: AdminClient): ClientFormValues => ({
  id: client.clientId,
  name: client.name,
  type: client.type,
  tokenEndpointAuthMethod: client.tokenEndpointAuthMethod,
  redirectUris: client.redirectUris.join('\n'),
  postLogoutRedirectUris: client.postLogoutRedirectUris.join('\n'),
  backchannelLogoutUri: client.backchannelLogoutUri ?? '',
  grantTypes: [...client.grantTypes],
  // Only the scopes the form offers: a service's API scopes are its manifest's, not the console's.
  scopes: client.scopes.filter(isClientScope),
  firstParty: client.firstParty,
  idTokenSignedResponseAlg: client.idTokenSignedResponseAlg,
  accessTokenSignedResponseAlg: client.accessTokenSignedResponseAlg,
  jwks: '',
});

const isClientScope = (scope: string): scope is ClientScope =>
  (CLIENT_SCOPES as readonly string[]).includes(scope);

/** One URI per line; blank lines and surrounding spaces are ignored. */
export const linesOf = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** The keys typed in, or undefined for none; `null` when the text is not a JWK set or one JWK. */
export function jwksOf(text: string): { keys: Record<string, unknown>[] } | undefined | null {
  if (!text.trim()) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const set = parsed as { keys?: unknown; kty?: unknown } | null;
  const keys = Array.isArray(set?.keys) ? set.keys : typeof set?.kty === 'string' ? [set] : undefined;
  if (!keys?.length || !keys.every((k) => k && typeof k === 'object' && !Array.isArray(k))) return null;
  return { keys: keys as Record<string, unknown>[] };
}

/** A public client signs nothing and keeps no secret: it authenticates with `none`. */
export const methodFor = (values: Pick<ClientFormValues, 'type' | 'tokenEndpointAuthMethod'>): AuthMethod =>
  values.type === 'public' ? 'none' : values.tokenEndpointAuthMethod;

type Built<T> = { ok: true; value: T } | { ok: false; field: ClientField };

/** The registration to send for a new client, or the field that can't be sent as typed. */
export function newClientOf(values: ClientFormValues): Built<NewClient> {
  const jwks = jwksOf(values.jwks);
  if (jwks === null) return { ok: false, field: 'jwks' };
  const input: NewClient = {
    name: values.name.trim(),
    type: values.type,
    tokenEndpointAuthMethod: methodFor(values),
    redirectUris: linesOf(values.redirectUris),
    postLogoutRedirectUris: linesOf(values.postLogoutRedirectUris),
    grantTypes: values.grantTypes,
    scopes: values.scopes,
    firstParty: values.firstParty,
    idTokenSignedResponseAlg: values.idTokenSignedResponseAlg,
    accessTokenSignedResponseAlg: values.accessTokenSignedResponseAlg,
  };
  if (values.id.trim()) input.id = values.id.trim();
  if (values.backchannelLogoutUri.trim()) input.backchannelLogoutUri = values.backchannelLogoutUri.trim();
  if (jwks) input.jwks = jwks;
  return { ok: true, value: input };
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, i) => item === b[i]);

/** What an edit changes: only the fields that differ from the client as loaded. */
export function clientChangesOf(client: AdminClient, values: ClientFormValues): Built<ClientChanges> {
  const jwks = jwksOf(values.jwks);
  if (jwks === null) return { ok: false, field: 'jwks' };
  const changes: ClientChanges = {};
  const name = values.name.trim();
  if (name !== client.name) changes.name = name;
  const method = methodFor(values);
  if (method !== client.tokenEndpointAuthMethod) changes.tokenEndpointAuthMethod = method;
  const redirectUris = linesOf(values.redirectUris);
  if (!sameList(redirectUris, client.redirectUris)) changes.redirectUris = redirectUris;
  const postLogout = linesOf(values.postLogoutRedirectUris);
  if (!sameList(postLogout, client.postLogoutRedirectUris)) changes.postLogoutRedirectUris = postLogout;
  const backchannel = values.backchannelLogoutUri.trim() || null;
  if (backchannel !== client.backchannelLogoutUri) changes.backchannelLogoutUri = backchannel;
  if (!sameList([...values.grantTypes].sort(), [...client.grantTypes].sort())) {
    changes.grantTypes = values.grantTypes;
  }
  if (!sameList([...values.scopes].sort(), [...client.scopes].sort())) changes.scopes = values.scopes;
  if (values.firstParty !== client.firstParty) changes.firstParty = values.firstParty;
  if (values.idTokenSignedResponseAlg !== client.idTokenSignedResponseAlg) {
    changes.idTokenSignedResponseAlg = values.idTokenSignedResponseAlg;
  }
  if (values.accessTokenSignedResponseAlg !== client.accessTokenSignedResponseAlg) {
    changes.accessTokenSignedResponseAlg = values.accessTokenSignedResponseAlg;
  }
  if (jwks) changes.jwks = jwks;
  return { ok: true, value: changes };
}

/** Turns a checkbox on or off in a list, keeping the list's order. */
export function toggled<T extends string>(
  list: readonly T[],
  item: T,
  on: boolean,
  order: readonly T[],
): T[] {
  const next = new Set(list);
  if (on) next.add(item);
  else next.delete(item);
  return order.filter((candidate) => next.has(candidate));
}

export interface FieldProblem {
  field: ClientField;
  /** The line of a URI list the problem is on (1-based), when it is about one line. */
  line?: number;
  message: string;
}

const FIELDS: readonly string[] = Object.keys(emptyClientForm());

/**
 * The hub's refusal of a registration (`client.invalid` or `request.invalid`, each problem with its field path
 * such as `redirectUris.1`) as problems beside the form's fields; empty for any other error.
 */
export function fieldProblemsOf(error: unknown): FieldProblem[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  const problems: FieldProblem[] = [];
  for (const detail of error.details as { path?: unknown; message?: unknown }[]) {
    if (typeof detail?.path !== 'string' || typeof detail.message !== 'string') continue;
    const [field = '', index] = detail.path.split('.');
    if (!FIELDS.includes(field)) continue;
    problems.push({
      field: field as ClientField,
      ...(index !== undefined && /^\d+$/.test(index) ? { line: Number(index) + 1 } : {}),
      message: detail.message,
    });
  }
  return problems;
}

/** When a replaced secret's grace ends, in hours from now (rounded up); 0 once it has. */
export function hoursLeft(expiresAt: string, now: Date): number {
  return Math.max(0, Math.ceil((new Date(expiresAt).getTime() - now.getTime()) / 3_600_000));
}

/** Whether `text` is a grace the hub accepts: a whole number of hours from 0 to `max`. */
export const validGrace = (text: string, max: number): boolean =>
  /^\d{1,3}$/.test(text.trim()) && Number(text.trim()) <= max;
