import { describe, expect, it } from 'vitest';
import { CookieJar } from './http.js';
import {
  absoluteCell,
  checkTokenResponse,
  codeFrom,
  halfRate,
  halfRateCell,
  machineCpuMs,
  processCpuMs,
  ratio,
  ratioCell,
  summarize,
} from './report.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (header: Record<string, unknown>) => `${b64(header)}.${b64({ sub: 'x' })}.c2lnbmF0dXJl`;
const at = (alg: string) => jwt({ alg, typ: 'at+jwt', kid: 'k' });

describe('bench:compare honesty', () => {
  it('accepts only a 200 with a Bearer JWT access token signed as expected, and what else was asked', () => {
    const good = { access_token: at('RS256'), token_type: 'Bearer', expires_in: 300 };
    expect(checkTokenResponse(200, JSON.stringify(good), { alg: 'RS256' })).toEqual(good);
    // node-oidc-provider writes the type as RFC 6750 does; case does not matter.
    expect(
      checkTokenResponse(200, JSON.stringify({ ...good, token_type: 'bearer' }), { alg: 'RS256' }),
    ).toBeTruthy();

    expect(checkTokenResponse(400, JSON.stringify(good), { alg: 'RS256' })).toBeUndefined();
    expect(checkTokenResponse(200, 'not json', { alg: 'RS256' })).toBeUndefined();
    expect(checkTokenResponse(200, JSON.stringify(good), { alg: 'ES256' })).toBeUndefined();
    expect(
      checkTokenResponse(200, JSON.stringify({ ...good, access_token: jwt({ alg: 'RS256', typ: 'JWT' }) }), {
        alg: 'RS256',
      }),
    ).toBeUndefined();
    expect(
      checkTokenResponse(200, JSON.stringify({ ...good, access_token: 'opaque-token' }), { alg: 'RS256' }),
    ).toBeUndefined();
    expect(checkTokenResponse(200, JSON.stringify(good), { alg: 'RS256', idToken: true })).toBeUndefined();
    expect(
      checkTokenResponse(200, JSON.stringify({ ...good, id_token: jwt({ alg: 'RS256' }) }), {
        alg: 'RS256',
        idToken: true,
      }),
    ).toBeTruthy();
    expect(
      checkTokenResponse(200, JSON.stringify(good), { alg: 'RS256', refreshToken: true }),
    ).toBeUndefined();
  });

  it('takes a code only from a redirect to the client without an error', () => {
    const redirect = 'http://localhost:9/cb';
    expect(codeFrom(302, `${redirect}?code=abc&state=s`, redirect)).toEqual({ code: 'abc', state: 's' });
    expect(codeFrom(303, `${redirect}?code=abc`, redirect)).toEqual({ code: 'abc', state: null });
    expect(codeFrom(200, `${redirect}?code=abc`, redirect)).toBeUndefined();
    expect(codeFrom(302, `${redirect}?error=access_denied`, redirect)).toBeUndefined();
    expect(codeFrom(302, '/interaction/xyz', redirect)).toBeUndefined();
    expect(codeFrom(302, 'http://localhost:9/cbx?code=abc', redirect)).toBeUndefined();
  });

  it('prints a ratio of medians only when both sides ran without a single failure', () => {
    const rounds = (perSecond: number[], failures = 0) =>
      perSecond.map((r, i) => ({ perSecond: r, failures: i === 0 ? failures : 0, p50: 1, p99: 2 }));
    const peer = summarize(rounds([100, 300, 200]));
    expect(peer).toMatchObject({ median: 200, min: 100, max: 300, failures: 0 });
    expect(ratio(summarize(rounds([310, 290, 400])), peer)).toEqual({ value: 1.55 });
    expect(ratioCell(ratio(summarize(rounds([310, 290, 400])), peer), 1.5)).toBe('1.55× ✓');
    expect(ratioCell(ratio(summarize(rounds([200])), peer), 1.5)).toBe('1.00× ✗ (target 1.5×)');

    const fastButFailing = summarize(rounds([9000, 9000, 9000], 1));
    expect(ratio(fastButFailing, peer)).toEqual({ refused: 'errors (Orbit 1, peer 0)' });
    expect(ratio(summarize([]), peer)).toEqual({ refused: 'not run' });
  });
});

