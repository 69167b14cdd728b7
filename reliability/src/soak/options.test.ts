import { describe, expect, it } from 'vitest';
import { parseSoakOptions, UsageError } from './options.js';

describe('npm run soak’s options', () => {
  it('defaults to 200 users for 10 minutes on one hub, no fault', () => {
    expect(parseSoakOptions([])).toMatchObject({
      users: 200,
      seconds: 600,
      hubs: 1,
      proxy: 'none',
      fault: undefined,
      thinkMs: 1000,
    });
  });

  it('puts HAProxy in front of more than one hub, and injects a fault at 40 % unless told when', () => {
    expect(parseSoakOptions(['--hubs', '2', '--seconds', '60', '--fault', 'kill-hub'])).toMatchObject({
      hubs: 2,
      proxy: 'haproxy',
      fault: 'kill-hub',
      faultAt: 24,
    });
  });

  it.each([
    [['--fault', 'unplug'], /--fault takes one of/],
    [['--users', '0'], /--users must be a whole number ≥ 1/],
    [['--minutes', '1', '--seconds', '30'], /not both/],
    [['--hubs', '2', '--proxy', 'none'], /needs --proxy haproxy/],
    [['--seconds', '30', '--fault', 'sigterm', '--fault-at', '25'], /at least 10 s of load after/],
    [['--colour'], /Unknown option/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseSoakOptions(argv)).toThrow(UsageError);
    expect(() => parseSoakOptions(argv)).toThrow(message);
  });
});
