import { createServer, type Server } from 'node:http';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientRejected, hubUnreachable } from './hub-connection.js';

/**
 * What openid-client throws at a code exchange when the hub is down, failing, or refusing: the real errors, from
 * a token endpoint this test serves (or doesn't).
 */
describe('hubUnreachable', () => {
  let server: Server;
  let port = 0;
  let answer: { status: number; type: string; body: string } = { status: 200, type: 'text/plain', body: '' };
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(answer.status, { 'content-type': answer.type, 'cache-control': 'no-store' });
      res.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function exchangeError(tokenPort: number): Promise<unknown> {
    const issuer = `http://127.0.0.1:${tokenPort}`;
    const config = new oidc.Configuration(
      { issuer, token_endpoint: `${issuer}/oidc/token` },
      'svc',
      { client_secret: 'secret' },
      oidc.ClientSecretBasic('secret'),
    );
    oidc.allowInsecureRequests(config);
    const state = oidc.randomState();
    return oidc
      .authorizationCodeGrant(config, new URL(`http://svc.test/auth/callback?code=abc&state=${state}`), {
        expectedState: state,
        pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
        idTokenExpected: true,
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
  }

  it('is true when nothing listens (a hub restarting)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await exchangeError(deadPort);
    expect(error).toBeDefined();
    expect(hubUnreachable(error)).toBe(true);
  });

  it('is true for a 5xx, whether an OAuth error body or a proxy’s page', async () => {
    answer = {
      status: 503,
      type: 'application/json',
      body: JSON.stringify({ error: 'temporarily_unavailable', error_description: 'database' }),
    };
    expect(hubUnreachable(await exchangeError(port))).toBe(true);
    answer = { status: 502, type: 'text/html', body: '<h1>502 Bad Gateway</h1>' };
    expect(hubUnreachable(await exchangeError(port))).toBe(true);
  });

  it('is false for what trying again won’t fix: a used code, a refused client', async () => {
    answer = { status: 400, type: 'application/json', body: JSON.stringify({ error: 'invalid_grant' }) };
    const used = await exchangeError(port);
    expect(hubUnreachable(used)).toBe(false);
    answer = { status: 401, type: 'application/json', body: JSON.stringify({ error: 'invalid_client' }) };
    const refused = await exchangeError(port);
    expect(hubUnreachable(refused)).toBe(false);
    expect(clientRejected(refused)).toBe(true);
  });
});
