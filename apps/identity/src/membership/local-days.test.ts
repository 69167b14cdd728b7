import { describe, expect, it } from 'vitest';
import { isTimeZone, localDay, zoneOrUtc } from './local-days.js';

describe('time zones of local days', () => {
  it('knows listed zones, aliases and the Etc/GMT±n zones Intl leaves off its list', () => {
    for (const zone of [
      'UTC',
      'Europe/Berlin',
      'Pacific/Kiritimati',
      'Asia/Calcutta',
      'Etc/GMT+12',
      'Etc/GMT-14',
    ]) {
      expect(isTimeZone(zone), zone).toBe(true);
    }
    for (const zone of ['EST', '+05:00', 'Mars/Olympus_Mons', '', 'Europe/Berlin\u0000']) {
      expect(isTimeZone(zone), zone).toBe(false);
    }
  });

  it('counts a day in Etc/GMT+12 as that zone does, not as UTC', () => {
    const instant = new Date('2026-12-06T00:30:00Z');
    expect(zoneOrUtc('Etc/GMT+12')).toBe('Etc/GMT+12');
    expect(localDay(instant, zoneOrUtc('Etc/GMT+12'))).toBe('2026-12-05');
    expect(localDay(instant, 'UTC')).toBe('2026-12-06');
  });
});
