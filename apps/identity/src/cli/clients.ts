import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError } from '../http/errors.js';
import {
  authMethods,
  type ClientInput,
  clientTypes,
  grantTypes,
  KNOWN_SCOPES,
  settingsOf,
  signingAlgorithms,
} from '../oidc/index.js';
import { updateCredentialsFile } from '../services/index.js';
import type { Args, Flags } from './args.js';
import { type Command, type CommandContext, CommandError, json, table, UsageError } from './context.js';
import { graceFlag, graceHoursFrom, overlapSentence } from './grace.js';

type Settings = Omit<ClientInput, 'id' | 'type'>;

/** The registration settings `clients:create` and `clients:update` share. */
const settingFlags = {
  auth: {
    type: 'string',
    value: 'METHOD',
    choices: authMethods,
    default: 'client_secret_basic; none for public clients',
    description: 'how it authenticates at the token endpoint',
  },
  'redirect-uri': {
    type: 'string',
    multiple: true,
    value: 'URL',
    description: 'where sign-in may return to: https, or http on localhost; matched exactly',
  },
  'post-logout-redirect-uri': {
    type: 'string',
    multiple: true,
    value: 'URL',
    description: 'where sign-out may return to',
  },
  'backchannel-logout-uri': {
    type: 'string',
    value: 'URL',
    description: 'where the hub POSTs logout tokens when a session ends',
  },
  grant: {
    type: 'string',
    multiple: true,
    value: 'GRANT',
    choices: grantTypes,
    default: 'authorization_code, refresh_token',
    description: 'grant types it may use',
  },
  scope: {
    type: 'string',
    multiple: true,
    value: 'SCOPE',
    choices: KNOWN_SCOPES,
    default: 'openid, profile, email, offline_access',
    description: 'scopes it may ask for',
  },
  'first-party': {
    type: 'boolean',
    description: 'an Orbit service of our own: users are not asked to consent',
  },
  'id-token-alg': {
    type: 'string',
    value: 'ALG',
    choices: signingAlgorithms,
    default: 'RS256',
    description: 'how its ID tokens are signed',
  },
  'access-token-alg': {
    type: 'string',
    value: 'ALG',
    choices: signingAlgorithms,
    default: 'RS256',
    description: 'how the access tokens it gets are signed (ES256 signs faster)',
  },
  'jwks-file': {
    type: 'string',
    value: 'PATH',
    description: 'a JSON file with its public keys (a JWK set or one JWK), for private_key_jwt',
  },
} satisfies Flags;

const createFlags = {
  name: { type: 'string', value: 'NAME', required: true, description: 'the name users see' },
  id: {
    type: 'string',
    value: 'ID',
    default: 'a random c_… id',
    description: 'the client_id: 2–64 lower-case letters, digits, _ . -',
  },
  type: {
    type: 'string',
    value: 'TYPE',
    choices: clientTypes,
    default: 'confidential',
    description: 'a server that keeps a secret, or a browser or native app',
  },
  ...settingFlags,
} satisfies Flags;

/** For an update, what is not given stays as it is: no defaults. */
const withoutDefaults = (flags: Flags): Flags =>
  Object.fromEntries(Object.entries(flags).map(([name, { default: _, ...spec }]) => [name, spec]));

const updateFlags = {
  name: { type: 'string', value: 'NAME', description: 'the name users see' },
  ...withoutDefaults(settingFlags),
  'no-first-party': { type: 'boolean', description: 'no longer first-party: users are asked to consent' },
} satisfies Flags;

/** Which flag sets each registration field, to name the flag in error messages. */
const fieldFlags: Record<string, string> = {
  id: '--id',
  name: '--name',
  type: '--type',
  tokenEndpointAuthMethod: '--auth',
  jwks: '--jwks-file',
  redirectUris: '--redirect-uri',
  postLogoutRedirectUris: '--post-logout-redirect-uri',
  backchannelLogoutUri: '--backchannel-logout-uri',
  grantTypes: '--grant',
  scopes: '--scope',
  firstParty: '--first-party',
  idTokenSignedResponseAlg: '--id-token-alg',
  accessTokenSignedResponseAlg: '--access-token-alg',
};

/** The registry's field problems (`redirectUris.1: must be…`) as one line naming flags and values. */
export function describeProblems(details: unknown, input: Record<string, unknown>): string {
  if (!Array.isArray(details) || details.length === 0) return 'the client registration is not valid';
  return details
    .map((problem: { path?: string; message?: string }) => {
      const [field = '', index] = (problem.path ?? '').split('.');
      const given = input[field];
      const value = Array.isArray(given) && index !== undefined ? given[Number(index)] : given;
      const shown = typeof value === 'string' ? ` "${value}"` : '';
      return `${fieldFlags[field] ?? problem.path}${shown}: ${problem.message}`;
    })
    .join('; ');
}

/** Runs a registry call; its validation errors become usage errors that name the flags. */
async function register<T>(input: Record<string, unknown>, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AppError && error.code === 'client.invalid') {
      throw new UsageError(describeProblems(error.details, input));
    }
    throw error;
  }
}

