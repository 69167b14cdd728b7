import { describe, expect, it } from 'vitest';
import { pickPort } from './ports.js';

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('pickPort', () => {
  it('gives the first new service 4102, Mail having 4101', () => {
    expect(pickPort([4101])).toBe(4102);
    // Even before Mail's manifest exists: 4101 stays Mail's.
    expect(pickPort([])).toBe(4102);
  });

  it('goes one above the highest port any manifest declares, not into a gap', () => {
    expect(pickPort([4101, 4105, 4103])).toBe(4106);
  });

  it('takes a requested port that is free', () => {
    expect(pickPort([4101], 4200)).toBe(4200);
    expect(pickPort([4101, 4105], 4102)).toBe(4102);
  });

  it('refuses a requested port the hub or another service has', () => {
    expect(codeOf(() => pickPort([4101], 4101))).toBe('port.taken');
    expect(codeOf(() => pickPort([4101], 4000))).toBe('port.taken');
  });

  it('refuses a requested port out of range', () => {
    for (const port of [80, 1023, 65536, 4101.5, Number.NaN]) {
      expect(
        codeOf(() => pickPort([], port)),
        String(port),
      ).toBe('port.invalid');
    }
  });
});
