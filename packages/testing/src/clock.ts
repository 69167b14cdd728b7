import type { Clock } from '@orbit/identity';

/**
 * The system's time plus an offset a test can move forward (or back): time keeps passing, so tokens, timeouts
 * and the browser still work, but the hub can be sent past a period end in one step.
 */
export class ShiftedClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves the clock by `ms` (negative to go back). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Back to the system's time. */
  reset(): void {
    this.offsetMs = 0;
  }
}
