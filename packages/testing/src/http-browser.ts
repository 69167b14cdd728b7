interface StoredCookie {
  value: string;
  path: string;
  expires: number | undefined;
}

export interface Navigation {
  /** The last response, after following every redirect. */
  response: Response;
  /** Where the redirects ended. */
  url: string;
  /** Every URL visited, in order (the first is the one asked for). */
  visited: string[];
  text: string;
}

/**
 * A browser stand-in for tests over real HTTP: keeps cookies per host name — like browsers, ignoring the port,
 * so the hub and the services on `localhost` see each other's cookies only by name — follows redirects across
 * origins, and sends `Origin` on writes as a page of that origin would.
 */
export class HttpBrowser {
  private readonly jar = new Map<string, Map<string, StoredCookie>>();
  /** The hub's CSRF token, once signed in there. */
  csrfToken: string | undefined;

  constructor(readonly userAgent = 'Mozilla/5.0 (X11; Linux x86_64) OrbitTestBrowser/1.0') {}

  cookies(url: string): Map<string, string> {
    const { hostname, pathname } = new URL(url);
    const now = Date.now();
    const found = new Map<string, string>();
    for (const [name, cookie] of this.jar.get(hostname) ?? []) {
      if (cookie.expires !== undefined && cookie.expires <= now) continue;
      if (
        pathname === cookie.path ||
        pathname.startsWith(cookie.path.endsWith('/') ? cookie.path : `${cookie.path}/`)
      )
        found.set(name, cookie.value);
    }
    return found;
  }

  private remember(url: string, response: Response) {
    const { hostname } = new URL(url);
    const cookies = this.jar.get(hostname) ?? new Map<string, StoredCookie>();
    this.jar.set(hostname, cookies);
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = '/';
      let expires: number | undefined;
      for (const attribute of attributes) {
        const [key = '', val = ''] = attribute.split('=');
        if (/^path$/i.test(key)) path = val || '/';
        if (/^max-age$/i.test(key)) expires = Date.now() + Number(val) * 1000;
        if (/^expires$/i.test(key) && expires === undefined) expires = Date.parse(val);
      }
      if (!value || (expires !== undefined && expires <= Date.now())) cookies.delete(name);
      else cookies.set(name, { value, path, expires });
    }
  }

  /** One request (no redirect following), with this browser's cookies; remembers the cookies it sets. */
  async fetch(url: string, init: RequestInit & { fromOrigin?: string } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = [...this.cookies(url)].map(([name, value]) => `${name}=${value}`).join('; ');
    if (cookie) headers.set('cookie', cookie);
    headers.set('user-agent', this.userAgent);
    const method = (init.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD' && !headers.has('origin')) {
      headers.set('origin', init.fromOrigin ?? new URL(url).origin);
    }
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.remember(url, response);
    return response;
  }

  /** Opens a URL as a link click would, following redirects (at most 20). */
  async navigate(url: string): Promise<Navigation> {
    const visited = [url];
    let current = url;
    for (let hop = 0; hop < 20; hop++) {
      const response = await this.fetch(current);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        current = new URL(location, current).href;
        visited.push(current);
        continue;
      }
      return { response, url: current, visited, text: await response.text() };
    }
    throw new Error(`too many redirects from ${url}: ${visited.join(' → ')}`);
  }

  /** A JSON API call from a page of the URL's own origin; the hub's CSRF token goes along when known. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read bodies loosely, asserting on their shape
  async json<T = any>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await this.fetch(url, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.csrfToken && method !== 'GET' ? { 'x-csrf-token': this.csrfToken } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as T) : (undefined as T);
    const token = (parsed as { csrfToken?: string } | undefined)?.csrfToken;
    if (token) this.csrfToken = token;
    return { status: response.status, headers: response.headers, body: parsed };
  }
}
