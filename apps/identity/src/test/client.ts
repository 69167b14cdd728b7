import { cookieHeader, rememberCookies } from './cookies.js';
import type { TestHub } from './hub.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read reply bodies loosely, asserting on their shape
export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

let counter = 0;
/** A unique, valid handle for a test account. */
export const uniqueHandle = (prefix = 'user') =>
  `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;
export const GOOD_PASSWORD = 'correct horse battery staple';

/**
 * A browser stand-in: keeps the session cookie and the CSRF token, and sends requests through the app as a
 * browser on our own origin would (with an `Origin` header on writes).
 */
export class TestBrowser {
  /** The session cookie (`name=value`), as the hub set it. */
  cookie: string | undefined;
  /** Every other cookie the hub set (a pending sign-in, a passkey ceremony), by name. */
  readonly otherCookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(
    private readonly hub: Pick<TestHub, 'app' | 'config'>,
    readonly ip = '203.0.113.10',
    readonly userAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
  ) {}

  // biome-ignore lint/suspicious/noExplicitAny: as above
  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    init: { headers?: Record<string, string>; raw?: string | Uint8Array } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = {
      'user-agent': this.userAgent,
      'x-forwarded-for': this.ip,
      ...cookieHeader(this),
      ...(method !== 'GET' ? { origin: this.hub.config.issuer } : {}),
      ...(method !== 'GET' && this.csrfToken ? { 'x-csrf-token': this.csrfToken } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    };
    const res = await this.hub.app.request(path, {
      method,
      headers,
      body: init.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    rememberCookies(this, res);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    const reply = { status: res.status, headers: res.headers, body: parsed as T };
    const token = (parsed as { csrfToken?: string } | undefined)?.csrfToken;
    if (token) this.csrfToken = token;
    return reply;
  }

  signUp(overrides: Partial<{ handle: string; displayName: string; email: string; password: string }> = {}) {
    return this.request('POST', '/api/accounts', {
      handle: uniqueHandle(),
      displayName: 'Test User',
      password: GOOD_PASSWORD,
      ...overrides,
    });
  }

  signIn(identifier: string, password = GOOD_PASSWORD) {
    return this.request('POST', '/api/sessions', { identifier, password });
  }
}

/** A response's JSON body, read loosely for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: tests assert on the shape
export const bodyOf = (res: Response): Promise<any> => res.json();
