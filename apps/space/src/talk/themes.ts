import { eq } from 'drizzle-orm';
import { FREE_THEMES, THEMES, type ThemeId } from '../contracts/talk.js';
import type { SpaceCore } from '../deps.js';
import { notFound } from '../errors.js';
import { spaceSettings } from '../schema.js';
import { themeLocked } from './errors.js';

const isTheme = (id: string): id is ThemeId => (THEMES as readonly string[]).includes(id);

/**
 * Space themes: everyone may use the first two, a member as many from the start as the perk `space.themes`
 * grants. The allowance is checked when a theme is chosen and again whenever it is shown, so a theme a lapsed
 * membership no longer covers shows as `classic` — and comes back, unchanged, if the membership does.
 */
export function createThemes(core: SpaceCore) {
  const { db } = core;

  async function allowed(sub: string): Promise<number> {
    const perk = await core.orbit.perk({ sub }, 'space.themes');
    return Math.max(FREE_THEMES, Math.min(THEMES.length, Math.floor(perk)));
  }

  async function chosen(sub: string): Promise<ThemeId> {
    const [row] = await db
      .select({ theme: spaceSettings.theme })
      .from(spaceSettings)
      .where(eq(spaceSettings.ownerSub, sub.toLowerCase()));
    return row && isTheme(row.theme) ? row.theme : 'classic';
  }

  /** The theme `sub`'s space shows now. */
  async function shown(sub: string): Promise<ThemeId> {
    const [theme, count] = await Promise.all([chosen(sub), allowed(sub)]);
    return THEMES.indexOf(theme) < count ? theme : 'classic';
  }

  return {
    /** `owner`'s settings page: the theme shown, every theme and whether they may use it. */
    async settings(owner: string) {
      const [theme, count] = await Promise.all([shown(owner), allowed(owner)]);
      return {
        theme,
        themes: THEMES.map((id, i) => ({ id, free: i < FREE_THEMES, available: i < count })),
        allowed: count,
      };
    },

    /** Chooses `owner`'s theme; 403 `space.theme_locked` beyond their allowance. */
    async choose(owner: string, theme: ThemeId): Promise<{ theme: ThemeId }> {
      const count = await allowed(owner);
      if (THEMES.indexOf(theme) >= count) throw themeLocked(theme, count);
      const now = core.clock.now();
      await db
        .insert(spaceSettings)
        .values({ ownerSub: owner.toLowerCase(), theme, updatedAt: now })
        .onConflictDoUpdate({ target: spaceSettings.ownerSub, set: { theme, updatedAt: now } });
      return { theme };
    },

    /** The theme of `owner`'s space as `viewer` (null: signed out) sees it; 404 behind a block. */
    async ofSpace(viewer: string | null, owner: string): Promise<{ theme: ThemeId }> {
      const space = { ownerSub: owner, audience: { type: 'public' as const } };
      if (!(await core.visibility.canSee(viewer, space))) throw notFound();
      if ((await core.people.card(owner)).deleted) throw notFound();
      return { theme: await shown(owner) };
    },
  };
}

export type Themes = ReturnType<typeof createThemes>;
