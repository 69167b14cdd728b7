import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, HttpBrowser, signUp } from '@orbit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, type Launcher, startLauncher } from './platform.js';
import { type PostgresServer, postgresBinDir, startPostgresServer } from './postgres-server.js';

const inCi = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';

/** How long a process may take to serve again once the database is back (issue 18: "within seconds"). */
const RECOVERY_LIMIT_MS = 5_000;

/**
 * Issue 18, point 1: `npm start` on a PostgreSQL server of the test's own, under steady load (readiness checks of
 * the hub and Mail, which query the database, and sign-ups, which write in a transaction), while the server is
 * restarted — first as an operator restarts it (`fast`: sessions are ended), then as a crash does (`immediate`).
 * No process may die (the launcher would say so and start it again) and each serves again within seconds.
 * Needs the PostgreSQL server programs; CI has them (it tests on the machine's server), so there it must run.
 */
describe.runIf(postgresBinDir() || inCi)('a PostgreSQL restart under load', () => {
  let server: PostgresServer;
  let dataDir: string;
  let launcher: Launcher;
  const output = () => launcher.output();
  let hubUrl: string;
  let mailUrl: string;

  beforeAll(async () => {
    assertBuilt();
    server = await startPostgresServer();
    await server.createDatabase('orbit');
    dataDir = await mkdtemp(join(tmpdir(), 'orbit-restart-'));
    const [hubPort, mailPort, spacePort] = [await freePort(), await freePort(), await freePort()];
    hubUrl = `http://localhost:${hubPort}`;
    mailUrl = `http://localhost:${mailPort}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: server.url('orbit'),
      ORBIT_DATA_DIR: dataDir,
      PORT: String(hubPort),
      ORBIT_MAIL_PORT: String(mailPort),
      ORBIT_SPACE_PORT: String(spacePort),
      ORBIT_SIGN_UPS_PER_IP_HOUR: '0',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    };
    for (const name of ['ORBIT_ISSUER', 'FORCE_COLOR']) delete env[name];
    launcher = startLauncher(env);
    await launcher.waitFor(/Orbit is up/);
  }, 120_000);

  afterAll(async () => {
    await launcher?.stop();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  interface Outcome {
    /** When the request was sent, and how long its answer took (ms). */
    at: number;
    ms: number;
    what: string;
    status: number;
    body: string;
  }

  /**
   * Keeps eight requests in flight until stopped — three readiness checks each of the hub and Mail, two sign-ups —
   * noting every answer (a connection the process refused is status 0).
   */
  function load(): { stop: () => Promise<Outcome[]> } {
    const outcomes: Outcome[] = [];
    let running = true;
    const loop = async (what: string, request: () => Promise<Response>) => {
      while (running) {
        const at = Date.now();
        try {
          const reply = await request();
          const body = reply.ok ? '' : await reply.text();
          outcomes.push({ at, ms: Date.now() - at, what, status: reply.status, body });
          // Steady, not flat out (about 150 checks a second per process): the processes' CPU stays for the
          // other suites running beside this one.
          await new Promise((resolve) => setTimeout(resolve, 20));
        } catch (error) {
          outcomes.push({
            at,
            ms: Date.now() - at,
            what,
            status: 0,
            body: String((error as Error).cause ?? error),
          });
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };
    const signUps = async () => {
      while (running) {
        const at = Date.now();
        try {
          await signUp(new HttpBrowser(), hubUrl);
          outcomes.push({ at, ms: Date.now() - at, what: 'sign-up', status: 201, body: '' });
        } catch (error) {
          const message = String((error as Error).message);
          const status = Number(/sign-up failed: (\d+)/.exec(message)?.[1] ?? 0);
          outcomes.push({ at, ms: Date.now() - at, what: 'sign-up', status, body: message });
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };
    const running_ = [
      ...Array.from({ length: 3 }, () => loop('hub', () => fetch(`${hubUrl}/readyz`))),
      ...Array.from({ length: 3 }, () => loop('mail', () => fetch(`${mailUrl}/readyz`))),
      ...Array.from({ length: 2 }, signUps),
    ];
    return {
      stop: async () => {
        running = false;
        await Promise.all(running_);
        return outcomes;
      },
    };
  }

  /** Milliseconds from `since` until every kind of request has succeeded again (and stays answered). */
  const recoveredAfter = (outcomes: Outcome[], since: number) => {
    const kinds = ['hub', 'mail', 'sign-up'];
    return Math.max(
      ...kinds.map((kind) => {
        const ok = outcomes.find(
          (o) => o.what === kind && o.at >= since && o.status >= 200 && o.status < 300,
        );
        return ok ? ok.at - since : Number.POSITIVE_INFINITY;
      }),
    );
  };

  for (const mode of ['fast', 'immediate'] as const) {
    it(`keeps every process up through ${mode === 'fast' ? 'a fast' : 'an immediate'} restart, serving again within seconds`, async () => {
      const before = await launcher.children();
      expect([...before.keys()].sort()).toEqual([
        'apps/identity/dist/main.js',
        'apps/mail/dist/main.js',
        'apps/space/dist/main.js',
      ]);
      const said = output().length;
      const traffic = load();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const restarted = Date.now();
      await server.restart(mode);
      const back = Date.now();
      // Until every kind of request has succeeded since the server came back, or the limit.
      const deadline = back + RECOVERY_LIMIT_MS + 5_000;
      let outcomes: Outcome[] = [];
      while (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        const probe = await Promise.all([
          fetch(`${hubUrl}/readyz`)
            .then((r) => r.status)
            .catch(() => 0),
          fetch(`${mailUrl}/readyz`)
            .then((r) => r.status)
            .catch(() => 0),
        ]);
        if (probe.every((status) => status === 200)) break;
      }
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      outcomes = await traffic.stop();

      // Nobody died: same processes, and the launcher had nothing to say.
      expect(await launcher.children(), output().slice(said)).toEqual(before);
      expect(output().slice(said)).not.toMatch(/orbit: .* exited/);
      expect(output().slice(said)).not.toMatch(/uncaught|unhandled/i);
      expect(recoveredAfter(outcomes, back)).toBeLessThan(RECOVERY_LIMIT_MS);
      // No request waited out the restart either (a pool that waits long to connect again would hold it).
      const slowest = outcomes.reduce((worst, o) => (o.ms > worst.ms ? o : worst));
      expect(slowest.ms, JSON.stringify(slowest)).toBeLessThan(RECOVERY_LIMIT_MS);
      // While the database was away the answers said so: readiness 503, a write 503 — never a 500.
      const failures = outcomes.filter((o) => o.status < 200 || o.status >= 300);
      expect(failures.filter((o) => o.status === 500 || o.status === 0)).toEqual([]);
      for (const o of failures) expect(o.status, JSON.stringify(o)).toBe(503);
      // Before the restart began (the requests of its first moments meet it), everything succeeded. (Once, under
      // a full npm test, a hub readiness check failed 1–2 s before the second restart; the processes' own word on
      // why goes with a failure here.)
      const early = outcomes.filter((o) => o.at < restarted - 250 && o.status !== 200 && o.status !== 201);
      const why = output()
        .slice(said)
        .split('\n')
        .filter((line) => /not ready|failed|error/i.test(line))
        .slice(0, 5)
        .join('\n');
      expect(early, `restart began at ${restarted}; the processes said:\n${why}`).toEqual([]);
    }, 60_000);
  }
});
