/**
 * `npm run bench` (second part): the OpenID Connect provider under load from one hub process on this machine —
 * client_credentials grants, refresh grants (with rotation), userinfo — and local access-token verification as
 * a service does it (jose, cached JWKS). Printed as Markdown for docs/performance.md.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { freePort } from '../net.js';
import { registerBenchClients } from './clients.js';
import { load, row } from './load.js';

const PASSWORD = 'benchmark passphrase 42';
const REDIRECT = 'http://localhost:9/cb';

async function main() {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'orbit-bench-oidc-'));
  const env = {
    ...process.env,
    PORT: String(port),
    ORBIT_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // Every bench account signs up from this one address.
    ORBIT_SIGN_UPS_PER_IP_HOUR: '0',
    ORBIT_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
  };

  const clients = await registerBenchClients(env, REDIRECT);

  const hub = spawn(
    process.execPath,
    [
      ...(process.env.ORBIT_BENCH_PROFILE
        ? ['--cpu-prof', '--cpu-prof-dir', process.env.ORBIT_BENCH_PROFILE]
        : []),
      fileURLToPath(new URL('../main.js', import.meta.url)),
    ],
    {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  try {
    for (let i = 0; i < 200; i++) {
      if (
        await fetch(`${url}/readyz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const basic = (id: string, secret: string) =>
      `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
    const serviceAuth = basic('bench-service', clients.serviceSecret);
    const appAuth = basic('bench-app', clients.appSecret);
    const tokenRequest = (auth: string, form: Record<string, string>) =>
      fetch(`${url}/oidc/token`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
      });

    // A user and a code flow to seed refresh tokens: one grant per concurrent chain.
    const signUp = await fetch(`${url}/api/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        handle: `bench${Date.now().toString(36)}`,
        displayName: 'Bench',
        password: PASSWORD,
      }),
    });
    const cookie = signUp.headers.get('set-cookie')!.split(';')[0]!;
    const { createHash } = await import('node:crypto');
    async function grant(scope: string) {
      const verifier = randomBytes(32).toString('base64url');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const authorize = new URL(`${url}/oidc/authorize`);
      for (const [k, v] of Object.entries({
        client_id: 'bench-app',
        redirect_uri: REDIRECT,
        response_type: 'code',
        scope,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      })) {
        authorize.searchParams.set(k, v);
      }
      const res = await fetch(authorize, { headers: { cookie }, redirect: 'manual' });
      const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
      const tokens = await tokenRequest(appAuth, {
        grant_type: 'authorization_code',
        code,
        code_verifier: verifier,
        redirect_uri: REDIRECT,
      });
      return (await tokens.json()) as { access_token: string; refresh_token: string };
    }

    const rows: string[] = [];
    const C = 16;
    const N = 2000;
    rows.push(
      row(
        'client_credentials grant',
        N,
        C,
        await load(
          N,
          C,
          async () =>
            (await tokenRequest(serviceAuth, { grant_type: 'client_credentials', scope: 'accounts:read' }))
              .ok,
        ),
      ),
    );

    // Refresh chains: each in-flight request rotates its own chain's token (reusing one would revoke the family).
    for (const scope of ['offline_access', 'openid offline_access']) {
      const chains = await Promise.all(Array.from({ length: C }, () => grant(scope)));
      const current = chains.map((c) => c.refresh_token);
      const result = await load(N, C, async (_i, mine) => {
        const token = current[mine]!;
        const res = await tokenRequest(appAuth, { grant_type: 'refresh_token', refresh_token: token });
        const body = (await res.json()) as { refresh_token?: string };
        current[mine] = body.refresh_token ?? '';
        return res.ok;
      });
      rows.push(
        row(`refresh grant (scope ${scope}${scope.includes('openid') ? ': + ID token' : ''})`, N, C, result),
      );
    }

    const { access_token } = await grant('openid profile');
    rows.push(
      row(
        'userinfo',
        N,
        C,
        await load(
          N,
          C,
          async () =>
            (await fetch(`${url}/oidc/userinfo`, { headers: { authorization: `Bearer ${access_token}` } }))
              .ok,
        ),
      ),
    );

    // Local verification, as a service checks each request: cached remote JWKS, signature, iss, aud, exp, typ.
    const jwks = createRemoteJWKSet(new URL(`${url}/oidc/jwks`));
    const V = 20_000;
    const verify = await load(V, 8, async () => {
      const { payload } = await jwtVerify(access_token, jwks, {
        issuer: url,
        audience: 'bench-app',
        typ: 'at+jwt',
      });
      return payload.sub !== undefined;
    });
    rows.push(row('local access-token verification (RS256, cached JWKS, in process)', V, 8, verify));

    console.log(`## OpenID Connect provider (${new Date().toISOString().slice(0, 10)})\n`);
    console.log(
      `One hub process on ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite'}; load from the bench process over loopback (hub, load and database share the 2 cores).\n`,
    );
    console.log('| operation | requests | concurrency | per second | p50 ms | p99 ms | failures |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const r of rows) console.log(r);
  } finally {
    await new Promise<void>((resolve) => {
      hub.once('exit', () => resolve());
      hub.kill('SIGTERM');
    });
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
