import { consentApi } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { HubEnv } from '../env.js';
import type { IdentityDb } from '../kernel/db.js';
import { authOf, requireSession } from '../kernel/guards.js';
import { OIDC_ERRORS } from './errors.js';
import { clients, consents, grants } from './schema.js';

/** The apps a user has let in, and taking that back (which also revokes their grants: refresh tokens die). */
export function createConsents({ db, clock }: { db: IdentityDb; clock: Clock }) {
  return {
    async list(accountId: string) {
      const rows = await db
        .select({
          clientId: consents.clientId,
          clientName: clients.name,
          scopes: consents.scopes,
          grantedAt: consents.grantedAt,
        })
        .from(consents)
        .innerJoin(clients, eq(clients.id, consents.clientId))
        .where(eq(consents.accountId, accountId))
        .orderBy(asc(clients.name));
      return rows.map((r) => ({ ...r, grantedAt: r.grantedAt.toISOString() }));
    },

    async revoke(accountId: string, clientId: string): Promise<boolean> {
      return db.transaction(async (tx) => {
        const removed = await tx
          .delete(consents)
          .where(and(eq(consents.accountId, accountId), eq(consents.clientId, clientId)))
          .returning({ clientId: consents.clientId });
        await tx
          .update(grants)
          .set({ revokedAt: clock.now(), revokedReason: 'consent_revoked' })
          .where(
            and(eq(grants.accountId, accountId), eq(grants.clientId, clientId), isNull(grants.revokedAt)),
          );
        return removed.length > 0;
      });
    },
  };
}

export type Consents = ReturnType<typeof createConsents>;

export function consentRoutes({ consents: store }: { consents: Consents }) {
  return endpointRoutes<HubEnv>('/api')
    .on(consentApi.list, requireSession, async (c) =>
      c.json({ consents: await store.list(authOf(c).account.id) }),
    )
    .on(consentApi.revoke, requireSession, async (c, { params }) => {
      if (!(await store.revoke(authOf(c).account.id, params.clientId))) {
        throw OIDC_ERRORS.consentNotFound.error();
      }
      return c.body(null, 204);
    }).app;
}
