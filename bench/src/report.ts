/**
 * The honest part of `npm run bench:compare`, kept apart from the servers so it can be tested: what counts as a
 * good answer, how rounds are summed up, and when a ratio may be printed at all.
 */

/** One timed round of one scenario against one server. */
export interface Round {
  /** Completed operations (a grant; for the code flow, authorize and token together) a second. */
  perSecond: number;
  /** Answers that were wrong (status or shape) plus connection errors and timeouts. */
  failures: number;
  /** Of every HTTP request in the round, in milliseconds. */
  p50: number;
  p99: number;
  /** CPU time of the server's process per completed operation, in milliseconds (every thread of it). */
  serverCpuMs?: number | undefined;
  /** CPU time of the whole machine per completed operation (server, database, load generator, the rest). */
  machineCpuMs?: number | undefined;
}

/** A server's rounds of one scenario, summed up. */
export interface Summary {
  /** The median round; undefined when no round ran. */
  median: number | undefined;
  min: number | undefined;
  max: number | undefined;
  failures: number;
  p99: number | undefined;
  /** Medians over the rounds (see Round). */
  serverCpuMs: number | undefined;
  machineCpuMs: number | undefined;
}

const median = (values: number[]): number | undefined => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export function summarize(rounds: Round[]): Summary {
  const rates = rounds.map((r) => r.perSecond);
  return {
    median: median(rates),
    min: rates.length ? Math.min(...rates) : undefined,
    max: rates.length ? Math.max(...rates) : undefined,
    failures: rounds.reduce((sum, r) => sum + r.failures, 0),
    p99: median(rounds.map((r) => r.p99)),
    serverCpuMs: median(rounds.flatMap((r) => (r.serverCpuMs === undefined ? [] : [r.serverCpuMs]))),
    machineCpuMs: median(rounds.flatMap((r) => (r.machineCpuMs === undefined ? [] : [r.machineCpuMs]))),
  };
}

/**
 * Orbit's median over the peer's, or why there is none: a ratio is printed only when both sides ran and neither
 * had a single failure (a server that answers errors fast must not look fast).
 */
export function ratio(orbit: Summary, peer: Summary): { value: number } | { refused: string } {
  if (orbit.median === undefined || peer.median === undefined) return { refused: 'not run' };
  if (orbit.failures > 0 || peer.failures > 0) {
    return { refused: `errors (Orbit ${orbit.failures}, peer ${peer.failures})` };
  }
  if (peer.median === 0) return { refused: 'peer at 0/s' };
  return { value: orbit.median / peer.median };
}

