import { membershipAdminApi, membershipApi } from '@orbit/contracts';
import { endpointRoutes } from '@orbit/http';
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AuditLog } from '../admin/index.js';
import type { HubEnv } from '../env.js';
import { AppError } from '../http/errors.js';
import { actorOf } from '../kernel/actor.js';
import {
  authOf,
  requestOrigin,
  requirePermission,
  requireSession,
  requireStaffStepUp,
} from '../kernel/guards.js';
import type { StepUpCheck } from '../passkeys/index.js';
import type { Growth } from './growth.js';
import type { GrowthAdjustments } from './growth-adjustments.js';
import type { Levels } from './levels.js';
import type { PreferencesStore } from './preferences.js';

/** An account's id in an admin path: anything but a UUID names no account (404, as an unknown one). */
const accountId = z.uuid();

/**
 * Growth, VIP level and activity level: the member's own (`/me/levels`, the growth chart, time zone and badge
 * preferences), and for admins any account's, its growth entries and adjustments, plus the VIP thresholds
 * (adjusting growth and changing thresholds need step-up).
 */
export function levelsRoutes({
  levels,
  growth,
  adjustments,
  preferences,
  stepUpCheck,
  audit,
}: {
  levels: Levels;
  growth: Growth;
  adjustments: GrowthAdjustments;
  preferences: PreferencesStore;
  stepUpCheck: StepUpCheck;
  audit: AuditLog;
}) {
  const mayRead = requirePermission('accounts:read');
  const mayWrite = requirePermission('membership:write');
  const stepUp = requireStaffStepUp(stepUpCheck);
  const notFound = () => new AppError(404, 'account.not_found', 'No such account.');
  const describe = async (id: string) => {
    const view = await levels.describe(id);
    if (!view) throw notFound();
    return view;
  };
  const accountIdOf = (c: Context<HubEnv>) => {
    const id = accountId.safeParse(c.req.param('id'));
    if (!id.success) throw notFound();
    return id.data;
  };

  const api = membershipApi;
  const admin = membershipAdminApi;
  // A path that names no account is a 404 before its query or body is read, as it always was.
  const accountPath: MiddlewareHandler<HubEnv> = async (c, next) => {
    accountIdOf(c);
    await next();
  };
  return endpointRoutes<HubEnv>('/api')
    .on(api.levels, requireSession, async (c) => {
      c.header('Cache-Control', 'no-store');
      const accountId = authOf(c).account.id;
      // Settle this account's days now rather than at the next pass, so a membership bought today shows its
      // growth at once. Idempotent; a failure only leaves the pass to do it.
      await growth
        .settleAccount(accountId)
        .catch((err) => c.get('log').warn({ err, accountId }, 'growth not settled'));
      return c.json(await describe(accountId));
    })
    .on(api.growth, requireSession, async (c, { query }) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ points: await growth.history(authOf(c).account.id, query.days) });
    })
    .on(api.updatePreferences, requireSession, async (c, { body }) => {
      return c.json(await preferences.update(authOf(c).account.id, body));
    })
    .on(admin.accountLevels, requireSession, mayRead, async (c) => {
      const id = accountIdOf(c);
      c.header('Cache-Control', 'no-store');
      return c.json(await describe(id));
    })
    .on(admin.growthEntries, requireSession, mayRead, accountPath, async (c, { query }) => {
      const id = accountIdOf(c);
      const entries = await adjustments.entries(id, query);
      if (!entries) throw notFound();
      c.header('Cache-Control', 'no-store');
      return c.json({ entries });
    })
    .on(admin.adjustGrowth, requireSession, mayWrite, stepUp, accountPath, async (c, { body }) => {
      const id = accountIdOf(c);
      const by = authOf(c).account.id;
      const { entry } = await adjustments.adjust(
        id,
        body,
        by,
        requestOrigin(c),
        audit.within(actorOf(c), (done) => ({
          action: 'membership.growth_adjusted',
          target: { type: 'account', id },
          details: {
            entryId: done.entry.id,
            delta: done.entry.delta,
            note: done.entry.note,
            total: done.total,
          },
        })),
      );
      c.get('log').info({ accountId: id, entryId: entry.id, delta: entry.delta, by }, 'growth adjusted');
      return c.json({ entry, levels: await describe(id) }, 201);
    })
    .on(admin.vipLevels, requireSession, mayRead, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ levels: await levels.thresholds() });
    })
    .on(admin.setVipLevels, requireSession, mayWrite, stepUp, async (c, { body }) => {
      const saved = await levels.setThresholds(
        body.levels.map((l) => l.minGrowth),
        audit.within(actorOf(c), (levels) => ({
          action: 'vip_levels.set',
          details: { minGrowth: levels.map((l) => l.minGrowth) },
        })),
      );
      c.get('log').info({ by: authOf(c).account.id, levels: saved }, 'vip levels set');
      return c.json({ levels: saved });
    }).app;
}