describe('the bench’s cookie jar', () => {
  it('keeps the latest value of each cookie and forgets expired ones', () => {
    const jar = new CookieJar();
    jar.store(['a=1; path=/x; httponly', 'b=2; samesite=lax']);
    jar.store(['a=3; path=/', 'b=; expires=Thu, 01 Jan 1970 00:00:00 GMT', 'c=4; Max-Age=0']);
    expect(jar.header()).toBe('a=3');
  });
});

describe('CPU per operation', () => {
  it('reads utime and stime after a command name with spaces and parentheses', () => {
    const stat = '4242 (node (hub) x) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0 11 0 12 13';
    expect(processCpuMs(stat)).toBe(3000);
  });
  it('counts the machine busy, not idle or waiting on disk', () => {
    expect(machineCpuMs('cpu  100 5 20 900 40 1 2 3 0 0\ncpu0 1 2 3 4\n')).toBe(1310);
  });
  it('takes the median per operation over the rounds that measured it', () => {
    const round = { perSecond: 1, failures: 0, p50: 1, p99: 2 };
    const s = summarize([
      { ...round, serverCpuMs: 0.5, machineCpuMs: 1 },
      { ...round, serverCpuMs: 0.7, machineCpuMs: 3 },
      { ...round, serverCpuMs: undefined, machineCpuMs: undefined },
    ]);
    expect([s.serverCpuMs, s.machineCpuMs]).toEqual([0.6, 2]);
  });
});

describe('absolute targets', () => {
  const round = { perSecond: 3200, failures: 0, p50: 1, p99: 2 };
  it('judges the median against the target, and refuses a verdict on any failure', () => {
    expect(absoluteCell(summarize([round, { ...round, perSecond: 2900 }, round]), 3000)).toBe(
      '✓ (target 3,000/s)',
    );
    expect(absoluteCell(summarize([{ ...round, perSecond: 2999 }]), 3000)).toBe('✗ (target 3,000/s)');
    expect(absoluteCell(summarize([round, { ...round, failures: 1 }]), 3000)).toBe('no verdict: errors (1)');
    expect(absoluteCell(summarize([]), 3000)).toBe('not run');
  });
});

describe('p99 at half the peak rate', () => {
  const round = { perSecond: 1000, failures: 0, p50: 2, p99: 9 };
  it('halves the median peak, and has no rate when the peak had errors or did not run', () => {
    expect(halfRate(summarize([round, { ...round, perSecond: 3001 }, { ...round, perSecond: 1200 }]))).toBe(
      600,
    );
    expect(halfRate(summarize([round, { ...round, failures: 2 }]))).toBeUndefined();
    expect(halfRate(summarize([]))).toBeUndefined();
    expect(halfRate(summarize([{ ...round, perSecond: 1 }]))).toBe(1);
  });
  it('judges the p99 only of a round that kept its rate without errors', () => {
    expect(halfRateCell({ ...round, perSecond: 499 }, 500)).toBe('p99 9 ms at 500/s ✓');
    expect(halfRateCell({ ...round, perSecond: 500, p99: 50 }, 500)).toBe('p99 50 ms at 500/s ✗');
    expect(halfRateCell({ ...round, perSecond: 400 }, 500)).toBe('no verdict: 400/s of 500/s');
    expect(halfRateCell({ ...round, failures: 3 }, 500)).toBe('no verdict: errors (3)');
    expect(halfRateCell(undefined, 500)).toBe('not run');
    expect(halfRateCell(round, undefined)).toBe('not run');
  });
});
