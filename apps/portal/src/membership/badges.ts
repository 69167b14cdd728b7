import type { ActivityIcons } from '../api/membership-types';

/**
 * The activity level as QQ draws it: 4 stars make a moon, 4 moons a sun, 4 suns a crown — the level written in
 * base 4 (level 21 = 1 sun, 1 moon, 1 star). Crowns are the top unit, so they keep counting.
 */
export function activityIcons(level: number): ActivityIcons {
  const n = Math.max(0, Math.trunc(level));
  return {
    crowns: Math.floor(n / 64),
    suns: Math.floor(n / 16) % 4,
    moons: Math.floor(n / 4) % 4,
    stars: n % 4,
  };
}

/** The active days level `n` needs: n² + 4n (1 → 5, 2 → 12, 3 → 21). */
export const daysForActivityLevel = (level: number): number => level * level + 4 * level;

/** Fraction of the way from `from` to `to` (0–1), for progress bars. */
export function progress(value: number, from: number, to: number): number {
  if (to <= from) return 1;
  return Math.min(1, Math.max(0, (value - from) / (to - from)));
}

/**
 * Black or white, whichever reads better on a `#rrggbb` badge colour (WCAG 2 relative luminance: white text
 * when the colour is darker than the point where both contrast ratios are equal).
 */
export function textColorOn(hex: string): '#000000' | '#ffffff' {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return '#ffffff';
  const [r, g, b] = match.slice(1, 4).map((part) => {
    const channel = Number.parseInt(part, 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.179 ? '#000000' : '#ffffff';
}
