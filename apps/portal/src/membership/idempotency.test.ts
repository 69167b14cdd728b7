import { ApiError, NetworkError } from '@orbit/ui/api';
import { describe, expect, it } from 'vitest';
import { createAttemptKeys, fingerprintOf, isFinalOutcome } from './idempotency';

function keys() {
  let n = 0;
  return createAttemptKeys(() => `key-${++n}`);
}

const declined = new ApiError(402, 'payment.declined', 'Declined.');
const request = fingerprintOf({ tierId: 'vip', period: 'month', currency: 'CNY', card: { number: '4242' } });

describe('checkout idempotency keys', () => {
  it('sends a retry of the same request with the same key while its outcome is unknown', () => {
    const attempt = keys();
    const first = attempt.keyFor(request);
    attempt.settle({ ok: false, error: new NetworkError('The hub could not be reached.') });
    expect(attempt.keyFor(request)).toBe(first);
    attempt.settle({ ok: false, error: new ApiError(503, 'http.503', 'Unavailable.') });
    expect(attempt.keyFor(request)).toBe(first);
  });

  it('gives a double click, sent before any answer, the same key', () => {
    const attempt = keys();
    expect(attempt.keyFor(request)).toBe(attempt.keyFor(request));
  });

  it('starts a new attempt after a final answer: paid, declined or refused', () => {
    const attempt = keys();
    const first = attempt.keyFor(request);
    attempt.settle({ ok: false, error: declined });
    expect(attempt.current).toBeNull();
    const second = attempt.keyFor(request);
    expect(second).not.toBe(first);
    attempt.settle({ ok: true });
    expect(attempt.keyFor(request)).not.toBe(second);
  });

  it('starts a new attempt when the request changes (another tier or card)', () => {
    const attempt = keys();
    const first = attempt.keyFor(request);
    const other = fingerprintOf({
      tierId: 'svip',
      period: 'month',
      currency: 'CNY',
      card: { number: '4242' },
    });
    expect(attempt.keyFor(other)).not.toBe(first);
  });

  it('keeps the attempt when the step-up was cancelled or the CSRF token was stale (nothing was charged)', () => {
    expect(isFinalOutcome({ ok: false, error: new ApiError(401, 'step_up_required', 'x') })).toBe(false);
    expect(isFinalOutcome({ ok: false, error: new ApiError(403, 'csrf.token_invalid', 'x') })).toBe(false);
    expect(isFinalOutcome({ ok: false, error: new ApiError(400, 'payment.invalid_card', 'x') })).toBe(true);
    expect(isFinalOutcome({ ok: false, error: new Error('bug') })).toBe(false);
  });
});

describe('fingerprintOf', () => {
  it('does not depend on key order', () => {
    expect(fingerprintOf({ a: 1, b: { c: 2, d: 3 } })).toBe(fingerprintOf({ b: { d: 3, c: 2 }, a: 1 }));
    expect(fingerprintOf({ a: 1 })).not.toBe(fingerprintOf({ a: 2 }));
  });
});