/** Reads a JWK set file; a relative path is the CLI's (`cwd`), also when the hub runs the command. */
async function readJwks(cwd: string, path: string): Promise<{ keys: Record<string, unknown>[] }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(resolve(cwd, path), 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'not valid JSON' : (error as NodeJS.ErrnoException).code;
    throw new UsageError(`--jwks-file ${path}: ${reason ?? 'cannot be read'}`);
  }
  const set = parsed as { keys?: unknown; kty?: unknown };
  const keys = Array.isArray(set?.keys) ? set.keys : typeof set?.kty === 'string' ? [set] : undefined;
  if (!keys?.length || !keys.every((k) => k && typeof k === 'object' && !Array.isArray(k))) {
    throw new UsageError(`--jwks-file ${path}: expected a JWK set ({ "keys": [...] }) or one JWK`);
  }
  if (keys.some((k) => 'd' in k || k.kty === 'oct')) {
    throw new UsageError(`--jwks-file ${path}: holds a private or secret key; give only the public keys`);
  }
  return { keys: keys as Record<string, unknown>[] };
}

/** The settings given on the command line; flags not given are left out. `""` clears a URL or list. */
async function settingsFrom(args: Args, cwd: string): Promise<Partial<Settings>> {
  const settings: Partial<Settings> = {};
  const name = args.string('name');
  if (name !== undefined) settings.name = name;
  const auth = args.string('auth');
  if (auth !== undefined) settings.tokenEndpointAuthMethod = auth as Settings['tokenEndpointAuthMethod'];
  const redirectUris = args.list('redirect-uri');
  if (redirectUris) settings.redirectUris = redirectUris;
  const postLogout = args.list('post-logout-redirect-uri');
  if (postLogout) settings.postLogoutRedirectUris = postLogout;
  if (args.has('backchannel-logout-uri')) {
    settings.backchannelLogoutUri = args.string('backchannel-logout-uri')?.trim() || undefined;
  }
  const grants = args.list('grant');
  if (grants) settings.grantTypes = grants as Settings['grantTypes'];
  const scopes = args.list('scope');
  if (scopes) settings.scopes = scopes as Settings['scopes'];
  if (args.flag('first-party')) settings.firstParty = true;
  if (args.flag('no-first-party')) settings.firstParty = false;
  const alg = args.string('id-token-alg');
  if (alg) settings.idTokenSignedResponseAlg = alg as Settings['idTokenSignedResponseAlg'];
  const accessAlg = args.string('access-token-alg');
  if (accessAlg) {
    settings.accessTokenSignedResponseAlg = accessAlg as Settings['accessTokenSignedResponseAlg'];
  }
  const jwksFile = args.string('jwks-file');
  if (jwksFile) settings.jwks = await readJwks(cwd, jwksFile);
  return settings;
}

const SECRET_NOTE = 'The client secret is shown only this once (the hub keeps only its hash); store it now.';

