import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { actorOf } from '../admin/actor.js';
import type { AuditLog } from '../admin/audit.js';
import type { HubEnv } from '../env.js';
import { AppError } from '../http/errors.js';
import { readJson, readQuery } from '../http/validate.js';
import {
  authOf,
  requestOrigin,
  requirePermission,
  requireSession,
  requireStaffStepUp,
} from '../kernel/guards.js';
import type { StepUpCheck } from '../passkeys/step-up.js';
import type { Growth } from './growth.js';
import {
  type GrowthAdjustments,
  MAX_ADJUSTMENT,
  MAX_ADJUSTMENT_NOTE,
  MAX_ENTRIES,
} from './growth-adjustments.js';
import { type Levels, MAX_MIN_GROWTH, VIP_LEVEL_COUNT } from './levels.js';
import type { PreferencesStore } from './preferences.js';
import { growthKinds } from './schema.js';

/** The growth chart reaches back at most two years. */
export const MAX_HISTORY_DAYS = 730;

const historyQuery = z.object({
  days: z.coerce.number().int().min(1).max(MAX_HISTORY_DAYS).default(90),
});

const preferencesBody = z
  .object({
    // Checked against the zone database by the domain (400 `account.invalid_time_zone`).
    timeZone: z.string().min(1).max(64).optional(),
    showBadges: z.boolean().optional(),
  })
  .strict();

const thresholdsBody = z
  .object({
    levels: z
      .array(
        z
          .object({
            level: z.number().int().min(1).max(VIP_LEVEL_COUNT),
            minGrowth: z.number().int().min(0).max(MAX_MIN_GROWTH),
          })
          .strict(),
      )
      .length(VIP_LEVEL_COUNT),
  })
  .strict()
  .superRefine(({ levels }, ctx) => {
    levels.forEach((entry, i) => {
      if (entry.level !== i + 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', i, 'level'],
          message: `must be ${i + 1} (levels in order)`,
        });
      }
      if (i === 0 && entry.minGrowth !== 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', 0, 'minGrowth'],
          message: 'level 1 must start at 0',
        });
      }
      const previous = levels[i - 1];
      if (previous && entry.minGrowth <= previous.minGrowth) {
        ctx.addIssue({
          code: 'custom',
          path: ['levels', i, 'minGrowth'],
          message: 'must be greater than the level below',
        });
      }
    });
  });

const accountId = z.uuid();

const adjustmentBody = z
  .object({
    delta: z
      .number()
      .int('must be a whole number')
      .min(-MAX_ADJUSTMENT)
      .max(MAX_ADJUSTMENT)
      .refine((delta) => delta !== 0, 'must not be 0'),
    note: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(MAX_ADJUSTMENT_NOTE)
      .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters'),
  })
  .strict();

const entriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_ENTRIES).default(20),
  kind: z.enum(growthKinds).optional(),
});

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

  return new Hono<HubEnv>()
    .get('/me/levels', requireSession, async (c) => {
      c.header('Cache-Control', 'no-store');
      const accountId = authOf(c).account.id;
      // Settle this account's days now rather than at the next pass, so a membership bought today shows its
      // growth at once. Idempotent; a failure only leaves the pass to do it.
      await growth
        .settleAccount(accountId)
        .catch((err) => c.get('log').warn({ err, accountId }, 'growth not settled'));
      return c.json(await describe(accountId));
    })
    .get('/me/levels/growth', requireSession, async (c) => {
      const { days } = readQuery(c, historyQuery);
      c.header('Cache-Control', 'no-store');
      return c.json({ points: await growth.history(authOf(c).account.id, days) });
    })
    .patch('/me/preferences', requireSession, async (c) => {
      const patch = await readJson(c, preferencesBody);
      return c.json(await preferences.update(authOf(c).account.id, patch));
    })
    .get('/admin/accounts/:id/levels', requireSession, mayRead, async (c) => {
      const id = accountIdOf(c);
      c.header('Cache-Control', 'no-store');
      return c.json(await describe(id));
    })
    .get('/admin/accounts/:id/growth-entries', requireSession, mayRead, async (c) => {
      const id = accountIdOf(c);
      const query = readQuery(c, entriesQuery);
      const entries = await adjustments.entries(id, query);
      if (!entries) throw notFound();
      c.header('Cache-Control', 'no-store');
      return c.json({ entries });
    })
    .post('/admin/accounts/:id/growth-adjustments', requireSession, mayWrite, stepUp, async (c) => {
      const id = accountIdOf(c);
      const body = await readJson(c, adjustmentBody);
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
    .get('/admin/vip-levels', requireSession, mayRead, async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ levels: await levels.thresholds() });
    })
    .put('/admin/vip-levels', requireSession, mayWrite, stepUp, async (c) => {
      const body = await readJson(c, thresholdsBody);
      const saved = await levels.setThresholds(
        body.levels.map((l) => l.minGrowth),
        audit.within(actorOf(c), (levels) => ({
          action: 'vip_levels.set',
          details: { minGrowth: levels.map((l) => l.minGrowth) },
        })),
      );
      c.get('log').info({ by: authOf(c).account.id, levels: saved }, 'vip levels set');
      return c.json({ levels: saved });
    });
}
