/** Where time comes from: injected, so expiry and lockouts can be tested at any date. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
