import { parseArgs } from 'node:util';

/**
 * The faults `npm run soak -- --fault <name>` injects once, mid-load:
 * - `db-restart`: PostgreSQL restarted as an operator does (`pg_ctl restart -m fast`: sessions ended).
 * - `db-crash`: PostgreSQL killed and started again (`-m immediate`: crash recovery on start).
 * - `kill-hub`: `kill -9` of a hub; the soak's supervisor starts it again, as `npm start` does.
 * - `kill-during-purchase`: `kill -9` of every hub while purchases are in flight; their purchases stay pending
 *   until the hub's recovery job settles them.
 * - `sigterm`: SIGTERM to a hub (its graceful stop), then started again.
 */
export const FAULTS = ['db-restart', 'db-crash', 'kill-hub', 'kill-during-purchase', 'sigterm'] as const;
export type Fault = (typeof FAULTS)[number];

export interface SoakOptions {
  /** Virtual users, each running journeys one after another. */
  users: number;
  /** How long the load runs (after the ramp-up, which is part of it). */
  seconds: number;
  /** Hub instances over the one database; more than one needs the proxy. */
  hubs: number;
  /** A load balancer in front of the hubs (HAProxy from Debian's packages), or none (one hub, reached directly). */
  proxy: 'haproxy' | 'none';
  fault: Fault | undefined;
  /** When the fault is injected, in seconds from the start of the load. */
  faultAt: number;
  /** Mean pause between a user's steps, as a person reads and types (each pause is 0.5–1.5 × this). */
  thinkMs: number;
  /** Where to write the result as JSON (a Vitest-shaped report, so CI counts its checks as tests). */
  json: string | undefined;
  /** Show each process's warnings and errors as they happen. */
  verbose: boolean;
}

export class UsageError extends Error {}

export const USAGE = `npm run soak -- [options]

  --users N        virtual users (default 200)
  --minutes M      how long the load runs (default 10); or --seconds S
  --hubs N         hub instances on the one database (default 1; more than one puts HAProxy in front)
  --proxy haproxy  put HAProxy in front of the hubs even with one (apt-get install -y haproxy)
  --fault F        inject one fault mid-load: ${FAULTS.join(' | ')}
  --fault-at S     seconds into the load to inject it (default: 40 % of the run)
  --think-ms MS    mean pause between a user's steps (default 1000)
  --json FILE      also write the checks as a Vitest-shaped JSON report (CI counts them)
  --verbose        print the processes' warnings and errors as they happen

Starts its own PostgreSQL server (the programs from apt's postgresql package; the shared server is never touched),
the hub(s) and Mail from their builds, and drives them over HTTP like people would. Prints a Markdown report for
docs/reliability.md and exits non-zero when a check fails.`;

const positiveInt = (name: string, value: string | undefined, fallback: number, min = 1) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}`);
  return n;
};

/** Reads the command line (`argv` without node and the script); throws UsageError on anything it can't use. */
export function parseSoakOptions(argv: readonly string[]): SoakOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        users: { type: 'string' },
        minutes: { type: 'string' },
        seconds: { type: 'string' },
        hubs: { type: 'string' },
        proxy: { type: 'string' },
        fault: { type: 'string' },
        'fault-at': { type: 'string' },
        'think-ms': { type: 'string' },
        json: { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const str = (name: string) => values[name] as string | undefined;
  if (str('minutes') !== undefined && str('seconds') !== undefined) {
    throw new UsageError('give --minutes or --seconds, not both');
  }
  const seconds =
    str('seconds') !== undefined
      ? positiveInt('seconds', str('seconds'), 600, 10)
      : positiveInt('minutes', str('minutes'), 10) * 60;
  const hubs = positiveInt('hubs', str('hubs'), 1);
  const proxyValue = str('proxy');
  if (proxyValue !== undefined && proxyValue !== 'haproxy' && proxyValue !== 'none') {
    throw new UsageError('--proxy takes haproxy or none');
  }
  if (proxyValue === 'none' && hubs > 1) throw new UsageError('more than one hub needs --proxy haproxy');
  const proxy = proxyValue === 'haproxy' || hubs > 1 ? 'haproxy' : 'none';
  const faultValue = str('fault');
  if (faultValue !== undefined && !(FAULTS as readonly string[]).includes(faultValue)) {
    throw new UsageError(`--fault takes one of ${FAULTS.join(', ')}`);
  }
  const faultAt = positiveInt('fault-at', str('fault-at'), Math.round(seconds * 0.4));
  if (faultValue !== undefined && faultAt > seconds - 10) {
    throw new UsageError(
      `--fault-at must leave at least 10 s of load after the fault (the run is ${seconds} s)`,
    );
  }
  return {
    users: positiveInt('users', str('users'), 200),
    seconds,
    hubs,
    proxy,
    fault: faultValue as Fault | undefined,
    faultAt,
    thinkMs: positiveInt('think-ms', str('think-ms'), 1000, 0),
    json: str('json'),
    verbose: Boolean(values.verbose),
  };
}
