import { serve } from '@hono/node-server';
import * as client from 'openid-client';
import { freePort } from '../net.js';
import { GOOD_PASSWORD, uniqueHandle } from './client.js';
import { cookieHeader, rememberCookies } from './cookies.js';
import { startTestHub } from './hub.js';

/** A test hub listening over HTTP, so a real OIDC client library can talk to it. */
export async function startOidcTestServer(env: Record<string, string> = {}) {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const hub = await startTestHub({ ORBIT_ISSUER: url, PORT: String(port), ...env });
  const server = serve({ fetch: hub.app.fetch, port, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    url,
    hub,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await hub.close();
    },
  };
}

export type OidcTestServer = Awaited<ReturnType<typeof startOidcTestServer>>;

/**
 * A browser for flows that cross pages: keeps the hub's cookies, follows nothing by itself, and reports where
 * each response sends it.
 */
export class FlowBrowser {
  /** The session cookie (`name=value`), as the hub set it. */
  cookie: string | undefined;
  /** Every other cookie the hub set (a pending sign-in, a passkey ceremony), by name. */
  readonly otherCookies = new Map<string, string>();
  csrfToken: string | undefined;
  constructor(readonly base: string) {}

  async get(url: string): Promise<Response> {
    const res = await fetch(new URL(url, this.base), {
      redirect: 'manual',
      headers: cookieHeader(this),
    });
    rememberCookies(this, res);
    return res;
  }

  async api(method: string, path: string, body?: unknown): Promise<Response> {
    const res = await fetch(new URL(path, this.base), {
      method,
      headers: {
        origin: this.base,
        'content-type': 'application/json',
        ...cookieHeader(this),
        ...(this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    rememberCookies(this, res);
    return res;
  }

  async signUpAndIn(): Promise<{ id: string; accountNumber: string; handle: string }> {
    const handle = uniqueHandle('oidc');
    const res = await this.api('POST', '/api/accounts', {
      handle,
      displayName: 'OIDC User',
      email: `${handle}@example.com`,
      password: GOOD_PASSWORD,
    });
    const body = (await res.json()) as {
      account: { id: string; accountNumber: string; handle: string };
      csrfToken: string;
    };
    this.csrfToken = body.csrfToken;
    return body.account;
  }

  async signIn(identifier: string, password = GOOD_PASSWORD): Promise<void> {
    const res = await this.api('POST', '/api/sessions', { identifier, password });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status}`);
    this.csrfToken = ((await res.json()) as { csrfToken: string }).csrfToken;
  }
}

export const location = (res: Response) =>
  new URL(res.headers.get('location') ?? '', 'http://relative.invalid');

/** Discovers the hub with openid-client, as a relying party would, over plain http (tests only). */
export function discover(
  server: OidcTestServer,
  clientId: string,
  secret?: string,
  auth?: client.ClientAuth,
) {
  return client.discovery(
    new URL(server.url),
    clientId,
    secret,
    auth ?? (secret ? client.ClientSecretBasic(secret) : client.None()),
    {
      execute: [client.allowInsecureRequests],
    },
  );
}

export { client };
