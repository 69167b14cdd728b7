import { cliActor } from '../kernel/actor.js';
import { accountCommands } from './accounts.js';
import { describeFlags, parseCommandArgs, wantsHelp } from './args.js';
import { clientCommands } from './clients.js';
import { type CliEnv, type Command, UsageError } from './context.js';
import { hubCommands } from './hub.js';
import { keyCommands } from './keys.js';
import { roleCommands } from './roles.js';
import { serviceCommands } from './services.js';

const PROGRAM = 'npm run orbit --';

/** Every command, in the order `help` lists them. */
export const commands: Record<string, Command> = {
  ...hubCommands,
  ...serviceCommands,
  ...clientCommands,
  ...keyCommands,
  ...accountCommands,
  ...roleCommands,
};

export function helpText(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return [
    `Usage: ${PROGRAM} <command> [flags]`,
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    `Run "${PROGRAM} <command> --help" for a command's flags. While the hub runs, commands run in it`,
    '(through <ORBIT_DATA_DIR>/run/hub.sock); otherwise they open its database (DATABASE_URL, or the embedded one).',
  ].join('\n');
}

export function commandHelp(name: string, command: Command): string {
  const names = command.positionals ?? [];
  const positionals = names
    .map((p, i) => (command.variadic && i === names.length - 1 ? ` <${p} …>` : ` <${p}>`))
    .join('');
  const required = Object.entries(command.flags ?? {})
    .filter(([, spec]) => spec.required)
    .map(([flag, spec]) => (spec.type === 'boolean' ? ` --${flag}` : ` --${flag} ${spec.value ?? 'VALUE'}`))
    .join('');
  const optional = Object.values(command.flags ?? {}).some((spec) => !spec.required) ? ' [flags]' : '';
  return [
    `Usage: ${PROGRAM} ${name}${positionals}${required}${optional}`,
    '',
    `${command.summary.charAt(0).toUpperCase()}${command.summary.slice(1)}.`,
    ...(command.description ? [command.description] : []),
    ...(command.flags ? ['', 'Flags:', describeFlags(command.flags)] : []),
  ].join('\n');
}

/** One line for an error, never a stack trace. */
function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0] || error.name;
  return String(error);
}

/**
 * Runs one command line (`argv` without the program: `['clients:show', 'mail']`) and answers the exit code:
 * 0 done, 1 failed, 2 the command line was wrong. Results go to `out`, notes and errors to `err`.
 */
export async function runCli(argv: string[], env: CliEnv): Promise<number> {
  const print = (text: string) => void env.out.write(`${text}\n`);
  const note = (text: string) => void env.err.write(`${text}\n`);
  const [name, ...rest] = argv;

  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' ? rest[0] : undefined;
    const command = topic ? commands[topic] : undefined;
    if (topic && !command) {
      note(`Unknown command: ${topic}. Run "${PROGRAM} help" for the list.`);
      return 2;
    }
    print(topic && command ? commandHelp(topic, command) : helpText());
    return 0;
  }
  const command = commands[name];
  if (!command) {
    note(`Unknown command: ${name}. Run "${PROGRAM} help" for the list.`);
    return 2;
  }
  if (wantsHelp(rest)) {
    print(commandHelp(name, command));
    return 0;
  }

  try {
    const args = parseCommandArgs(rest, command.flags ?? {}, command.positionals, command.variadic);
    const hub =
      typeof env.hub === 'function'
        ? await env.hub({ announceMigrations: command.announceMigrations === true })
        : env.hub;
    const cwd = env.cwd ?? process.cwd();
    const actor = env.actor ?? cliActor();
    return (await command.run({ ...hub, args, cwd, actor, print, note })) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      note(`${name}: ${error.message} (see "${PROGRAM} ${name} --help")`);
      return 2;
    }
    note(`${name}: ${errorMessage(error)}`);
    return 1;
  }
}
