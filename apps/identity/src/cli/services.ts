import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError, type FieldProblem } from '../http/errors.js';
import type { ServiceView } from '../services/index.js';
import { type Command, type CommandContext, CommandError, json, table, UsageError } from './context.js';
import { credentialsFile, readCredentials, servicesDirOf, writeCredentials } from './credentials.js';
import { graceFlag, graceHoursFrom, overlapSentence } from './grace.js';

/**
 * Imports a manifest module (e.g. `apps/mail/dist/manifest.js`, relative to the CLI's working directory) and
 * answers its `manifest` export. The URL carries the file's size and modification time: in the running hub (the
 * admin channel) a rebuilt manifest is imported afresh rather than from the module cache.
 */
async function importManifest(cwd: string, path: string): Promise<unknown> {
  const file = resolve(cwd, path);
  const found = await stat(file).catch(() => undefined);
  if (!found?.isFile()) throw new UsageError(`${path}: no such file`);
  let module: Record<string, unknown>;
  try {
    const url = pathToFileURL(file);
    url.search = `v=${found.size}-${found.mtimeMs}`;
    module = await import(url.href);
  } catch (error) {
    throw new CommandError(`${path}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!('manifest' in module)) throw new CommandError(`${path} has no "manifest" export`);
  return module.manifest;
}

/** The registry's refusals, on one line with each problem (`icon: must be…`). */
function explain(path: string, error: unknown): never {
  if (error instanceof AppError && error.status < 500) {
    const problems = Array.isArray(error.details)
      ? `: ${(error.details as FieldProblem[]).map((p) => `${p.path}: ${p.message}`).join('; ')}`
      : '';
    throw new CommandError(`${path}: ${error.message.replace(/\.$/, '')}${problems}`);
  }
  throw error;
}

/**
 * Keeps the service's credentials file current: written when the client is new; otherwise, when the file is
 * missing, names another hub or client, or holds a secret that no longer works, with a new secret (the hub
 * keeps only hashes, so the old one cannot be written again). Answers what it did, for the summary line.
 */
async function keepCredentials(
  { services, config }: Pick<CommandContext, 'services' | 'config'>,
  serviceId: string,
  newSecret: string | undefined,
): Promise<string> {
  const file = credentialsFile(servicesDirOf(config), serviceId);
  let clientSecret = newSecret;
  if (!clientSecret) {
    const existing = await readCredentials(file);
    const current =
      existing?.issuer === config.issuer &&
      existing.clientId === serviceId &&
      (await services.serviceRegistry.secretMatches(serviceId, existing.clientSecret));
    if (current) return `credentials in ${file}`;
    // Nobody has the secret it replaces on record (the hub keeps only hashes): no overlap to give.
    clientSecret = (await services.serviceRegistry.rotateSecret(serviceId, 0)).clientSecret;
  }
  await writeCredentials(file, { issuer: config.issuer, clientId: serviceId, clientSecret });
  return newSecret ? `credentials written to ${file}` : `new client secret written to ${file}`;
}

const yes = (b: boolean) => (b ? 'yes' : 'no');

/** Disables or enables a service and records it in the audit log, in one transaction (as the console does). */
function setDisabledAudited(
  { services, actor }: Pick<CommandContext, 'services' | 'actor'>,
  id: string,
  disabled: boolean,
): Promise<ServiceView> {
  return services.serviceRegistryTransaction(async (registry, tx) => {
    const service = await registry.setDisabled(id, disabled);
    await services.audit.record(tx, actor, {
      action: disabled ? 'service.disabled' : 'service.enabled',
      target: { type: 'service', id: service.id, label: service.name },
    });
    return service;
  });
}

async function mustGet(services: CommandContext['services'], id: string): Promise<ServiceView> {
  const service = await services.serviceRegistry.get(id);
  if (!service) throw new CommandError(`no service ${id}`);
  return service;
}

export const serviceCommands: Record<string, Command> = {
  'services:register': {
    summary: 'register services from their manifest modules (idempotent); writes each one’s credentials file',
    description:
      'Imports each module’s `manifest` export, creates or updates the service’s OIDC client and launcher\n' +
      'entry, and writes <ORBIT_DATA_DIR>/services/<id>.json (mode 0600) with { issuer, clientId, clientSecret }.\n' +
      'A secret is made only for a new client, or when that file is missing, names another hub or client, or\n' +
      'holds a secret that no longer works (the old one then stops working). Prints one line per service.',
    positionals: ['manifest.js'],
    variadic: true,
    flags: {
      origin: {
        type: 'string',
        value: 'URL',
        default: 'http://localhost:<defaultPort> of each manifest',
        description: 'where the service is served (only with one manifest)',
      },
      'third-party': {
        type: 'boolean',
        description:
          'not the operator’s own service: the calls its manifest makes to other services wait for an admin',
      },
    },
    async run(context) {
      const { args, print } = context;
      const paths = args.variadic;
      const origin = args.string('origin');
      const firstParty = !args.flag('third-party');
      if (origin !== undefined && paths.length > 1) {
        throw new UsageError('--origin applies to one service; give one manifest with it');
      }
      const manifests = await Promise.all(
        paths.map(async (path) => ({ path, manifest: await importManifest(context.cwd, path) })),
      );
      const ids = manifests.map(({ manifest }) => (manifest as { id?: unknown } | null)?.id);
      const twice = ids.find((id, i) => ids.indexOf(id) !== i);
      if (twice !== undefined) throw new UsageError(`two manifests declare the service ${String(twice)}`);
      servicesDirOf(context.config);

      for (const { path, manifest } of manifests) {
        // Audited when something changed: the launcher registers every service on each start.
        const registration = await context.services
          .serviceRegistryTransaction(async (registry, tx) => {
            const done = await registry.register(manifest, origin, { firstParty });
            if (done.status !== 'unchanged') {
              await context.services.audit.record(tx, context.actor, {
                action: 'service.registered',
                target: { type: 'service', id: done.service.id, label: done.service.name },
                details: { status: done.status, origin: done.service.origin },
              });
            }
            return done;
          })
          .catch((error: unknown) => explain(path, error));
        const { id, origin: at } = registration.service;
        const credentials = await keepCredentials(context, id, registration.clientSecret);
        print(`${id}: ${registration.status} at ${at}; ${credentials}`);
        if (!firstParty && registration.pendingCalls.length > 0) {
          context.note(
            `${id}: its calls to other services wait for an admin (Admin → Services → Calls between services): ${registration.pendingCalls.join(', ')}.`,
          );
        }
        for (const { role, holders } of registration.retiredRoles) {
          context.note(
            `${id}: the manifest no longer declares ${role}; its ${holders} grant(s) are kept but retired (in no token) until it is declared again or revoked.`,
          );
        }
      }
      // A newly registered service gets its default tier, and VIP its default perks (membership/defaults.ts).
      await context.services.seedDefaultTiers();
      return 0;
    },
  },

  'services:list': {
    summary: 'list the registered services (a table, or --json)',
    flags: { json: { type: 'boolean', description: 'print JSON instead of a table' } },
    async run({ args, services, print, note }) {
      const list = await services.serviceRegistry.list();
      if (args.flag('json')) {
        print(json(list));
        return 0;
      }
      if (list.length === 0) {
        note('No services are registered yet; add them with services:register.');
        return 0;
      }
      print(
        table(
          ['ID', 'NAME', 'DISABLED', 'BADGE', 'HOME'],
          list.map((s) => [s.id, s.name, yes(s.disabled), yes(s.badgeUrl !== null), s.homeUrl]),
        ),
      );
      return 0;
    },
  },

  'services:show': {
    summary: 'print one service’s launcher entry and client settings as JSON',
    positionals: ['id'],
    async run({ args, services, print }) {
      print(json(await mustGet(services, args.positionals.id!)));
      return 0;
    },
  },

  'services:disable': {
    summary: 'take a service off the launcher; it can no longer sign users in or call the hub',
    positionals: ['id'],
    async run({ args, services, actor, print }) {
      const id = args.positionals.id!;
      if ((await mustGet(services, id)).disabled) {
        print(`Service ${id} is already disabled.`);
        return 0;
      }
      await setDisabledAudited({ services, actor }, id, true);
      print(
        `Disabled service ${id}: it is off the launcher, and can no longer sign users in or call the hub.`,
      );
      return 0;
    },
  },

  'services:enable': {
    summary: 'put a disabled service back on the launcher',
    positionals: ['id'],
    async run({ args, services, actor, print }) {
      const id = args.positionals.id!;
      if (!(await mustGet(services, id)).disabled) {
        print(`Service ${id} is already enabled.`);
        return 0;
      }
      await setDisabledAudited({ services, actor }, id, false);
      print(`Enabled service ${id}.`);
      return 0;
    },
  },

  'services:rotate-secret': {
    summary:
      'give a service a new client secret (the old one works on for the grace); rewrites its credentials file',
    description:
      'The service reads its credentials file again when the hub refuses the old secret, so it needs no\n' +
      'restart. A second rotation within the grace ends the oldest secret at once (at most two are live).',
    positionals: ['id'],
    flags: { 'grace-hours': graceFlag },
    async run({ args, services, config, actor, print }) {
      const id = args.positionals.id!;
      const graceHours = graceHoursFrom(args);
      await mustGet(services, id);
      const file = credentialsFile(servicesDirOf(config), id);
      // Through the client console, so the rotation is audited with the operator who ran it.
      const { clientSecret, previousSecretExpiresAt } = await services.clientConsole.rotateSecret(
        actor,
        id,
        graceHours,
      );
      await writeCredentials(file, { issuer: config.issuer, clientId: id, clientSecret });
      print(
        `Rotated the client secret of ${id}; new credentials written to ${file}. ${overlapSentence(previousSecretExpiresAt)}`,
      );
      return 0;
    },
  },
};
