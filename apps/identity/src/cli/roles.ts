import { AppError } from '../http/errors.js';
import { type Command, type CommandContext, CommandError } from './context.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const arguments_ =
  'The account: its id, account number, handle, or verified email address. The role: admin, support, or a ' +
  'role a registered service declares (news.editor).';

/** The account a command names, by id or by anything the sign-in form takes; exit 1 when there is none. */
async function accountOf({ services }: CommandContext, given: string) {
  const row = UUID.test(given)
    ? await services.accounts.byId(given.toLowerCase())
    : await services.accounts.byIdentifier(given);
  if (!row) throw new CommandError(`no account ${given}`);
  return row;
}

/** The domain's refusals (400 role.unknown, 409 role.last_admin …) as the one-line failure the CLI prints. */
async function orFail<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw new CommandError(`${error.message} (${error.code})`);
    throw error;
  }
}

const rolesLine = (roles: readonly string[]) => (roles.length ? roles.join(', ') : 'none');

/**
 * Roles from the terminal: the operator's way to make an admin when no admin can (every admin lost their passkey,
 * or left). The same domain code as the console: checked, audited with `via: cli` and the OS user, and told to the
 * account in its security log.
 */
export const roleCommands: Record<string, Command> = {
  'roles:grant': {
    summary: 'give an account a role (admin, support, or a service role)',
    description: arguments_,
    positionals: ['account', 'role'],
    async run(context) {
      const { args, services, actor, print } = context;
      const account = await accountOf(context, args.positionals.account ?? '');
      const role = (args.positionals.role ?? '').trim();
      const { roles, changed } = await orFail(() => services.roles.grant(actor, account.id, role));
      print(
        changed
          ? `@${account.handle} now has the role ${role} (roles: ${rolesLine(roles)}).`
          : `@${account.handle} already has the role ${role}; nothing changed.`,
      );
      return 0;
    },
  },

  'roles:revoke': {
    summary: 'take a role away from an account (never from the last admin)',
    description: arguments_,
    positionals: ['account', 'role'],
    async run(context) {
      const { args, services, actor, print } = context;
      const account = await accountOf(context, args.positionals.account ?? '');
      const role = (args.positionals.role ?? '').trim();
      const { roles } = await orFail(() => services.roles.revoke(actor, account.id, role));
      print(`@${account.handle} no longer has the role ${role} (roles: ${rolesLine(roles)}).`);
      return 0;
    },
  },
};