/** The decoded protected header of a compact JWS, or undefined when `token` is not one. */
export function jwsHeader(token: unknown): Record<string, unknown> | undefined {
  if (typeof token !== 'string') return undefined;
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as unknown;
    return header && typeof header === 'object' ? (header as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export interface TokenExpectation {
  /** The access token's signing algorithm. */
  alg: 'RS256' | 'ES256';
  idToken?: boolean;
  refreshToken?: boolean;
}

/**
 * Whether a token endpoint's answer is what the scenario asked for: 200, JSON, a Bearer JWT access token signed
 * with the expected algorithm (`typ` `at+jwt`, RFC 9068), and an ID token or refresh token when expected.
 * Answers the parsed body, or undefined when anything is off.
 */
export function checkTokenResponse(
  status: number,
  body: string,
  expected: TokenExpectation,
): Record<string, unknown> | undefined {
  if (status !== 200) return undefined;
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object') return undefined;
  if (typeof parsed.token_type !== 'string' || parsed.token_type.toLowerCase() !== 'bearer') return undefined;
  const header = jwsHeader(parsed.access_token);
  if (!header || header.alg !== expected.alg || String(header.typ).toLowerCase() !== 'at+jwt')
    return undefined;
  if (expected.idToken && !jwsHeader(parsed.id_token)) return undefined;
  if (
    expected.refreshToken &&
    (typeof parsed.refresh_token !== 'string' || parsed.refresh_token.length < 20)
  ) {
    return undefined;
  }
  return parsed;
}

/** The code and state of an authorization response (a redirect to the client), or undefined. */
export function codeFrom(
  status: number,
  location: unknown,
  redirectUri: string,
): { code: string; state: string | null } | undefined {
  if (status !== 302 && status !== 303) return undefined;
  if (typeof location !== 'string' || !location.startsWith(`${redirectUri}?`)) return undefined;
  const params = new URL(location).searchParams;
  const code = params.get('code');
  if (!code || params.has('error')) return undefined;
  return { code, state: params.get('state') };
}

const fmt = (n: number | undefined) => (n === undefined ? '–' : Math.round(n).toLocaleString('en-US'));

/** A table cell for a server's rounds: median a second, with the range and the failures when there were any. */
export function cell(summary: Summary): string {
  if (summary.median === undefined) return 'not run';
  const range = `${fmt(summary.min)}–${fmt(summary.max)}`;
  const failures = summary.failures ? `, **${summary.failures} failed**` : '';
  return `${fmt(summary.median)} (${range}${failures})`;
}

export function ratioCell(r: ReturnType<typeof ratio>, target: number): string {
  if ('refused' in r) return `no ratio: ${r.refused}`;
  return `${r.value.toFixed(2)}× ${r.value >= target ? '✓' : `✗ (target ${target}×)`}`;
}

/**
 * For a scenario with an absolute target and no peer figure: Orbit's median against it, refused like a ratio
 * when a round had a failure.
 */
export function absoluteCell(orbit: Summary, target: number): string {
  if (orbit.median === undefined) return 'not run';
  if (orbit.failures > 0) return `no verdict: errors (${orbit.failures})`;
  return orbit.median >= target
    ? `✓ (target ${target.toLocaleString('en-US')}/s)`
    : `✗ (target ${target.toLocaleString('en-US')}/s)`;
}

/** Issue 17: every scenario's p99 stays under this at half of its peak rate. */
export const HALF_RATE_P99_LIMIT_MS = 50;

/**
 * The rate of the half-load round: half the median round of the peak (`summary`), at least one a second; none
 * when the peak did not run or had errors (its median is then no peak to halve).
 */
export function halfRate(summary: Summary): number | undefined {
  if (summary.median === undefined || summary.failures > 0) return undefined;
  return Math.max(1, Math.floor(summary.median / 2));
}

/**
 * The cell for a round run at a fixed rate: its p99 against `limitMs`, or why there is no verdict. A round that
 * fell short of its rate (the server could not keep up) or answered an error gets none: its p99 would hide it.
 */
export function halfRateCell(
  round: Round | undefined,
  rate: number | undefined,
  limitMs = HALF_RATE_P99_LIMIT_MS,
): string {
  if (round === undefined || rate === undefined) return 'not run';
  if (round.failures > 0) return `no verdict: errors (${round.failures})`;
  const at = `at ${rate.toLocaleString('en-US')}/s`;
  if (round.perSecond < rate * 0.9)
    return `no verdict: ${Math.round(round.perSecond).toLocaleString('en-US')}/s of ${rate.toLocaleString('en-US')}/s`;
  return `p99 ${round.p99} ms ${at} ${round.p99 < limitMs ? '✓' : '✗'}`;
}

/** CPU time in milliseconds from `/proc/<pid>/stat` (utime + stime) or `/proc/stat` (every non-idle field). */
export function processCpuMs(stat: string, ticksPerSecond = 100): number {
  // The command name may hold spaces and parentheses: fields are counted after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of proc(5) are the 12th and 13th after the name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

export function machineCpuMs(stat: string, ticksPerSecond = 100): number {
  const [, ...values] = stat.split('\n')[0]!.trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal: everything but idle and iowait.
  const busy = values.slice(0, 8).reduce((sum, v, i) => (i === 3 || i === 4 ? sum : sum + Number(v)), 0);
  return (busy * 1000) / ticksPerSecond;
}

/** A CPU figure per operation for the tables: "0.41". */
export const cpuCell = (ms: number | undefined) => (ms === undefined ? '–' : ms.toFixed(2));
