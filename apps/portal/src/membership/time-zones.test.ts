import { describe, expect, it } from 'vitest';
import { initialTimeZone, timeZoneChoices } from './time-zones';

describe('time zones', () => {
  it('offers every supported zone, UTC and the saved one, once each and sorted', () => {
    expect(timeZoneChoices('Asia/Shanghai', ['Europe/Paris', 'Asia/Shanghai'])).toEqual([
      'Asia/Shanghai',
      'Europe/Paris',
      'UTC',
    ]);
    expect(timeZoneChoices('Etc/GMT+5', ['Europe/Paris'])).toEqual(['Etc/GMT+5', 'Europe/Paris', 'UTC']);
  });

  it('suggests the browser’s zone to an account still on the default UTC', () => {
    expect(initialTimeZone('UTC', 'Asia/Shanghai')).toEqual({ zone: 'Asia/Shanghai', suggested: true });
    expect(initialTimeZone('UTC', 'UTC')).toEqual({ zone: 'UTC', suggested: false });
    expect(initialTimeZone('Europe/Paris', 'Asia/Shanghai')).toEqual({
      zone: 'Europe/Paris',
      suggested: false,
    });
    expect(initialTimeZone('UTC', undefined)).toEqual({ zone: 'UTC', suggested: false });
  });
});
