import { describe, expect, it } from 'vitest';
import { ApiError, fieldProblems, toApiError } from './errors';

describe('toApiError', () => {
  it('reads the code, message and details of the error shape', () => {
    const details = [{ path: 'handle', message: 'Too short.' }];
    const body = { error: { code: 'request.invalid', message: 'Not valid.', details } };
    const error = toApiError(400, body, null);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'request.invalid', message: 'Not valid.', details });
  });

  it('names an answer that is not the error shape by its status', () => {
    for (const body of [undefined, 'not json', { error: 'nope' }, { error: { code: 7, message: 'x' } }]) {
      const error = toApiError(502, body, null);
      expect(error.code).toBe('http.502');
      expect(error.message).toBe('The request failed (HTTP 502).');
    }
  });

  it('reads the wait from the details or the Retry-After header', () => {
    const body = {
      error: { code: 'auth.too_many_attempts', message: 'x', details: { retryAfterSeconds: 120 } },
    };
    expect(toApiError(429, body, null).retryAfterSeconds).toBe(120);
    const bare = { error: { code: 'auth.too_many_attempts', message: 'x' } };
    expect(toApiError(429, bare, '45').retryAfterSeconds).toBe(45);
  });

  it('rounds a fractional wait up and ignores one it cannot read', () => {
    const waiting = (retryAfterSeconds: unknown) => ({
      error: { code: 'mail.rate_limited', message: 'x', details: { retryAfterSeconds } },
    });
    expect(toApiError(429, waiting(2.1), null).retryAfterSeconds).toBe(3);
    expect(toApiError(429, waiting(-1), null).retryAfterSeconds).toBeUndefined();
    const httpDate = 'Wed, 21 Oct 2026 07:28:00 GMT';
    expect(toApiError(429, waiting('soon'), httpDate).retryAfterSeconds).toBeUndefined();
  });
});

describe('fieldProblems', () => {
  it('keeps the details that name a field and a message', () => {
    const error = new ApiError(400, 'request.invalid', 'Not valid.', [
      { path: 'displayName', message: 'Required.' },
      { path: 3, message: 'Odd.' },
      'loose text',
    ]);
    expect(fieldProblems(error)).toEqual([{ path: 'displayName', message: 'Required.' }]);
  });

  it('finds none in other errors', () => {
    const tooMany = new ApiError(429, 'auth.too_many_attempts', 'x', { retryAfterSeconds: 3 });
    expect(fieldProblems(tooMany)).toEqual([]);
    expect(fieldProblems(new Error('bug'))).toEqual([]);
  });
});
