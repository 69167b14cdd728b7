import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Accounts, NewAccount } from '../accounts/index.js';
import type { AuditLog } from '../admin/index.js';
import type { Clock } from '../clock.js';
import { randomToken, sha256 } from '../crypto.js';
import { type AccountRow, setupTokens } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import { SYSTEM_ACTOR } from '../kernel/actor.js';
import type { IdentityDb } from '../kernel/db.js';
import type { SecurityLog } from '../security/index.js';
import type { SessionContext, Sessions } from '../sessions/index.js';

const invalidToken = () =>
  new AppError(
    404,
    'setup.invalid_token',
    'This setup link is not valid: it was used, has expired, or never existed.',
  );

/**
 * The first admin. While no admin exists, each start of the hub issues a one-time setup link (replacing any
 * earlier unused one); the link expires, and using it creates the admin account and spends it.
 */
export function createSetup({
  db,
  clock,
  accounts,
  sessions,
  securityLog,
  audit,
  linkLifetimeMs,
}: {
  db: IdentityDb;
  clock: Clock;
  accounts: Accounts;
  sessions: Sessions;
  securityLog: SecurityLog;
  /** Records the first admin in the audit log. */
  audit?: AuditLog;
  linkLifetimeMs: number;
}) {
  return {
    /** A fresh setup token when no admin exists yet, else undefined. */
    async issueTokenIfNeeded(): Promise<string | undefined> {
      return db.transaction(async (tx) => {
        if (await accounts.hasAdmin(tx)) return undefined;
        const token = randomToken();
        const now = clock.now();
        await tx.delete(setupTokens).where(isNull(setupTokens.usedAt));
        await tx.insert(setupTokens).values({
          tokenHash: sha256(token),
          createdAt: now,
          expiresAt: new Date(now.getTime() + linkLifetimeMs),
        });
        return token;
      });
    },

    async isValid(token: string): Promise<boolean> {
      const rows = await db
        .select({ id: setupTokens.id })
        .from(setupTokens)
        .where(
          and(
            eq(setupTokens.tokenHash, sha256(token)),
            isNull(setupTokens.usedAt),
            gt(setupTokens.expiresAt, clock.now()),
          ),
        );
      return rows.length > 0;
    },

    /** Spends the token and creates the first admin with a signed-in session, in one transaction. */
    async createFirstAdmin(
      token: string,
      input: Omit<NewAccount, 'roles'>,
      context: SessionContext,
    ): Promise<{ account: AccountRow; roles: string[]; token: string; expiresAt: Date }> {
      return db.transaction(async (tx) => {
        const now = clock.now();
        const [spent] = await tx
          .update(setupTokens)
          .set({ usedAt: now })
          .where(
            and(
              eq(setupTokens.tokenHash, sha256(token)),
              isNull(setupTokens.usedAt),
              gt(setupTokens.expiresAt, now),
            ),
          )
          .returning({ id: setupTokens.id });
        if (!spent || (await accounts.hasAdmin(tx))) throw invalidToken();
        const account = await accounts.create({ ...input, roles: ['admin'] }, tx);
        const started = await sessions.start(account.id, ['pwd'], context, tx);
        await securityLog.record(
          {
            ...context,
            accountId: account.id,
            type: 'account.created',
            details: { role: 'admin', by: 'setup' },
          },
          tx,
        );
        // The first admin is an admin action too: the audit log starts with it.
        await audit?.record(
          tx,
          { ...SYSTEM_ACTOR, label: 'setup', ip: context.ip, userAgent: context.userAgent.slice(0, 512) },
          {
            action: 'role.granted',
            target: { type: 'account', id: account.id, label: `@${account.handle}` },
            details: { role: 'admin', by: 'setup' },
          },
        );
        return { account, roles: ['admin'], token: started.token, expiresAt: started.session.expiresAt };
      });
    },

    invalidToken,
  };
}

export type Setup = ReturnType<typeof createSetup>;
