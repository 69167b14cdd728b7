interface StoredCookie {
  value: string;
  path: string;
  expires: number | undefined;
  sameSite: 'strict' | 'lax' | 'none';
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

/** The document the browser shows: where it came from and the referrer policy it was served with. */
export interface CurrentPage {
  url: string;
  referrerPolicy: ReferrerPolicyValue;
}

type ReferrerPolicyValue =
  | 'no-referrer'
  | 'no-referrer-when-downgrade'
  | 'same-origin'
  | 'origin'
  | 'strict-origin'
  | 'origin-when-cross-origin'
  | 'strict-origin-when-cross-origin'
  | 'unsafe-url';

const POLICIES = new Set<string>([
  'no-referrer',
  'no-referrer-when-downgrade',
  'same-origin',
  'origin',
  'strict-origin',
  'origin-when-cross-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
]);

/** Browsers' default when a page names no policy (or none they know). */
const DEFAULT_POLICY: ReferrerPolicyValue = 'strict-origin-when-cross-origin';

/** A `Referrer-Policy` header's policy: the last value the browser knows wins (W3C Referrer Policy §4.1). */
export function parseReferrerPolicy(header: string | null | undefined): ReferrerPolicyValue {
  const known = (header ?? '')
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter((token) => POLICIES.has(token));
  return (known.at(-1) as ReferrerPolicyValue | undefined) ?? DEFAULT_POLICY;
}

const isIp = (host: string) => /^[\d.]+$/.test(host) || host.startsWith('[');

/** Whether a URL is "potentially trustworthy" (https, or a loopback host), so no downgrade. */
const trustworthy = (url: URL) =>
  url.protocol === 'https:' ||
  url.hostname === 'localhost' ||
  url.hostname.endsWith('.localhost') ||
  url.hostname === '127.0.0.1' ||
  url.hostname === '[::1]';

/**
 * The site of a URL (scheme and registrable domain; ports don't count). Without the public suffix list this
 * takes the last two labels of a name — right for `localhost`, IP addresses and `*.example.com`, which is what
 * tests use.
 */
function site(url: URL): string {
  const host = url.hostname;
  const domain = isIp(host) ? host : host.split('.').slice(-2).join('.');
  return `${url.protocol}//${domain}`;
}

type FetchSite = 'none' | 'same-origin' | 'same-site' | 'cross-site';

/**
 * `Sec-Fetch-Site` (Fetch Metadata §2.1): how the initiator's origin relates to every URL the request went
 * through, the least trusted winning; `none` for what the user started (address bar, bookmark).
 */
export function fetchSite(initiator: string | undefined, urls: readonly string[]): FetchSite {
  if (initiator === undefined) return 'none';
  if (initiator === 'null') return 'cross-site';
  const from = new URL(initiator);
  let result: FetchSite = 'same-origin';
  for (const url of urls) {
    const to = new URL(url);
    if (to.origin === from.origin) continue;
    if (site(to) !== site(from)) return 'cross-site';
    result = 'same-site';
  }
  return result;
}

/**
 * The `Origin` a page sends with a request that isn't CORS (a form post), per its referrer policy (Fetch
 * §"serializing a request origin"): `null` under `no-referrer`, and under `same-origin` for another origin.
 */
export function formOrigin(page: CurrentPage, target: string): string {
  const from = new URL(page.url);
  const to = new URL(target);
  switch (page.referrerPolicy) {
    case 'no-referrer':
      return 'null';
    case 'same-origin':
      return from.origin === to.origin ? from.origin : 'null';
    case 'no-referrer-when-downgrade':
    case 'strict-origin':
    case 'strict-origin-when-cross-origin':
      return from.protocol === 'https:' && !trustworthy(to) ? 'null' : from.origin;
    default:
      return from.origin;
  }
}

/** The `Referer` a page sends to `target` per its referrer policy (W3C Referrer Policy §8.3), or none. */
export function referrerFor(page: CurrentPage, target: string): string | undefined {
  const from = new URL(page.url);
  from.hash = '';
  from.username = '';
  from.password = '';
  const to = new URL(target);
  const full = from.href;
  const originOnly = `${from.origin}/`;
  const sameOrigin = from.origin === to.origin;
  const downgrade = from.protocol === 'https:' && !trustworthy(to);
  switch (page.referrerPolicy) {
    case 'no-referrer':
      return undefined;
    case 'origin':
      return originOnly;
    case 'unsafe-url':
      return full;
    case 'same-origin':
      return sameOrigin ? full : undefined;
    case 'strict-origin':
      return downgrade ? undefined : originOnly;
    case 'origin-when-cross-origin':
      return sameOrigin ? full : originOnly;
    case 'no-referrer-when-downgrade':
      return downgrade ? undefined : full;
    default:
      return sameOrigin ? full : downgrade ? undefined : originOnly;
  }
}

export interface HttpBrowserOptions {
  userAgent?: string;
  /** Send `Sec-Fetch-*` headers, as every current browser does (default true). */
  fetchMetadata?: boolean;
}

/** What one request is, as the browser decides which headers and cookies go with it. */
interface RequestContext {
  /** The origin of the page or script that started it (`null` for an opaque one); undefined: the user did. */
  initiator: string | undefined;
  /** Every URL so far, this one last (redirects included). */
  urls: string[];
  mode: 'navigate' | 'cors';
}

/**
 * A browser stand-in for tests over real HTTP that sends what Chromium sends:
 * - cookies per host name — like browsers, ignoring the port, so the hub and the services on `localhost` see
 *   each other's cookies only by name — honouring `SameSite` (`Lax` by default, as in Chromium): a cross-site
 *   request carries no `Strict` cookie, and a `Lax` one only on a top-level GET navigation;
 * - `Sec-Fetch-Site` on every request (not `Sec-Fetch-Mode`: Node's fetch always says `cors` there);
 * - on a form post (`submit`), `Origin` and `Referer` per the current page's `Referrer-Policy` — so under the
 *   `no-referrer` every Orbit page sends, a same-origin form post says `Origin: null`, as Chromium's does;
 * - on an API call (`json`, `fetch`: a script's `fetch()`, CORS mode), its page's real `Origin` on writes.
 *
 * It follows redirects across origins, and remembers the page it shows (`page`) after each navigation.
 */
export class HttpBrowser {
  private readonly jar = new Map<string, Map<string, StoredCookie>>();
  /** The hub's CSRF token, once signed in there. */
  csrfToken: string | undefined;
  /** The document last navigated to (`navigate`, `click`, `submit`), whose links and forms `click`/`submit` use. */
  page: CurrentPage | undefined;

  readonly userAgent: string;
  /** Whether it sends Fetch Metadata (`Sec-Fetch-*`); off, it is an older browser that only sends `Origin`. */
  readonly fetchMetadata: boolean;

  /** `options` as a string is the user agent (the older signature). */
  constructor(options: string | HttpBrowserOptions = {}) {
    const { userAgent = 'Mozilla/5.0 (X11; Linux x86_64) OrbitTestBrowser/1.0', fetchMetadata = true } =
      typeof options === 'string' ? { userAgent: options } : options;
    this.userAgent = userAgent;
    this.fetchMetadata = fetchMetadata;
  }

  /** The cookies a same-site request to `url` would carry, by name. */
  cookies(url: string): Map<string, string> {
    return this.cookiesFor(url, { initiator: undefined, urls: [url], mode: 'navigate' }, 'GET');
  }

  private cookiesFor(url: string, request: RequestContext, method: string): Map<string, string> {
    const { hostname, pathname } = new URL(url);
    const now = Date.now();
    const crossSite = fetchSite(request.initiator, request.urls) === 'cross-site';
    const topLevelGet = request.mode === 'navigate' && method === 'GET';
    const found = new Map<string, string>();
    for (const [name, cookie] of this.jar.get(hostname) ?? []) {
      if (cookie.expires !== undefined && cookie.expires <= now) continue;
      if (crossSite && (cookie.sameSite === 'strict' || (cookie.sameSite === 'lax' && !topLevelGet)))
        continue;
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
      let sameSite: StoredCookie['sameSite'] = 'lax';
      for (const attribute of attributes) {
        const [key = '', val = ''] = attribute.split('=');
        if (/^path$/i.test(key)) path = val || '/';
        if (/^max-age$/i.test(key)) expires = Date.now() + Number(val) * 1000;
        if (/^expires$/i.test(key) && expires === undefined) expires = Date.parse(val);
        if (/^samesite$/i.test(key) && /^(strict|lax|none)$/i.test(val)) {
          sameSite = val.toLowerCase() as StoredCookie['sameSite'];
        }
      }
      if (!value || (expires !== undefined && expires <= Date.now())) cookies.delete(name);
      else cookies.set(name, { value, path, expires, sameSite });
    }
  }

  /** Sends one request with the headers and cookies `request` calls for; remembers the cookies it sets. */
  private async send(url: string, init: RequestInit, request: RequestContext): Promise<Response> {
    const headers = new Headers(init.headers);
    const method = (init.method ?? 'GET').toUpperCase();
    const cookie = [...this.cookiesFor(url, request, method)]
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
    if (cookie) headers.set('cookie', cookie);
    headers.set('user-agent', this.userAgent);
    // Only the site: Node's fetch sends `Sec-Fetch-Mode: cors` whatever it is told, so `navigate` can't be said.
    if (this.fetchMetadata && !headers.has('sec-fetch-site')) {
      headers.set('sec-fetch-site', fetchSite(request.initiator, request.urls));
    }
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.remember(url, response);
    return response;
  }

  /**
   * One request as a page's script makes it with `fetch()` (no redirect following), with this browser's
   * cookies: a write carries `Origin` — `fromOrigin`, else the URL's own — and `Sec-Fetch-Site` says how that
   * origin relates to the URL. A header given in `init` (`origin`, `sec-fetch-site`) replaces the browser's.
   */
  async fetch(url: string, init: RequestInit & { fromOrigin?: string } = {}): Promise<Response> {
    const { fromOrigin, ...rest } = init;
    const headers = new Headers(rest.headers);
    const method = (rest.method ?? 'GET').toUpperCase();
    const initiator = headers.get('origin') ?? fromOrigin ?? new URL(url).origin;
    if (method !== 'GET' && method !== 'HEAD' && !headers.has('origin')) headers.set('origin', initiator);
    return this.send(url, { ...rest, headers }, { initiator, urls: [url], mode: 'cors' });
  }

  /**
   * Opens a URL as typed into the address bar (or a bookmark: `Sec-Fetch-Site: none`, no referrer), following
   * redirects (at most 20). The page it ends on becomes `page`.
   */
  async navigate(url: string): Promise<Navigation> {
    return this.follow(url, { method: 'GET' }, undefined, undefined);
  }

  /**
   * Follows a link on the current page (`page`) to `href` (relative to it): `Referer` per the page's referrer
   * policy, `Sec-Fetch-Site` from the page's origin.
   */
  async click(href: string): Promise<Navigation> {
    const page = this.currentPage('click a link');
    const url = new URL(href, page.url).href;
    return this.follow(url, { method: 'GET' }, new URL(page.url).origin, page);
  }

  /**
   * Submits a form on the current page (`page`) to `action` (relative to it), as a browser does: fields
   * URL-encoded, `Origin` and `Referer` per the page's referrer policy — `Origin: null` under `no-referrer` —
   * and redirects followed (a 302/303 turns the POST into a GET).
   *
   * @example
   * await browser.navigate(`${service.url}/`);
   * const out = await browser.submit('/auth/logout'); // the page's sign-out button
   */
  async submit(
    action: string,
    fields: Record<string, string> = {},
    options: { method?: 'POST' | 'GET' } = {},
  ): Promise<Navigation> {
    const page = this.currentPage('submit a form');
    const url = new URL(action, page.url);
    const body = new URLSearchParams(fields);
    if (options.method === 'GET') {
      url.search = body.toString();
      return this.follow(url.href, { method: 'GET' }, new URL(page.url).origin, page);
    }
    return this.follow(
      url.href,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: formOrigin(page, url.href),
        },
        body: body.toString(),
      },
      new URL(page.url).origin,
      page,
    );
  }

  private currentPage(what: string): CurrentPage {
    if (!this.page) throw new Error(`HttpBrowser: no page is open to ${what} on; navigate first`);
    return this.page;
  }

  private async follow(
    url: string,
    first: { method: string; headers?: Record<string, string>; body?: string },
    initiator: string | undefined,
    from: CurrentPage | undefined,
  ): Promise<Navigation> {
    const visited = [url];
    let current = url;
    let init = first;
    for (let hop = 0; hop < 20; hop++) {
      const headers = new Headers(init.headers);
      const referrer = from ? referrerFor(from, current) : undefined;
      if (referrer) headers.set('referer', referrer);
      const response = await this.send(
        current,
        { method: init.method, headers, body: init.body },
        { initiator, urls: visited, mode: 'navigate' },
      );
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        current = new URL(location, current).href;
        visited.push(current);
        // 301/302/303 after a POST continue as a GET without a body (Fetch §4.4), so without `Origin`.
        if (response.status !== 307 && response.status !== 308) init = { method: 'GET' };
        continue;
      }
      this.page = {
        url: current,
        referrerPolicy: parseReferrerPolicy(response.headers.get('referrer-policy')),
      };
      return { response, url: current, visited, text: await response.text() };
    }
    throw new Error(`too many redirects from ${url}: ${visited.join(' → ')}`);
  }

  /** A JSON API call from a page of the URL's own origin; the hub's CSRF token goes along when known. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read bodies loosely, asserting on their shape
  async json<T = any>(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; headers: Headers; body: T }> {
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
