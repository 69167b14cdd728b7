import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ScaffoldError } from './errors.js';
import { type ScaffoldedService, scaffoldService } from './scaffold.js';

export const USAGE = `Usage: npm run new-service -- <id> [--name "Display name"] [--port <port>] [--dir <path>]

  <id>     the service id, also its OIDC client id: 2–32 characters, a-z, 0-9 and -, a letter first
  --name   the name people see (default: made from the id)
  --port   its default port (default: the next free one above every service's)
  --dir    where to write it (default: apps/<id>); relative to where you run the command`;

/** What the command printed, and how it ended. */
export interface CommandResult {
  exitCode: number;
  output: string;
}

/** What to do once the service is written. */
export function nextSteps(service: ScaffoldedService, repoRoot: string): string {
  const where = relative(repoRoot, service.dir);
  const inApps = /^apps[\\/][^\\/]+$/.test(where);
  const lines = [
    `Created ${where}: ${service.name} (@orbit/${service.id}), port ${service.port}, schema ${service.schema}.`,
    '',
    'Next:',
    '  npm install   # links the new workspace',
    `  npm start     # builds and registers it, then runs it at http://localhost:${service.port}`,
    `  npm test -- --filter=@orbit/${service.id}`,
  ];
  if (!inApps) {
    lines.push(
      '',
      `It is not directly under apps/: npm install and npm start only pick up services in apps/<name>.`,
    );
  }
  return lines.join('\n');
}

/**
 * `new-service <id> [--name] [--port] [--dir]`: scaffolds the service and says what next, or says what is
 * wrong. `cwd` is where relative `--dir` paths start.
 */
export async function runNewService(
  argv: string[],
  context: { repoRoot: string; cwd: string },
): Promise<CommandResult> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return { exitCode: 2, output: `${(error as Error).message}\n\n${USAGE}` };
  }
  if (parsed.values.help) return { exitCode: 0, output: USAGE };
  const [id, ...extra] = parsed.positionals;
  if (!id || extra.length) return { exitCode: 2, output: USAGE };
  const { name, port, dir } = parsed.values;
  if (port !== undefined && !/^\d+$/.test(port)) {
    return { exitCode: 2, output: '--port must be a whole number from 1024 to 65535.' };
  }
  try {
    const service = await scaffoldService({
      repoRoot: context.repoRoot,
      id,
      ...(name === undefined ? {} : { name }),
      ...(port === undefined ? {} : { port: Number(port) }),
      ...(dir === undefined ? {} : { dir: resolve(context.cwd, dir) }),
    });
    return { exitCode: 0, output: nextSteps(service, context.repoRoot) };
  } catch (error) {
    if (error instanceof ScaffoldError) return { exitCode: 1, output: error.message };
    throw error;
  }
}

const parse = (argv: string[]) =>
  parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      name: { type: 'string' },
      port: { type: 'string' },
      dir: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
