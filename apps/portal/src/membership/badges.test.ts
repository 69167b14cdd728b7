import { describe, expect, it } from 'vitest';
import { activityIcons, daysForActivityLevel, progress, textColorOn } from './badges';

describe('activity icons', () => {
  it('writes the level in base 4: stars, moons, suns, crowns', () => {
    expect(activityIcons(0)).toEqual({ crowns: 0, suns: 0, moons: 0, stars: 0 });
    expect(activityIcons(3)).toEqual({ crowns: 0, suns: 0, moons: 0, stars: 3 });
    expect(activityIcons(4)).toEqual({ crowns: 0, suns: 0, moons: 1, stars: 0 });
    expect(activityIcons(21)).toEqual({ crowns: 0, suns: 1, moons: 1, stars: 1 });
    expect(activityIcons(64)).toEqual({ crowns: 1, suns: 0, moons: 0, stars: 0 });
    expect(activityIcons(200)).toEqual({ crowns: 3, suns: 0, moons: 2, stars: 0 });
  });

  it('needs n² + 4n active days for level n', () => {
    expect([1, 2, 3, 4].map(daysForActivityLevel)).toEqual([5, 12, 21, 32]);
  });
});

describe('progress', () => {
  it('is the clamped fraction between two thresholds', () => {
    expect(progress(900, 600, 1800)).toBe(0.25);
    expect(progress(5000, 600, 1800)).toBe(1);
    expect(progress(0, 600, 1800)).toBe(0);
    expect(progress(10, 5, 5)).toBe(1);
  });
});

describe('textColorOn', () => {
  it('picks black on light badge colours and white on dark ones', () => {
    expect(textColorOn('#e0a100')).toBe('#000000'); // VIP gold
    expect(textColorOn('#ffffff')).toBe('#000000');
    expect(textColorOn('#1b1d29')).toBe('#ffffff');
    expect(textColorOn('#2f7de1')).toBe('#000000');
    expect(textColorOn('#7a1fa2')).toBe('#ffffff');
  });
});
