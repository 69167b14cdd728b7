import { LOCK_REASON_MAX } from '../admin/index.js';
import { AppError } from '../http/errors.js';
import { type Command, type CommandContext, CommandError, json, table, UsageError } from './context.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const accountArg =
  'The account: its id, account number, handle, or verified email address (as the sign-in form takes it).';

/** The account a command names, by id or by anything the sign-in form takes; exit 1 when there is none. */
async function accountOf({ services }: CommandContext, given: string): Promise<string> {
  const row = UUID.test(given)
    ? await services.accounts.byId(given.toLowerCase())
    : await services.accounts.byIdentifier(given);
  if (!row) throw new CommandError(`no account ${given}`);
  return row.id;
}

/** The reason flag, as the console checks it: 1–500 characters once trimmed. */
function reasonOf({ args }: CommandContext): string {
  const reason = (args.string('reason') ?? '').trim();
  if (reason === '') throw new UsageError('--reason must say why');
  if (reason.length > LOCK_REASON_MAX)
    throw new UsageError(`--reason is longer than ${LOCK_REASON_MAX} characters`);
  return reason;
}

/** The domain's refusals (409 account.already_locked …) as the one-line failure the CLI prints. */
async function orFail<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw new CommandError(`${error.message} (${error.code})`);
    throw error;
  }
}

const reasonFlag = {
  reason: {
    type: 'string',
    value: 'TEXT',
    required: true,
    description: 'why (1–500 characters), for the audit and security logs',
  },
} as const;

/**
 * Accounts from the terminal: what an operator needs when the console can't help — above all, letting an admin
 * back in (a lock, or the sign-in throttle) when no other admin can. Writes go through the same domain code as
 * the console and are audited with `via: cli` and the OS user.
 */
export const accountCommands: Record<string, Command> = {
  'accounts:show': {
    summary: 'show an account as the console does: roles, status, lock, passkeys, sessions',
    description: accountArg,
    positionals: ['account'],
    flags: { json: { type: 'boolean', description: 'print JSON' } },
    async run(context) {
      const { args, services, print } = context;
      const id = await accountOf(context, args.positionals.account ?? '');
      const account = await services.accountAdministration.detail(id);
      if (args.flag('json')) {
        print(json(account));
        return 0;
      }
      print(
        table(
          ['FIELD', 'VALUE'],
          [
            ['id', account.id],
            ['number', account.accountNumber],
            ['handle', `@${account.handle}`],
            ['name', account.displayName],
            [
              'email',
              account.email ? `${account.email}${account.emailVerified ? '' : ' (unverified)'}` : '-',
            ],
            ['roles', account.roles.join(' ') || '-'],
            ['status', account.status],
            ...(account.lockedAt
              ? [
                  ['locked', `${account.lockedAt} by ${account.lockedBy?.label ?? 'the CLI'}`],
                  ['reason', account.lockedReason ?? ''],
                ]
              : []),
            ['passkeys', String(account.passkeyCount)],
            ['sessions', String(account.sessions)],
            ['created', account.createdAt],
            ['last sign-in', account.lastSignInAt ?? '-'],
          ],
        ),
      );
      return 0;
    },
  },

  'accounts:lock': {
    summary: 'lock an account: every session and refresh token ends, and no sign-in works until unlocked',
    description: accountArg,
    positionals: ['account'],
    flags: reasonFlag,
    async run(context) {
      const { args, services, actor, note } = context;
      const reason = reasonOf(context);
      const id = await accountOf(context, args.positionals.account ?? '');
      const locked = await orFail(() => services.accountAdministration.lock.lock(actor, id, reason));
      note(
        `Locked @${locked.account.handle}: ${locked.sessionsEnded} sessions ended, ${locked.grantsRevoked} grants revoked.`,
      );
      return 0;
    },
  },

  'accounts:unlock': {
    summary: 'unlock an account, and lift its sign-in lockout after too many wrong passwords',
    description: `${accountArg}\nThe way back in for an admin locked out when no other admin can unlock them.`,
    positionals: ['account'],
    flags: reasonFlag,
    async run(context) {
      const { args, services, actor, note } = context;
      const reason = reasonOf(context);
      const id = await accountOf(context, args.positionals.account ?? '');
      const unlocked = await orFail(() => services.accountAdministration.lock.unlock(actor, id, reason));
      const lifted = [unlocked.wasLocked && 'the lock', unlocked.throttleCleared && 'the sign-in lockout']
        .filter(Boolean)
        .join(' and ');
      note(
        `Unlocked @${unlocked.account.handle}${lifted ? `: lifted ${lifted}` : ' (it was neither locked nor locked out)'}.`,
      );
      return 0;
    },
  },
};