export const clientCommands: Record<string, Command> = {
  'clients:create': {
    summary: 'register an OAuth client; prints it as JSON, with its secret (shown once)',
    flags: createFlags,
    async run({ args, cwd, services, actor, print, note }) {
      const id = args.string('id');
      const input = {
        ...(await settingsFrom(args, cwd)),
        name: args.string('name') ?? '',
        ...(id !== undefined ? { id } : {}),
        ...(args.has('type') ? { type: args.string('type') as ClientInput['type'] } : {}),
      };
      const { client, clientSecret } = await register(input, () =>
        services.clientConsole.create(actor, input),
      );
      print(json({ ...client, ...(clientSecret ? { clientSecret } : {}) }));
      if (clientSecret) note(SECRET_NOTE);
      return 0;
    },
  },

  'clients:list': {
    summary: 'list the registered clients (a table, or --json)',
    flags: { json: { type: 'boolean', description: 'print JSON instead of a table' } },
    async run({ args, services, print, note }) {
      const views = await services.clientConsole.list();
      if (args.flag('json')) {
        print(json(views));
        return 0;
      }
      if (views.length === 0) {
        note('No clients are registered yet; add one with clients:create.');
        return 0;
      }
      const yes = (b: boolean) => (b ? 'yes' : 'no');
      print(
        table(
          ['ID', 'NAME', 'TYPE', 'SERVICE', 'FIRST-PARTY', 'DISABLED', 'REDIRECT URIS'],
          views.map((c) => [
            c.clientId,
            c.name,
            c.type,
            c.service ?? '-',
            yes(c.firstParty),
            yes(c.disabled),
            c.redirectUris.join(' ') || '-',
          ]),
        ),
      );
      return 0;
    },
  },

  'clients:show': {
    summary: 'print one client’s registration as JSON',
    positionals: ['id'],
    async run({ args, services, print }) {
      const id = args.positionals.id!;
      if (!(await services.clients.get(id))) throw new CommandError(`no client ${id}`);
      print(json(await services.clientConsole.get(id)));
      return 0;
    },
  },

  'clients:update': {
    summary: 'change a client’s registration; settings not given stay as they are',
    description:
      'Repeatable flags replace the whole list (give every redirect URI the client keeps); "" clears a list or URL.',
    positionals: ['id'],
    flags: updateFlags,
    async run({ args, cwd, services, actor, print, note }) {
      const id = args.positionals.id!;
      if (args.flag('first-party') && args.flag('no-first-party')) {
        throw new UsageError('give --first-party or --no-first-party, not both');
      }
      const changes = await settingsFrom(args, cwd);
      if (Object.keys(changes).length === 0) {
        throw new UsageError('nothing to change: give at least one flag (see --help)');
      }
      const row = await services.clients.get(id);
      if (!row) throw new CommandError(`no client ${id}`);
      // `--backchannel-logout-uri ""` removes it.
      const { backchannelLogoutUri, ...rest } = changes;
      const edit = {
        ...rest,
        ...('backchannelLogoutUri' in changes ? { backchannelLogoutUri: backchannelLogoutUri ?? null } : {}),
      };
      const { client, clientSecret } = await register({ ...settingsOf(row), ...changes }, () =>
        services.clientConsole.edit(actor, id, edit),
      );
      print(json({ ...client, ...(clientSecret ? { clientSecret } : {}) }));
      if (clientSecret) note(`Client ${id} now authenticates with a secret. ${SECRET_NOTE}`);
      return 0;
    },
  },

  'clients:rotate-secret': {
    summary: 'issue a new client secret (the old one works on for the grace); prints it once as JSON',
    description:
      'A second rotation within the grace ends the oldest secret at once: a client has at most two live secrets.',
    positionals: ['id'],
    flags: { 'grace-hours': graceFlag },
    async run({ args, services, config, actor, print, note }) {
      const clientId = args.positionals.id!;
      const graceHours = graceHoursFrom(args);
      const { client, clientSecret, previousSecretExpiresAt } = await services.clientConsole.rotateSecret(
        actor,
        clientId,
        graceHours,
      );
      // A service's credentials file, when the hub wrote it, gets the new secret (as services:rotate-secret).
      const file = client.service ? await updateCredentialsFile(config, client.service, clientSecret) : null;
      print(
        json({
          clientId,
          clientSecret,
          previousSecretExpiresAt: previousSecretExpiresAt?.toISOString() ?? null,
          ...(client.service ? { credentialsFile: file } : {}),
        }),
      );
      note(`${SECRET_NOTE} ${overlapSentence(previousSecretExpiresAt)}`);
      if (file) note(`New secret written to ${file}; the service reads it again by itself.`);
      return 0;
    },
  },

  'clients:disable': {
    summary: 'stop a client from authenticating and from signing users in',
    positionals: ['id'],
    flags: { json: { type: 'boolean', description: 'print the client as JSON instead of a sentence' } },
    async run(context) {
      return switchClient(context, true);
    },
  },

  'clients:enable': {
    summary: 'let a disabled client authenticate and sign users in again',
    positionals: ['id'],
    flags: { json: { type: 'boolean', description: 'print the client as JSON instead of a sentence' } },
    async run(context) {
      return switchClient(context, false);
    },
  },

  'clients:delete': {
    summary: 'delete a client that no service owns, with its grants and consents',
    description:
      'A service’s client goes with the service; disable it instead (services:disable). Tokens already issued\n' +
      'to the client stop at the hub (refresh, introspection) at once.',
    positionals: ['id'],
    flags: {
      yes: { type: 'boolean', required: true, description: 'confirm: the client cannot be brought back' },
      json: { type: 'boolean', description: 'print the deleted client as JSON instead of a sentence' },
    },
    async run({ args, services, actor, print }) {
      const id = args.positionals.id!;
      const row = await services.clients.get(id);
      if (!row) throw new CommandError(`no client ${id}`);
      if (await services.serviceRegistry.get(id)) {
        throw new CommandError(`${id} is the client of the service ${id}; disable it with services:disable`);
      }
      const view = await services.clientConsole.get(id);
      await services.clientConsole.remove(actor, id);
      print(args.flag('json') ? json(view) : `Deleted client ${id}.`);
      return 0;
    },
  },
};

/** `clients:disable` / `clients:enable`: a sentence (or the client as JSON); a no-op says so. */
async function switchClient(
  { args, services, actor, print }: CommandContext,
  disable: boolean,
): Promise<number> {
  const id = args.positionals.id!;
  const row = await services.clients.get(id);
  if (!row) throw new CommandError(`no client ${id}`);
  const already = disable ? row.disabledAt !== null : row.disabledAt === null;
  const result = await services.clientConsole.setDisabled(actor, id, disable);
  if (args.flag('json')) {
    print(json(result));
  } else if (already) {
    print(
      disable
        ? `Client ${id} is already disabled (since ${row.disabledAt?.toISOString()}).`
        : `Client ${id} is already enabled.`,
    );
  } else {
    print(
      disable
        ? `Disabled client ${id}: it can no longer authenticate or sign users in.`
        : `Enabled client ${id}.`,
    );
  }
  return 0;
}
