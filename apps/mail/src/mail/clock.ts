/** Where time comes from: injected, so dates and send-rate windows can be tested at any moment. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
