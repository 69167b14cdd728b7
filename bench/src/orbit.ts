/**
 * Orbit's hub for `npm run bench:compare`: the built hub (`dist/main.js`) in its own process, as `npm start`
 * runs it, on a fresh embedded PGlite folder or a fresh PostgreSQL database, with the bench's clients registered
 * before it starts and one signed-in user.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@orbit/db/testing';
import { registerBenchClients } from '@orbit/identity/bench';
import type { Target } from './compare.js';
import { freePort, waitForExit, waitForOk } from './http.js';
import { REDIRECT_URI } from './peer-config.js';
import { loadOf } from './scenarios.js';

const PASSWORD = 'benchmark passphrase 42';

/**
 * The machine's PostgreSQL, as a hub on the same machine should reach it: through its Unix socket when there is
 * one (`?host=`, see @orbit/db `connectPostgres`), otherwise over loopback TCP.
 */
function defaultServerUrl(): string {
  const socketDir = '/var/run/postgresql';
  return existsSync(join(socketDir, '.s.PGSQL.5432'))
    ? `postgres://postgres@localhost:5432/test?host=${socketDir}`
    : 'postgres://postgres@127.0.0.1:5432/test';
}

/**
 * Orbit's hub as `npm start` runs it: on a fresh embedded PGlite folder, on a fresh PostgreSQL database, or
 * there with two hub processes sharing the port (`postgres2`: `ORBIT_HUB_PROCESSES=2`, one per core).
 */
export async function startOrbit(
  kind: 'pglite' | 'postgres' | 'postgres2',
  connections: number,
): Promise<Target> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'orbit-bench-compare-'));
  const database =
    kind !== 'pglite'
      ? await createTestDatabase(process.env.ORBIT_BENCH_DATABASE_URL ?? defaultServerUrl())
      : undefined;
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    ORBIT_DATA_DIR: dataDir,
    DATABASE_URL: database?.url,
    // Every bench account signs up from this one address.
    ORBIT_SIGN_UPS_PER_IP_HOUR: '0',
    ORBIT_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
    ORBIT_HUB_PROCESSES: kind === 'postgres2' ? '2' : '1',
  };
  let child: ChildProcess | undefined;
  try {
    const clients = await registerBenchClients(env, REDIRECT_URI);

    child = spawn(
      process.execPath,
      [
        ...(process.env.ORBIT_BENCH_PROFILE
          ? ['--cpu-prof', '--cpu-prof-dir', process.env.ORBIT_BENCH_PROFILE]
          : []),
        fileURLToPath(new URL('./main.js', import.meta.resolve('@orbit/identity'))),
      ],
      { env, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    await waitForOk(`${url}/readyz`);

    const basic = (id: string, secret: string) =>
      `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
    const appAuth = basic('bench-app', clients.appSecret);
    const signUp = await fetch(`${url}/api/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        handle: `bench${Date.now().toString(36)}`,
        displayName: 'Bench',
        password: PASSWORD,
      }),
    });
    const cookie = signUp.headers.get('set-cookie')?.split(';')[0];
    if (!signUp.ok || !cookie) throw new Error(`Orbit sign-up: ${signUp.status} ${await signUp.text()}`);

    /** A code flow of the bench user for bench-app: its tokens (`openid offline_access`). */
    async function signIn(): Promise<{ access_token?: string; refresh_token?: string }> {
      const verifier = randomBytes(32).toString('base64url');
      const authorize = new URL(`${url}/oidc/authorize`);
      authorize.search = new URLSearchParams({
        client_id: 'bench-app',
        redirect_uri: REDIRECT_URI,
        response_type: 'code',
        scope: 'openid offline_access',
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
      }).toString();
      const res = await fetch(authorize, { headers: { cookie: cookie! }, redirect: 'manual' });
      const code = new URL(res.headers.get('location') ?? 'x:').searchParams.get('code');
      if (!code) throw new Error(`Orbit authorize: ${res.status} ${res.headers.get('location')}`);
      const tokens = await fetch(`${url}/oidc/token`, {
        method: 'POST',
        headers: { authorization: appAuth, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          code_verifier: verifier,
          redirect_uri: REDIRECT_URI,
        }),
      });
      const body = (await tokens.json()) as { access_token?: string; refresh_token?: string };
      if (!body.refresh_token || !body.access_token) throw new Error(`Orbit tokens: ${JSON.stringify(body)}`);
      return body;
    }
    const refreshToken = async () => (await signIn()).refresh_token!;

    return {
      id: kind,
      label: {
        pglite: 'Orbit (PGlite)',
        postgres: 'Orbit (PostgreSQL)',
        postgres2: 'Orbit (PostgreSQL, 2 processes)',
      }[kind],
      url,
      pid: child.pid!,
      prepare: (scenario) =>
        loadOf(scenario, {
          tokenPath: '/oidc/token',
          authorizePath: '/oidc/authorize',
          serviceAuth: basic('bench-service', clients.serviceSecret),
          es256ServiceAuth: basic('bench-service-es256', clients.es256ServiceSecret),
          appAuth,
          clientId: 'bench-app',
          codeScope: 'openid',
          cookie: cookie!,
          connections,
          refreshTokens: (count) => Promise.all(Array.from({ length: count }, () => refreshToken())),
          userAccessToken: async () => (await signIn()).access_token!,
          userinfoPath: '/oidc/userinfo',
          introspectionPath: '/oidc/introspect',
          entitlements: {
            path: `/api/v1/entitlements/${clients.memberSub}`,
            serviceToken: async () => {
              const res = await fetch(`${url}/oidc/token`, {
                method: 'POST',
                headers: {
                  authorization: basic('bench-service', clients.serviceSecret),
                  'content-type': 'application/x-www-form-urlencoded',
                },
                body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'entitlements:read' }),
              });
              const body = (await res.json()) as { access_token?: string };
              if (!body.access_token) throw new Error(`Orbit service token: ${JSON.stringify(body)}`);
              return body.access_token;
            },
          },
        }),
      stop: async () => {
        child!.kill('SIGTERM');
        await waitForExit(child!);
        await database?.drop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (child) {
      child.kill('SIGTERM');
      await waitForExit(child);
    }
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
