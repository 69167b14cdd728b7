import type { PreferencesView } from '@orbit/contracts';
import { eq } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import { accounts } from '../db/schema.js';
import { AppError } from '../http/errors.js';
import type { IdentityDb } from '../kernel/db.js';
import { isTimeZone } from './local-days.js';

/** The account's membership preferences: the zone its days count in, and whether services show its badges. */
export type Preferences = PreferencesView;

/** The account's membership preferences. A new zone counts from the next day settled on; past days keep theirs. */
export function createPreferences({ db, clock }: { db: IdentityDb; clock: Clock }) {
  return {
    async update(accountId: string, patch: Partial<Preferences>): Promise<Preferences> {
      if (patch.timeZone !== undefined && !isTimeZone(patch.timeZone)) {
        throw new AppError(
          400,
          'account.invalid_time_zone',
          'This is not a time zone name (IANA, like Europe/Berlin).',
          [{ path: 'timeZone', message: 'Unknown time zone.' }],
        );
      }
      const [row] = await db
        .update(accounts)
        .set({
          ...(patch.timeZone !== undefined ? { timeZone: patch.timeZone } : {}),
          ...(patch.showBadges !== undefined ? { showBadges: patch.showBadges } : {}),
          updatedAt: clock.now(),
        })
        .where(eq(accounts.id, accountId))
        .returning({ timeZone: accounts.timeZone, showBadges: accounts.showBadges });
      if (!row) throw new AppError(404, 'account.not_found', 'No such account.');
      return row;
    },
  };
}

export type PreferencesStore = ReturnType<typeof createPreferences>;
